package dz.zst.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTParser;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * One decoder for every bearer token: the (unverified) issuer only picks which key must verify the
 * signature, Clerk's (PEM or JWKS) or development sign-in's, and each issuer's decoder then checks
 * RS256 signature, issuer, expiry and not-before with a little skew, and for Clerk the authorized
 * party. Refuses to start when nobody could sign in.
 */
@Configuration
@EnableConfigurationProperties(ClerkProperties.class)
public class TokenDecoders {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    /** What the users table stores as clerk_id. */
    static final int MAX_SUBJECT_LENGTH = 255;

    @Bean
    public JwtDecoder jwtDecoder(ClerkProperties clerk, ObjectProvider<DevSigningKey> devKey) {
        Map<String, JwtDecoder> byIssuer = new HashMap<>();
        if (clerk.verifiesTokens()) {
            if (!ClerkProperties.hasText(clerk.issuer())) {
                throw new IllegalStateException("CLERK_ISSUER is required to verify Clerk tokens");
            }
            byIssuer.put(clerk.issuer(), clerkDecoder(clerk));
        }
        DevSigningKey dev = devKey.getIfAvailable();
        if (dev != null) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(dev.publicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(validator(DevSigningKey.ISSUER, List.of()));
            byIssuer.put(DevSigningKey.ISSUER, decoder);
        }
        if (byIssuer.isEmpty()) {
            throw new IllegalStateException("Nobody could sign in: configure CLERK_JWT_KEY or CLERK_JWKS_URL "
                    + "(with CLERK_ISSUER), or enable development sign-in with ZST_DEV_AUTH=true");
        }
        JwtDecoder verifying = token -> byIssuer.getOrDefault(issuerOf(token), unknownIssuer()).decode(token);
        return remembering(verifying);
    }

    /**
     * Remembers tokens that verified, until they expire: an app sends the same session token with
     * every request for its lifetime, and verifying its RSA signature again each time was about a
     * tenth of the CPU of a checkout. Keyed by the exact token string, so nothing unverified is
     * ever accepted; an expired token is verified again (and refused). Whether the user may still
     * act (deactivated, role) is checked per request after this, as before.
     */
    static JwtDecoder remembering(JwtDecoder verifying) {
        Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10)).build();
        return token -> {
            Jwt known = verified.getIfPresent(token);
            if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(Instant.now())) {
                return known;
            }
            Jwt jwt = verifying.decode(token);
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
            return jwt;
        };
    }

    private static JwtDecoder clerkDecoder(ClerkProperties clerk) {
        NimbusJwtDecoder decoder = ClerkProperties.hasText(clerk.jwtKey())
                ? NimbusJwtDecoder.withPublicKey(publicKey(clerk.jwtKey()))
                        .signatureAlgorithm(SignatureAlgorithm.RS256).build()
                : NimbusJwtDecoder.withJwkSetUri(clerk.jwksUrl()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(clerk.issuer(), clerk.authorizedPartyList()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> authorizedParties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(CLOCK_SKEW));
        validators.add(new JwtIssuerValidator(issuer));
        validators.add(jwt -> jwt.getExpiresAt() != null && usableSubject(jwt.getSubject())
                ? OAuth2TokenValidatorResult.success()
                : invalid("exp and a sub of 1 to " + MAX_SUBJECT_LENGTH + " printable characters are required"));
        if (!authorizedParties.isEmpty()) {
            validators.add(jwt -> {
                Object azp = jwt.getClaims().get("azp");
                return azp == null || authorizedParties.contains(azp.toString())
                        ? OAuth2TokenValidatorResult.success()
                        : invalid("azp is not an authorized party");
            });
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Identity-provider user ids are opaque keys like "user_2abc": no blanks, no control characters. */
    private static boolean usableSubject(String subject) {
        return subject != null && !subject.isEmpty() && subject.length() <= MAX_SUBJECT_LENGTH
                && subject.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }

    private static String issuerOf(String token) {
        try {
            String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            return issuer == null ? "" : issuer;
        } catch (ParseException e) {
            throw new BadJwtException("Malformed token", e);
        }
    }

    private static JwtDecoder unknownIssuer() {
        return token -> {
            throw new BadJwtException("Unknown token issuer");
        };
    }

    private static RSAPublicKey publicKey(String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Pem.decode(pem)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("CLERK_JWT_KEY is not an RSA public key in PEM form", e);
        }
    }
}
