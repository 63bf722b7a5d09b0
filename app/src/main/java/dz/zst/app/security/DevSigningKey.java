package dz.zst.app.security;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The RS256 key pair of development sign-in. Kept under {@code ${zst.data-dir}/dev-auth/} so tokens
 * survive a restart, like the embedded database they belong with.
 */
@Component
@ConditionalOnProperty(name = "zst.dev-auth.enabled", havingValue = "true")
public class DevSigningKey {

    static final String ISSUER = "zst-dev";
    private static final String FILE = "signing-key.pem";

    private final RSAKey key;

    public DevSigningKey(@Value("${zst.data-dir}") String dataDir) {
        this.key = loadOrCreate(Path.of(dataDir, "dev-auth", FILE));
    }

    public RSAKey key() {
        return key;
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            RSAPrivateCrtKey privateKey = Files.exists(file) ? read(file) : create(file);
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the development signing key " + file, e);
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("invalid development signing key " + file, e);
        }
    }

    private static RSAPrivateCrtKey read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(pem)));
    }

    private static RSAPrivateCrtKey create(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE + ".tmp");
        Files.writeString(temporary, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the folder's own permissions have to do.
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return privateKey;
    }
}
