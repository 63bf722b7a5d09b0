package dz.zst.command.storage;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * {@code zst.storage.*}: the R2 bucket (API.md §12, from the R2_* variables) and, for local
 * storage, an optional upload signing key shared by nodes that don't share a data folder.
 */
@ConfigurationProperties("zst.storage")
public record StorageProperties(String r2Endpoint, String r2AccessKeyId, String r2SecretAccessKey,
                                String r2BucketName, String r2PublicUrl, String localSigningKey) {

    /** Any R2 setting given means the bucket is wanted; {@link #r2()} then insists on all of them. */
    public boolean r2Requested() {
        return StringUtils.hasText(r2Endpoint) || StringUtils.hasText(r2AccessKeyId)
                || StringUtils.hasText(r2SecretAccessKey) || StringUtils.hasText(r2BucketName)
                || StringUtils.hasText(r2PublicUrl);
    }

    /** @throws IllegalStateException naming every missing variable, so a half-configured deployment fails at startup */
    public R2Settings r2() {
        List<String> missing = new ArrayList<>();
        require(r2Endpoint, "R2_ENDPOINT", missing);
        require(r2AccessKeyId, "R2_ACCESS_KEY_ID", missing);
        require(r2SecretAccessKey, "R2_SECRET_ACCESS_KEY", missing);
        require(r2BucketName, "R2_BUCKET_NAME", missing);
        require(r2PublicUrl, "R2_PUBLIC_URL", missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("R2 storage is partly configured; also set " + String.join(", ", missing));
        }
        return new R2Settings(r2Endpoint.trim(), r2AccessKeyId.trim(), r2SecretAccessKey.trim(), r2BucketName.trim(),
                r2PublicUrl.trim());
    }

    private static void require(String value, String variable, List<String> missing) {
        if (!StringUtils.hasText(value)) {
            missing.add(variable);
        }
    }
}
