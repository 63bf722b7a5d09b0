package dz.zst.app.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.command.storage.FileStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;

/** The running platform (one shared Spring context, as every API test) with its storage. */
abstract class StorageTestBase extends ApiTestBase {

    @Autowired
    FileStorage storage;

    String url(String path) {
        return baseUrl() + path;
    }

    /**
     * Our absolute URLs carry the configured public address, which in tests has no real port: the
     * path and query are what the test server must answer.
     */
    String local(String absoluteUrl) {
        URI uri = URI.create(absoluteUrl);
        return baseUrl() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** GETs one of our public media URLs, as a browser or player would; {@code headers} go in name, value pairs. */
    ApiCalls.Download download(String publicUrl, String... headers) {
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            named.put(headers[i], headers[i + 1]);
        }
        return ApiCalls.sendBytes("GET", local(publicUrl), null, null, named);
    }

    /** PUTs to an upload URL handed out by a presign, with the headers it requires. */
    ApiCalls.Download upload(String uploadUrl, Map<String, String> headers, byte[] body) {
        return ApiCalls.sendBytes("PUT", local(uploadUrl), null, body, headers);
    }

    static JsonNode json(ApiCalls.Download response) {
        try {
            return ApiCalls.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
