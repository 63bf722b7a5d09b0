package dz.zst.command.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Picks the storage (API.md §12): the R2 bucket when any R2_* variable is set (all of them are then
 * required), otherwise files under {@code <zst.data-dir>/media} served by this API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    @Conditional(UsesR2.class)
    public S3FileStorage r2FileStorage(StorageProperties properties) {
        R2Settings settings = properties.r2();
        log.info("Media storage: S3-compatible bucket {}", settings);
        return S3FileStorage.connect(settings);
    }

    @Bean
    @Conditional(UsesLocalFiles.class)
    public LocalFileStorage localFileStorage(StorageProperties properties,
                                             @Value("${zst.data-dir:./data}") String dataDir,
                                             @Value("${zst.public-url}") String publicUrl,
                                             ObjectProvider<Clock> clock) {
        Path data = Path.of(dataDir).toAbsolutePath().normalize();
        UploadSigner signer = StringUtils.hasText(properties.localSigningKey())
                ? new UploadSigner(Base64.getDecoder().decode(properties.localSigningKey().trim()))
                : UploadSigner.withKeyFile(data.resolve("storage-signing.key"));
        LocalFileStorage storage = new LocalFileStorage(data.resolve("media"), publicUrl, signer,
                clock.getIfAvailable(Clock::systemUTC));
        log.info("Media storage: local files in {}, served at {}/media/", storage.root(), publicUrl);
        return storage;
    }

    static final class UsesR2 implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("zst.storage", StorageProperties.class)
                    .map(StorageProperties::r2Requested).orElse(false);
        }
    }

    static final class UsesLocalFiles implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new UsesR2().matches(context, metadata);
        }
    }
}
