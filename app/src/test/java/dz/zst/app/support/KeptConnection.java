package dz.zst.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 connection opened now and used later, as a load balancer keeps an idle connection to a
 * node: for what a node does with the connections it already has while it stops. Its one request
 * is read to the end of the connection, so the answer must close it (within 10 s).
 */
public final class KeptConnection implements AutoCloseable {

    /** The answer's status, headers (names case-insensitive) and raw body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Socket socket;

    public KeptConnection(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
    }

    /** A GET on this connection, with the bearer token unless null; read until the node closes it. */
    public Answer get(String path, String token) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int headersEnd = raw.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            throw new IOException("no complete answer before the connection closed: " + raw);
        }
        String[] lines = raw.substring(0, headersEnd).split("\r\n");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(headersEnd + 4));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
