package dz.zst.app.web;

import org.springframework.http.HttpStatus;

/**
 * The contract body for a bare status that the servlet container produced on its own (no route,
 * a rejected request, a body above a limit), shared by the /error route and Tomcat's error valve.
 * Messages stay generic: the container's own texts can name internals.
 */
final class ContainerErrors {

    private ContainerErrors() {
    }

    static ApiError describe(int statusCode, String method, String path) {
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null || !status.isError()) {
            status = statusCode >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        return ApiError.of(status, message(status, method, path));
    }

    private static String message(HttpStatus status, String method, String path) {
        if (status == HttpStatus.NOT_FOUND) {
            return "Cannot " + method + " " + (path == null || path.isEmpty() ? "/" : path);
        }
        if (status == HttpStatus.PAYLOAD_TOO_LARGE) {
            return "Payload too large";
        }
        if (status.is5xxServerError()) {
            return status == HttpStatus.INTERNAL_SERVER_ERROR ? "Internal server error" : status.getReasonPhrase();
        }
        return status.getReasonPhrase();
    }
}
