package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import io.socket.client.Socket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.json.JSONObject;

/**
 * One Socket.IO client on {@code /realtime}, as the app holds it: every incoming event is kept per
 * name, requests wait for their acknowledgement. Waits are bounded, never slept. Payloads are read
 * back as Jackson trees; an object argument is sent as a {@link Map} (the client's JSON is org.json).
 */
final class TestSocket {

    static final long WAIT_SECONDS = 10;

    private final Socket socket;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Object> connectError = new CompletableFuture<>();
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();
    private final Map<String, BlockingQueue<Object>> received = new ConcurrentHashMap<>();

    TestSocket(Socket socket) {
        this.socket = socket;
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectError.complete(args.length > 0 ? args[0] : null));
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(null));
        socket.onAnyIncoming(args -> queue((String) args[0]).add(args.length > 1 ? args[1] : JSONObject.NULL));
        socket.connect();
    }

    TestSocket awaitConnected() {
        await(connected, "connect");
        return this;
    }

    /** The message of the connect_error the server refused this socket with. */
    String refusal() {
        Object error = connectError();
        assertThat(error).as("a server refusal, not a transport error").isInstanceOf(JSONObject.class);
        return tree(error).path("message").asText();
    }

    /** What the client reported instead of connecting: a server refusal, or a transport failure. */
    Object connectError() {
        return await(connectError, "connect_error");
    }

    /** The server ended the connection (the client does not reconnect by itself in these tests). */
    TestSocket awaitDisconnected() {
        await(disconnected, "disconnect");
        return this;
    }

    boolean isConnected() {
        return connected.isDone();
    }

    /** The engine.io session id, which netty-socketio also uses as the socket's id. */
    String id() {
        return socket.id();
    }

    /** Sends an event and answers its acknowledgement. */
    JsonNode request(String event, Object argument) {
        CompletableFuture<Object> ack = new CompletableFuture<>();
        socket.emit(event, arguments(argument), args -> ack.complete(args.length > 0 ? args[0] : null));
        Object answer = await(ack, "the acknowledgement of " + event);
        assertThat(answer).as("acknowledgement of " + event).isInstanceOf(JSONObject.class);
        return tree(answer);
    }

    /** Sends an event without asking for an acknowledgement. */
    void send(String event, Object argument) {
        socket.emit(event, arguments(argument));
    }

    /** The next {@code event} this socket receives (its first argument). */
    JsonNode next(String event) {
        try {
            Object payload = queue(event).poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(payload).as("event " + event + " within " + WAIT_SECONDS + " s").isNotNull();
            assertThat(payload).isInstanceOf(JSONObject.class);
            return tree(payload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code event} this socket receives within {@code millis}, or null. */
    JsonNode poll(String event, long millis) {
        try {
            Object payload = queue(event).poll(millis, TimeUnit.MILLISECONDS);
            return payload == null ? null : tree(payload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many {@code event}s arrived and are not consumed yet. */
    int pending(String event) {
        return queue(event).size();
    }

    /** Closes the socket and, when it was connected, waits until the client has let go of it. */
    void close() {
        socket.close();
        if (connected.isDone()) {
            await(disconnected, "disconnect");
        }
    }

    private static Object[] arguments(Object argument) {
        if (argument == null) {
            return new Object[0];
        }
        return new Object[] {argument instanceof Map<?, ?> fields ? new JSONObject(fields) : argument};
    }

    private static JsonNode tree(Object json) {
        try {
            return ApiCalls.JSON.readTree(json.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BlockingQueue<Object> queue(String event) {
        return received.computeIfAbsent(event, name -> new LinkedBlockingQueue<>());
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
