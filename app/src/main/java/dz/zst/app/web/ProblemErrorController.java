package dz.zst.app.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Replaces Spring Boot's BasicErrorController: whatever reaches the container's error page (a
 * status sent by a filter, an exception thrown outside Spring MVC, a direct call of /error) is
 * answered in the contract shape, whatever the client accepts.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (code == null) {
            return ApiExceptionHandler.respond(
                    ContainerErrors.describe(HttpStatus.NOT_FOUND.value(), request.getMethod(), request.getRequestURI()));
        }
        // (a failure of the database or Redis before MVC is answered by TransientFailureAnswers)
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = tooLarge(failure) ? HttpStatus.PAYLOAD_TOO_LARGE.value() : (Integer) code;
        return ApiExceptionHandler.respond(ContainerErrors.describe(status, request.getMethod(), (String) uri));
    }

    /** A filter that reads parameters of an oversized multipart body meets the limit before Spring MVC. */
    private static boolean tooLarge(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MaxUploadSizeExceededException || t instanceof SizeException) {
                return true;
            }
        }
        return false;
    }
}
