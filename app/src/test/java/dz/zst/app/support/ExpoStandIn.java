package dz.zst.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Expo's push service for the tests (https://docs.expo.dev/push-notifications/sending-notifications/):
 * {@code POST /--/api/v2/push/send} answers a ticket per message in order, {@code POST
 * /--/api/v2/push/getReceipts} a receipt per known ticket. One per test JVM, shared by every test
 * node (ApiTestBase and SecondNode point zst.expo.push-url at it); tests tell their own pushes by
 * their own push tokens. A token can be scripted: an HTTP status for its next requests, a ticket or
 * a receipt error. {@link #down()} closes the port (connections refused) until {@link #up()};
 * {@link #stall} answers late.
 */
public final class ExpoStandIn {

    private static ExpoStandIn shared;

    /** One request to the send URL: its Authorization header, its messages and the status answered. */
    public record Send(String authorization, List<JsonNode> messages, int status) {
    }

    private final int port;
    private HttpServer server;
    private final List<Send> sends = new CopyOnWriteArrayList<>();
    private final List<JsonNode> receiptRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> ticketErrors = new ConcurrentHashMap<>();
    private final Map<String, String> receiptErrors = new ConcurrentHashMap<>();
    private final Map<String, String> ticketTokens = new ConcurrentHashMap<>();
    private volatile long stallMillis;

    private ExpoStandIn() {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        up();
    }

    public static synchronized ExpoStandIn shared() {
        if (shared == null) {
            shared = new ExpoStandIn();
        }
        return shared;
    }

    public String pushUrl() {
        return "http://127.0.0.1:" + port + "/--/api/v2/push/send";
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/--/api/v2/push/send", this::send);
        server.createContext("/--/api/v2/push/getReceipts", this::receipts);
        server.start();
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Every send request is answered only after this long (0: at once), like a slow Expo. */
    public void stall(long millis) {
        stallMillis = millis;
    }

    /** The next requests holding {@code token} are answered these statuses (whole request), then normally. */
    public void answer(String token, int... httpStatuses) {
        Deque<Integer> queue = statuses.computeIfAbsent(token, key -> new ArrayDeque<>());
        synchronized (queue) {
            for (int status : httpStatuses) {
                queue.add(status);
            }
        }
    }

    /** Messages to {@code token} get an error ticket with details.error = {@code error}. */
    public void ticketError(String token, String error) {
        ticketErrors.put(token, error);
    }

    /** Receipts of messages to {@code token} are errors with details.error = {@code error}. */
    public void receiptError(String token, String error) {
        receiptErrors.put(token, error);
    }

    public List<Send> sends() {
        return List.copyOf(sends);
    }

    /** The requests that held a message to {@code token}, whatever was answered. */
    public List<Send> sendsTo(String token) {
        return sends.stream().filter(send -> send.messages().stream()
                .anyMatch(message -> message.path("to").asText().equals(token))).toList();
    }

    /** The messages to {@code token} that were answered 200, i.e. taken by "Expo". */
    public List<JsonNode> delivered(String token) {
        List<JsonNode> delivered = new ArrayList<>();
        for (Send send : sends) {
            if (send.status() == 200) {
                send.messages().stream().filter(message -> message.path("to").asText().equals(token))
                        .forEach(delivered::add);
            }
        }
        return delivered;
    }

    /** The ticket ids asked for in getReceipts requests. */
    public List<String> receiptIdsAsked() {
        List<String> ids = new ArrayList<>();
        receiptRequests.forEach(request -> request.path("ids").forEach(id -> ids.add(id.asText())));
        return ids;
    }

    private void send(HttpExchange exchange) throws IOException {
        JsonNode body = ApiCalls.JSON.readTree(exchange.getRequestBody());
        if (stallMillis > 0) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<JsonNode> messages = new ArrayList<>();
        body.forEach(messages::add);
        Integer scripted = null;
        for (JsonNode message : messages) {
            Deque<Integer> queue = statuses.get(message.path("to").asText());
            if (queue != null) {
                synchronized (queue) {
                    scripted = queue.poll();
                }
                if (scripted != null) {
                    break;
                }
            }
        }
        int status = scripted != null ? scripted : messages.size() > 100 ? 400 : 200;
        sends.add(new Send(exchange.getRequestHeaders().getFirst("Authorization"), messages, status));
        if (status != 200) {
            answer(exchange, status, ApiCalls.JSON.createObjectNode().set("errors", ApiCalls.JSON.createArrayNode()
                    .add(ApiCalls.JSON.createObjectNode().put("code", "STAND_IN").put("message", "status " + status))));
            return;
        }
        ObjectNode answer = ApiCalls.JSON.createObjectNode();
        ArrayNode tickets = answer.putArray("data");
        for (JsonNode message : messages) {
            String token = message.path("to").asText();
            String error = ticketErrors.get(token);
            if (error != null) {
                ObjectNode ticket = tickets.addObject().put("status", "error").put("message", error);
                ticket.putObject("details").put("error", error);
            } else {
                String id = UUID.randomUUID().toString();
                ticketTokens.put(id, token);
                tickets.addObject().put("status", "ok").put("id", id);
            }
        }
        answer(exchange, 200, answer);
    }

    private void receipts(HttpExchange exchange) throws IOException {
        JsonNode body = ApiCalls.JSON.readTree(exchange.getRequestBody());
        receiptRequests.add(body);
        ObjectNode answer = ApiCalls.JSON.createObjectNode();
        ObjectNode data = answer.putObject("data");
        for (JsonNode id : body.path("ids")) {
            String token = ticketTokens.get(id.asText());
            if (token == null) {
                continue;
            }
            String error = receiptErrors.get(token);
            if (error != null) {
                ObjectNode receipt = data.putObject(id.asText()).put("status", "error").put("message", error);
                receipt.putObject("details").put("error", error);
            } else {
                data.putObject(id.asText()).put("status", "ok");
            }
        }
        answer(exchange, body.path("ids").size() > 1000 ? 400 : 200, answer);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
