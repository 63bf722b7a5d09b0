package dz.zst.app.support;

import dz.zst.app.ZstApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every API test: the real application on a random port, on the embedded PostgreSQL and
 * Redis (fresh data folder per test JVM). All API tests share this one configuration so Spring's
 * context cache starts the platform once per test run.
 */
@SpringBootTest(classes = ZstApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTestBase {

    @LocalServerPort
    protected int port;

    /** Actuator's port (metrics, probes), apart from the API's; bound to the loopback address by default. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected org.springframework.core.env.Environment environment;

    /** Mobile pushes go to the JVM's Expo stand-in (the same for every API test: one context). */
    @DynamicPropertySource
    static void expoStandIn(DynamicPropertyRegistry registry) {
        registry.add("zst.expo.push-url", () -> ExpoStandIn.shared().pushUrl());
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }
}
