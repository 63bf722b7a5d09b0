package dz.zst.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall everywhere, except that {@code DELETE /api/v1/storage/files/{key}}
 * may carry its key's slashes encoded ({@code products%2F…}): Swagger's "Try it out" and the app's
 * path encoding send the key as one encoded segment. Only there, because an encoded slash is safe
 * only where what the router decodes is checked again: the route's {@code StorageKey} refuses every
 * segment that does not start with a letter or digit ({@code ..}, {@code .}, empty), and the
 * firewall still refuses encoded dots, backslashes, nulls and double slashes there. Tomcat passes
 * {@code %2F} through still encoded, so the servlet path holds a {@code %} that the strict firewall
 * takes for double encoding: the route's firewall allows it, and refuses {@code %25} in the raw
 * path itself, the only way a real double encoding could arrive.
 */
final class EncodedSlashFirewall implements HttpFirewall {

    static final String STORAGE_FILES = "/api/v1/storage/files/";

    private final StrictHttpFirewall strict = new StrictHttpFirewall();
    private final StrictHttpFirewall storageKeys = new StrictHttpFirewall();

    EncodedSlashFirewall() {
        storageKeys.setAllowUrlEncodedSlash(true);
        storageKeys.setAllowUrlEncodedPercent(true);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) throws RequestRejectedException {
        if (!deletesAStoredFile(request)) {
            return strict.getFirewalledRequest(request);
        }
        if (request.getRequestURI().contains("%25")) {
            throw new RequestRejectedException("The request was rejected because the URL contained an encoded percent");
        }
        return storageKeys.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    private static boolean deletesAStoredFile(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return "DELETE".equals(request.getMethod()) && uri != null
                && uri.startsWith(request.getContextPath() + STORAGE_FILES);
    }
}
