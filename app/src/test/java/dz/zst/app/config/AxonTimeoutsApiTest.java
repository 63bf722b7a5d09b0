package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Axon's handler time limits stay off (application.yml, axon.timeout): in 4.13.0 each one walks
 * the calling thread's stack when a handler starts. If a future change of configuration or of
 * Axon's auto-configuration brings them back, this says so; take them back only with an Axon
 * version that has AxonFramework#4637's fix.
 */
class AxonTimeoutsApiTest extends ApiTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void axonsHandlerTimeLimitsAreNotInstalled() {
        assertThat(context.getBeanNamesForType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        assertThat(context.getBeanNamesForType(org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration.class))
                .isEmpty();
    }
}
