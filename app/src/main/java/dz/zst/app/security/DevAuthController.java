package dz.zst.app.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dz.zst.command.users.UserCommandController.ProfileRequest;
import dz.zst.command.users.UserCommandController;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.users.UserView;
import dz.zst.query.users.UserQueryController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development sign-in (API.md §2), the local stand-in for Clerk: email and password (bcrypt in
 * dev_credentials) in exchange for an RS256 token that the same decoder verifies as Clerk's. Exists
 * only when zst.dev-auth.enabled is true; otherwise these routes are 404.
 */
@RestController
@Tag(name = "Development sign-in", description = "Email and password sign-in for development and tests, the local stand-in for Clerk (ZST_DEV_AUTH; absent in production)")
@ConditionalOnProperty(name = "zst.dev-auth.enabled", havingValue = "true")
public class DevAuthController {

    private static final Duration TOKEN_LIFETIME = Duration.ofDays(7);

    public record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
                                  @NotBlank @Size(min = 6, max = 128) String password,
                                  @NotBlank @Size(max = 100) String fullName) {
    }

    public record LoginRequest(@NotBlank @Email @Size(max = 254) String email,
                               @NotBlank @Size(min = 6, max = 128) String password) {
    }

    public record SignInResponse(String accessToken, UserView user) {
    }

    private record Credential(String subject, String passwordHash) {
    }

    private final JdbcClient jdbc;
    private final ActorResolver resolver;
    private final JwtEncoder encoder;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();
    private final UserQueryController queries;
    private final UserCommandController commands;

    public DevAuthController(JdbcClient jdbc, ActorResolver resolver, DevSigningKey key,
                             UserQueryController queries, UserCommandController commands) {
        this.jdbc = jdbc;
        this.resolver = resolver;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key.key())));
        this.queries = queries;
        this.commands = commands;
    }

    @PostMapping("/api/v1/dev-auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an email and password and get a token (201); 409 when the email is taken")
    public SignInResponse register(@Valid @RequestBody RegisterRequest request) {
        String email = normalize(request.email());
        if (!store(email, request.password())) {
            throw new ConflictException("Email already registered");
        }
        return signIn(new Identity(subjectOf(email), email, request.fullName(), null));
    }

    /** Signs in, registering the email on first use so a fresh machine needs no separate step. */
    @PostMapping("/api/v1/dev-auth/login")
    @Operation(summary = "Sign in with email and password and get a token; an unknown email is registered on the way")
    public SignInResponse login(@Valid @RequestBody LoginRequest request) {
        String email = normalize(request.email());
        Credential credential = find(email);
        if (credential == null) {
            store(email, request.password());
            credential = find(email);
        }
        if (credential == null || !passwords.matches(request.password(), credential.passwordHash())) {
            throw new BadCredentialsException("The email or the password is incorrect");
        }
        return signIn(new Identity(credential.subject(), email, email.substring(0, email.indexOf('@')), null));
    }

    @GetMapping("/api/v1/dev-auth/me")
    @Operation(summary = "Your own user (same as GET /api/v1/auth/me)")
    public UserView me(@AuthenticationPrincipal Actor actor) {
        return queries.me(actor);
    }

    @PatchMapping("/api/v1/dev-auth/me")
    @Operation(summary = "Change your profile (same as PATCH /api/v1/auth/me)")
    public UserView updateMe(@AuthenticationPrincipal Actor actor, @RequestBody ProfileRequest request) {
        return commands.updateProfile(actor, request);
    }

    /**
     * Gives the email this password, whether or not it signed in before: the demo seeding reserves
     * its accounts so that signing in with a demo email cannot register it with another password
     * (the seeding then could not sign in as it). Not a route.
     */
    public void reserve(String email, String password) {
        String normalized = normalize(email);
        Credential credential = find(normalized);
        if (credential == null) {
            store(normalized, password);
        } else if (!passwords.matches(password, credential.passwordHash())) {
            jdbc.sql("UPDATE dev_credentials SET password_hash = ? WHERE email = ?")
                    .params(passwords.encode(password), normalized).update();
        }
    }

    private SignInResponse signIn(Identity identity) {
        UserView user = resolver.resolve(identity);
        if (!user.isActive()) {
            throw new ForbiddenException("Forbidden: this account is deactivated");
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(DevSigningKey.ISSUER)
                .subject(identity.subject())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(TOKEN_LIFETIME))
                .claim("email", identity.email())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new SignInResponse(token, user);
    }

    private boolean store(String email, String password) {
        return jdbc.sql("""
                        INSERT INTO dev_credentials (email, subject, password_hash) VALUES (?, ?, ?)
                        ON CONFLICT (email) DO NOTHING""")
                .params(email, subjectOf(email), passwords.encode(password))
                .update() == 1;
    }

    private Credential find(String email) {
        return jdbc.sql("SELECT subject, password_hash FROM dev_credentials WHERE email = ?").param(email)
                .query((rs, row) -> new Credential(rs.getString("subject"), rs.getString("password_hash")))
                .optional().orElse(null);
    }

    /** Stable per email, and never a Clerk id (those start with "user_"). */
    private static String subjectOf(String email) {
        return "dev_" + UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8));
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
