package dz.zst.command.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which storage a deployment gets from its R2_* settings (API.md §12). */
class StorageConfigurationTest {

    @TempDir
    Path data;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(StorageConfiguration.class)
                .withPropertyValues("zst.data-dir=" + data, "zst.public-url=https://api.zst.test");
    }

    @Test
    void usesLocalFilesWhenNoBucketIsConfigured() {
        runner().withPropertyValues("zst.storage.r2-endpoint=", "zst.storage.r2-bucket-name=").run(context -> {
            assertThat(context).hasSingleBean(FileStorage.class).hasSingleBean(LocalFileStorage.class);
            assertThat(context.getBean(LocalFileStorage.class).root()).isEqualTo(data.resolve("media"));
            assertThat(data.resolve("storage-signing.key")).exists();
        });
    }

    @Test
    void usesTheBucketWhenEveryR2SettingIsGiven() {
        runner().withPropertyValues("zst.storage.r2-endpoint=https://account.r2.cloudflarestorage.com",
                "zst.storage.r2-access-key-id=key", "zst.storage.r2-secret-access-key=secret",
                "zst.storage.r2-bucket-name=zst-media", "zst.storage.r2-public-url=https://media.zst.dz").run(context -> {
            assertThat(context).hasSingleBean(FileStorage.class).hasSingleBean(S3FileStorage.class);
            assertThat(context.getBean(FileStorage.class).publicUrl(new StorageKey("a/b.jpg")))
                    .isEqualTo("https://media.zst.dz/a/b.jpg");
        });
    }

    @Test
    void refusesToStartWithAHalfConfiguredBucket() {
        runner().withPropertyValues("zst.storage.r2-endpoint=https://account.r2.cloudflarestorage.com",
                "zst.storage.r2-bucket-name=zst-media").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("R2_ACCESS_KEY_ID")
                    .hasMessageContaining("R2_SECRET_ACCESS_KEY")
                    .hasMessageContaining("R2_PUBLIC_URL");
        });
    }

    @Test
    void acceptsAConfiguredSigningKeyForNodesThatShareNoDataFolder() {
        runner().withPropertyValues("zst.storage.local-signing-key=c2hhcmVkLXNpZ25pbmcta2V5LWZvci1ldmVyeS1ub2Rl")
                .run(context -> {
                    assertThat(context).hasSingleBean(LocalFileStorage.class);
                    assertThat(data.resolve("storage-signing.key")).doesNotExist();
                });
    }
}
