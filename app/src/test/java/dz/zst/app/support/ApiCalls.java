package dz.zst.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Plain HTTP calls against the running platform, as the mobile app makes them: JSON in, JSON out,
 * an optional bearer token. Bodies may be given as JSON text or as a Map.
 */
public final class ApiCalls {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A response with its body parsed (a JSON null when the body is empty or not JSON). */
    public record Response(int status, JsonNode body, HttpHeaders headers, String raw) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private ApiCalls() {
    }

    public static Response get(String url, String token) {
        return send("GET", url, token, null, Map.of());
    }

    public static Response post(String url, String token, Object body) {
        return send("POST", url, token, body, Map.of());
    }

    public static Response patch(String url, String token, Object body) {
        return send("PATCH", url, token, body, Map.of());
    }

    /** A request builder for the cases the shortcuts don't cover (odd methods, raw headers). */
    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }

    public static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON POST without a token; {@code headers} are name, value pairs. */
    public static Response postJson(String url, String json, String... headers) {
        HttpRequest.Builder builder = request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    public static Response delete(String url, String token) {
        return send("DELETE", url, token, null, Map.of());
    }

    /** Body is sent as JSON unless {@code headers} name another Content-Type. */
    public static Response send(String method, String url, String token, Object body, Map<String, String> headers) {
        String text;
        try {
            text = body == null ? null : body instanceof String string ? string : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = request(url).method(method, text == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** One part of a multipart/form-data body; a null {@code filename} makes it a plain field. */
    public record Part(String name, String filename, String contentType, byte[] content) {
    }

    /** A response whose body stays bytes, for media files. */
    public record Download(int status, byte[] body, HttpHeaders headers) {
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** Posts a multipart/form-data body, as the app uploads files. */
    public static Response multipart(String url, String token, Part... parts) {
        String boundary = "zst-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"") + "\r\n"
                    + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Download response = sendBytes("POST", url, token, body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        String raw = new String(response.body(), StandardCharsets.UTF_8);
        return new Response(response.status(), parse(raw), response.headers(), raw);
    }

    /** Sends and receives raw bytes ({@code body} may be null), for uploads and downloads of media. */
    public static Download sendBytes(String method, String url, String token, byte[] body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }
}
