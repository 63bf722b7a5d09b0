package dz.zst.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** Configuration outcomes that need no running platform. */
class SecurityStartupTest {

    private static final ClerkProperties NOTHING = new ClerkProperties("", "", "", "", "");

    private static ObjectProvider<DevSigningKey> noDevKey() {
        return new StaticListableBeanFactory().getBeanProvider(DevSigningKey.class);
    }

    @Test
    void refusesToStartWhenNobodyCouldSignIn() {
        assertThatThrownBy(() -> new TokenDecoders().jwtDecoder(NOTHING, noDevKey()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Nobody could sign in");
    }

    @Test
    void refusesClerkKeyWithoutIssuer() {
        ClerkProperties noIssuer = new ClerkProperties("", "https://clerk.example/.well-known/jwks.json", "", "", "");
        assertThatThrownBy(() -> new TokenDecoders().jwtDecoder(noIssuer, noDevKey()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CLERK_ISSUER");
    }

    @Test
    void startsWithJwksAndIssuerOnly() {
        ClerkProperties jwks = new ClerkProperties("", "https://clerk.example/.well-known/jwks.json",
                "https://clerk.example", "", "");
        assertThat(new TokenDecoders().jwtDecoder(jwks, noDevKey())).isNotNull();
    }

    @Test
    void devSigningKeySurvivesARestart(@TempDir Path dataDir) {
        DevSigningKey first = new DevSigningKey(dataDir.toString());
        DevSigningKey second = new DevSigningKey(dataDir.toString());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(dataDir.resolve("dev-auth/signing-key.pem")).exists();
    }

    @Test
    void devSignInDoesNotExistWhenDisabled() {
        new ApplicationContextRunner()
                .withUserConfiguration(DevAuthController.class, DevSigningKey.class)
                .withPropertyValues("zst.dev-auth.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DevAuthController.class)
                        .doesNotHaveBean(DevSigningKey.class));
    }

    @Test
    void webhookWithoutSecretIsUnavailable() {
        ClerkWebhookController controller = new ClerkWebhookController(NOTHING, null, null, null);
        ResponseEntity<Object> response = controller.receive("{}", new HttpHeaders());
        assertThat(response.getStatusCode().value()).isEqualTo(503);
    }
}
