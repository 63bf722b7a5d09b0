package dz.zst.app.storage;

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

/** Plain HTTP against the running API, so tests see exactly the bytes and headers a client would. */
final class ApiCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    ApiCalls(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Response(int status, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One part of a multipart/form-data body. */
    record Part(String name, String filename, String contentType, byte[] content) {
    }

    /**
     * Our own absolute URLs carry the configured public address, which in tests has no real port:
     * the path and query are what the test server must answer.
     */
    String local(String absoluteUrl) {
        URI uri = URI.create(absoluteUrl);
        return baseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    Response get(String pathOrUrl, String token, String... headers) {
        return send(request(pathOrUrl, token, headers).GET());
    }

    Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Response postJson(String path, String token, Object body) {
        try {
            return send(request(path, token, "Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response postMultipart(String path, String token, Part... parts) {
        String boundary = "zst-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"") + "\r\n"
                    + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n") + "\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, token, "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    Response put(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    private HttpRequest.Builder request(String pathOrUrl, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(
                pathOrUrl.startsWith("http") ? local(pathOrUrl) : baseUrl + pathOrUrl));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
