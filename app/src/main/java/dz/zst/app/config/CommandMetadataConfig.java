package dz.zst.app.config;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the request metadata interceptor on the command gateway explicitly. Axon's interceptor
 * auto-configuration did not attach a dispatch interceptor bean to the gateway in this setup
 * (checked on 4.13.0: the gateway's interceptor list stayed empty), so relying on it would drop
 * the metadata silently; the API test on command metadata guards this.
 */
@Configuration
public class CommandMetadataConfig {

    @Bean
    public RequestMetadataInterceptor requestMetadataInterceptor() {
        return new RequestMetadataInterceptor();
    }

    @Bean
    public SmartInitializingSingleton requestMetadataOnCommandGateway(CommandGateway gateway,
                                                                      RequestMetadataInterceptor interceptor) {
        return () -> gateway.registerDispatchInterceptor(interceptor);
    }
}
