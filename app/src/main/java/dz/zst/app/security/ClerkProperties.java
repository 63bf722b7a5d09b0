package dz.zst.app.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Clerk settings of API.md §12 (CLERK_*). Blank means not configured. */
@ConfigurationProperties("zst.clerk")
public record ClerkProperties(String jwtKey, String jwksUrl, String issuer, String authorizedParties,
                              String webhookSigningSecret) {

    public boolean verifiesTokens() {
        return hasText(jwtKey) || hasText(jwksUrl);
    }

    public List<String> authorizedPartyList() {
        return authorizedParties == null ? List.of() : Arrays.stream(authorizedParties.split(","))
                .map(String::strip).filter(party -> !party.isEmpty()).toList();
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
