package dz.zst.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shortcut's bearer parsing reads every Authorization header as Spring Security's resolver does. */
class BearerSignInTest {

    /** DefaultBearerTokenResolver's pattern (Spring Security 6.5). */
    private static final Pattern SPRING = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    @Test
    void findsTheSameTokenAsSpringSecurity() {
        for (String header : List.of("Bearer abc.DEF-ghi_jkl~mno+pqr/stu", "bearer abc", "BEARER abc==", "Bearer abc=",
                "Bearer =", "Bearer ==abc", "Bearer abc=def", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ",
                "Bearer abc\n", "Bearer a\u00e9b", "Bearer a,b", "Basic dXNlcjpwYXNz", "Bearerabc", "Token abc",
                "Bearer abc\u0000", "bEaReR x", "", "Bearer " + "x".repeat(800) + "==")) {
            Matcher spring = SPRING.matcher(header);
            assertThat(BearerSignIn.bearerToken(header)).as(header)
                    .isEqualTo(spring.matches() ? spring.group("token") : null);
        }
        assertThat(BearerSignIn.bearerToken(null)).isNull();
    }
}
