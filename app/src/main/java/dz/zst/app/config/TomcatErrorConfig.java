package dz.zst.app.config;

import dz.zst.app.web.ProblemErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's own handling of a request before any servlet: its rejections answer in the contract's
 * error shape too, and encoded slashes reach Spring Security's firewall, which decides per route.
 */
@Configuration
public class TomcatErrorConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        // The host reads the class name when it starts, which happens after the contexts are prepared.
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * Tomcat refuses {@code %2F} in any path by default (a bare 400 before any filter runs), which
     * is connector-wide and so cannot make an exception for one route. Passed through still encoded,
     * {@code %2F} is not a separator to Tomcat's normalisation nor to the servlet path, and Spring
     * Security's firewall refuses it on every route but the storage delete ({@code EncodedSlashFirewall}).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesToTheFirewall() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
