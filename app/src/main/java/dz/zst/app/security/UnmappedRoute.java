package dz.zst.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Matches requests that no route of the API can serve (unknown path, or a known path with another
 * method). They need no authentication: whoever sends them gets the 404 or 405 that says so, not a
 * 401 that suggests a token would help.
 */
final class UnmappedRoute implements RequestMatcher {

    private final HandlerMappingIntrospector introspector;

    UnmappedRoute(HandlerMappingIntrospector introspector) {
        this.introspector = introspector;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        try {
            return introspector.getMatchableHandlerMapping(request) == null;
        } catch (IllegalStateException mappedButNotIntrospectable) {
            return false;
        } catch (Exception noRouteForThisMethod) {
            return true;
        }
    }
}
