package dz.zst.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;

/** Tokens as a Clerk instance would issue them, signed with the test key application-test.yml trusts. */
final class ClerkTokens {

    static final String ISSUER = "https://clerk.zst.test";
    static final String APP = "https://app.zst.test";
    static final PrivateKey CLERK_KEY = load();
    static final PrivateKey OTHER_KEY = generate();

    private ClerkTokens() {
    }

    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1))).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("azp", APP);
    }

    static String sign(JWTClaimsSet claims) {
        return sign(claims, CLERK_KEY);
    }

    static String sign(JWTClaimsSet claims, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ins_test").build(), claims);
            JWSSigner signer = new RSASSASigner(key);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String forSubject(String subject) {
        return sign(claims(subject).build());
    }

    private static PrivateKey load() {
        try (InputStream in = ClerkTokens.class.getResourceAsStream("/keys/clerk-test-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
