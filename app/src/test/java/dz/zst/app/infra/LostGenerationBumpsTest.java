package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TcpProxy;
import dz.zst.domain.shared.ReadModel;
import dz.zst.projection.shared.ReadModelGenerations;
import io.lettuce.core.ClientOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A generation bump that Redis refuses is not dropped: it is kept and made once Redis answers
 * again, so no cache serves, after an outage, rows older than a write made during it. The outage is
 * real for this client only: its connection runs through a relay the test cuts.
 */
class LostGenerationBumpsTest extends ApiTestBase {

    @Autowired
    private StringRedisTemplate shared;

    @Test
    void aBumpRedisRefusedIsMadeWhenRedisIsBack() throws Exception {
        try (TcpProxy relay = new TcpProxy(Integer.parseInt(environment.getRequiredProperty("spring.data.redis.port")))) {
            LettuceConnectionFactory connections = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration("127.0.0.1", relay.port()),
                    LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1))
                            .clientOptions(ClientOptions.builder()
                                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                            .build());
            connections.afterPropertiesSet();
            connections.start();
            ReadModelGenerations generations = new ReadModelGenerations(new StringRedisTemplate(connections));
            try {
                assertThat(generations.bumpNow(ReadModel.PRODUCTS)).isTrue();
                String before = shared.opsForValue().get(ReadModel.PRODUCTS.generationKey());

                relay.cut();
                assertThat(generations.bumpNow(ReadModel.PRODUCTS)).as("refused while Redis is away").isFalse();
                generations.bumpRow(ReadModel.USERS, "lost-row");
                assertThat(generations.lostBumps()).isEqualTo(2);
                assertThat(shared.opsForValue().get(ReadModel.PRODUCTS.generationKey())).isEqualTo(before);

                relay.restore();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(generations.lostBumps()).isZero());
                assertThat(shared.opsForValue().get(ReadModel.PRODUCTS.generationKey())).isNotEqualTo(before);
                assertThat(shared.opsForValue().get(ReadModel.USERS.generationKey("lost-row"))).isNotNull();
            } finally {
                generations.destroy();
                connections.destroy();
            }
        }
    }
}
