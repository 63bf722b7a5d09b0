package dz.zst.command.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Objects in an S3-compatible bucket, Cloudflare R2 in production. R2 needs region {@code auto},
 * path-style addressing and checksums only when an operation requires them: it rejects the CRC
 * headers the SDK sends by default. Public links point at the bucket's public domain
 * (R2_PUBLIC_URL), not at the S3 endpoint, which needs signed requests.
 */
public class S3FileStorage implements FileStorage, AutoCloseable {

    /** Signed headers a client must not (and, in browsers or java.net.http, cannot) set itself. */
    private static final List<String> TRANSPORT_HEADERS = List.of("host", "content-length");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String publicBaseUrl;

    public S3FileStorage(S3Client s3, S3Presigner presigner, String bucket, String publicBaseUrl) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public static S3FileStorage connect(R2Settings settings) {
        URI endpoint = URI.create(settings.endpoint());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of("auto"))
                .credentialsProvider(credentials)
                .serviceConfiguration(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of("auto"))
                .credentialsProvider(credentials)
                .serviceConfiguration(pathStyle)
                .build();
        return new S3FileStorage(client, presigner, settings.bucket(), settings.publicUrl());
    }

    @Override
    public void put(StorageKey key, InputStream content, String contentType, long size) {
        s3.putObject(b -> b.bucket(bucket).key(key.value()).contentType(contentType).contentLength(size),
                RequestBody.fromInputStream(content, size));
    }

    @Override
    public boolean exists(StorageKey key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key.value()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(StorageKey key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key.value()));
    }

    @Override
    public String publicUrl(StorageKey key) {
        return publicBaseUrl + "/" + key.value();
    }

    /** Content length is signed too, so the URL uploads exactly the announced size and no more. */
    @Override
    public PresignedUpload presignPut(StorageKey key, String contentType, long size, Duration ttl) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
                .signatureDuration(ttl)
                .putObjectRequest(b -> b.bucket(bucket).key(key.value()).contentType(contentType).contentLength(size)));
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!TRANSPORT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        return new PresignedUpload(presigned.url().toString(), "PUT", headers, key.value(), publicUrl(key),
                presigned.expiration());
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    /** "content-type" → "Content-Type", the spelling clients are used to. */
    private static String canonical(String header) {
        StringBuilder out = new StringBuilder(header.length());
        boolean upper = true;
        for (char c : header.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}
