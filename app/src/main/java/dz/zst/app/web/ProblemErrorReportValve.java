package dz.zst.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat answers some requests before any servlet runs (a malformed request line, headers above
 * the limit, an encoded slash in the path): its stock valve writes an HTML page there. This one
 * writes the contract's JSON instead. Tomcat instantiates it by class name, so it keeps a mapper
 * of its own; ApiError pins its field names, so no naming strategy is needed.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType(ProblemWriter.PROBLEM_JSON);
            response.setCharacterEncoding("UTF-8");
            OutputStream out = response.getOutputStream();
            MAPPER.writeValue(out, ContainerErrors.describe(status, request.getMethod(), request.getRequestURI()));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            container.getLogger().debug("could not write the error body", e);
        }
    }
}
