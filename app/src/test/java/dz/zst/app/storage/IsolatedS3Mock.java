package dz.zst.app.storage;

import com.adobe.testing.s3mock.S3MockApplication;
import com.adobe.testing.s3mock.junit5.S3MockExtension;

/**
 * S3Mock in-process, kept apart from the platform it shares a classpath with. S3Mock is a Spring
 * Boot application: started as the stock extension does, it would read our application.yml (snake
 * case JSON, port 3000), run our embedded PostgreSQL/Redis bootstrap and put Spring Security in front
 * of its endpoints. Command-line arguments outrank all of that and leave the JVM's properties alone.
 */
final class IsolatedS3Mock extends S3MockExtension {

    private static final String[] ISOLATION = {
            "--spring.config.location=classpath:/application.properties",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/s3mock-uses-no-database",
            "--spring.data.redis.host=127.0.0.1",
            "--axon.axonserver.enabled=false",
            "--spring.autoconfigure.exclude="
                    + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration,"
                    + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
    };

    IsolatedS3Mock(String... initialBuckets) {
        properties.put("silent", true);
        properties.put("secureConnection", false);
        properties.put("com.adobe.testing.s3mock.store.initialBuckets", String.join(",", initialBuckets));
    }

    @Override
    protected void start() {
        s3MockFileStore = S3MockApplication.start(properties, ISOLATION);
    }
}
