package dz.zst.command.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expo's push service (https://docs.expo.dev/push-notifications/sending-notifications/) on the JDK
 * HTTP client and the platform's Jackson: the one Java client on Maven Central bundles an old
 * unshaded Jackson and cannot send an access token. {@code send} takes at most 100 messages and
 * answers their tickets in the same order; {@code receipts} at most 1,000 ticket ids.
 */
public class ExpoClient {

    /** At most this many messages per send request, and receipt ids per getReceipts request (Expo's limits). */
    public static final int MAX_MESSAGES = 100;
    public static final int MAX_RECEIPT_IDS = 1000;

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final URI pushUrl;
    private final URI receiptsUrl;
    private final String accessToken;

    public ExpoClient(ObjectMapper json, String pushUrl, String receiptsUrl, String accessToken) {
        this.json = json;
        this.pushUrl = URI.create(pushUrl);
        this.receiptsUrl = URI.create(receiptsUrl == null || receiptsUrl.isBlank() ? receiptsUrlOf(pushUrl)
                : receiptsUrl);
        this.accessToken = accessToken == null || accessToken.isBlank() ? null : accessToken;
    }

    /** …/push/send → …/push/getReceipts. */
    static String receiptsUrlOf(String pushUrl) {
        int slash = pushUrl.lastIndexOf('/');
        return pushUrl.substring(0, slash + 1) + "getReceipts";
    }

    public record Message(String to, String title, String body, JsonNode data) {
    }

    /** {@code error} is Expo's details.error (e.g. DeviceNotRegistered), else its message. */
    public record Ticket(boolean ok, String id, String error) {
    }

    public record Receipt(boolean ok, String error) {
    }

    /** A 429, a 5xx or no answer at all: the same request may be tried again later. */
    public static final class RetryLater extends Exception {
        public RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The request may have reached Expo but no answer came back (a timeout after the connection was
     * made, a reset, an unreadable 200): sending again could push twice, so it is not retried.
     */
    public static final class Unknown extends Exception {
        public Unknown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Any other 4xx (400: a malformed request, never retried). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public List<Ticket> send(List<Message> messages) throws RetryLater, Refused, Unknown {
        if (messages.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("at most " + MAX_MESSAGES + " messages per request");
        }
        ArrayNode body = json.createArrayNode();
        for (Message message : messages) {
            ObjectNode node = body.addObject();
            node.put("to", message.to());
            node.put("title", message.title());
            node.put("body", message.body());
            node.set("data", message.data());
            node.put("sound", "default");
        }
        JsonNode answer = post(pushUrl, body);
        List<Ticket> tickets = new ArrayList<>();
        for (JsonNode ticket : answer.path("data")) {
            boolean ok = "ok".equals(ticket.path("status").asText());
            tickets.add(new Ticket(ok, ticket.path("id").asText(null), ok ? null : error(ticket)));
        }
        return tickets;
    }

    /** The receipts Expo has for these tickets; one not (yet, or any more) there is absent. */
    public Map<String, Receipt> receipts(List<String> ticketIds) throws RetryLater, Refused, Unknown {
        if (ticketIds.size() > MAX_RECEIPT_IDS) {
            throw new IllegalArgumentException("at most " + MAX_RECEIPT_IDS + " receipt ids per request");
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode ids = body.putArray("ids");
        ticketIds.forEach(ids::add);
        JsonNode answer = post(receiptsUrl, body);
        Map<String, Receipt> receipts = new LinkedHashMap<>();
        answer.path("data").properties().forEach(entry -> {
            boolean ok = "ok".equals(entry.getValue().path("status").asText());
            receipts.put(entry.getKey(), new Receipt(ok, ok ? null : error(entry.getValue())));
        });
        return receipts;
    }

    private static String error(JsonNode failed) {
        String detail = failed.path("details").path("error").asText(null);
        return detail != null ? detail : failed.path("message").asText("unknown error");
    }

    private JsonNode post(URI url, JsonNode body) throws RetryLater, Refused, Unknown {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new RetryLater(url + ": " + e, e);
        } catch (IOException e) {
            throw new Unknown(url + ": " + e, e);
        } catch (InterruptedException e) {
            // the node is stopping, maybe with the request already sent
            Thread.currentThread().interrupt();
            throw new Unknown(url + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetryLater(url + " answered " + status, null);
        }
        if (status != 200) {
            throw new Refused(url + " answered " + status + ": " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new Unknown(url + " answered an unreadable body", e);
        }
    }
}
