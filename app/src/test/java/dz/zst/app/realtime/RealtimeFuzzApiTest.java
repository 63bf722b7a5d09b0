package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.query.realtime.RealtimeServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every client event of API.md §11, from a guest, a customer, a seller and an admin, with arguments
 * of every wrong shape and ids of the wrong kind: each is answered, with an {@code error {message}}
 * that names the problem, never "internal error" (the socket's 500), and the socket stays usable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeFuzzApiTest extends ApiTestBase {

    private static final List<String> EVENTS = List.of("reel:join", "reel:leave", "order:subscribe",
            "order:unsubscribe", "seller:subscribe", "b2b:join", "b2b:leave", "ping");

    @Autowired
    private RealtimeServer realtime;

    private final RealtimeClients clients = new RealtimeClients();

    @AfterAll
    void closeClients() {
        clients.close();
    }

    @Test
    void noArgumentMakesAnEventFailInside() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "rt-fuzz-seller-" + run + "@zst.test", "fournisseur");
        JsonNode reel = new ReelKit(baseUrl()).reel(seller, "Fuzz temps réel " + run);
        String productId = reel.get("product_id").asText();
        Map<String, TestSocket> sockets = new LinkedHashMap<>();
        sockets.put("guest", clients.websocketGuest(realtime.port()));
        sockets.put("customer", clients.signedIn(realtime.port(),
                TestUsers.signIn(baseUrl(), "rt-fuzz-buyer-" + run + "@zst.test")));
        sockets.put("seller", clients.signedIn(realtime.port(), seller));
        sockets.put("admin", clients.signedIn(realtime.port(), TestUsers.admin(baseUrl())));

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, TestSocket> socket : sockets.entrySet()) {
            for (String event : EVENTS) {
                for (Object argument : arguments(productId)) {
                    JsonNode ack = socket.getValue().request(event, argument);
                    if ("internal error".equals(ack.path("message").asText())) {
                        failures.add(event + " " + abbreviate(String.valueOf(argument)) + " from " + socket.getKey());
                    }
                }
            }
            assertThat(socket.getValue().request("ping", null).has("timestamp")).as("still answering").isTrue();
        }
        assertThat(failures).isEmpty();
    }

    /** Ids of the wrong kind (a product's where a reel's or an order's is expected) and wrong shapes. */
    private static List<Object> arguments(String productId) {
        List<Object> arguments = new ArrayList<>(Arrays.asList("", "abc", 123, 1.5, true, JSONObject.NULL,
                new JSONArray(List.of(1, 2)), productId, "x".repeat(10_000)));
        for (String key : List.of("reelId", "orderId", "offerId", "token", "accessToken")) {
            for (Object value : List.of(123, productId, "", new JSONArray(List.of(productId)), Map.of("a", 1))) {
                arguments.add(Map.of(key, value));
            }
        }
        arguments.add(Map.of("orderId", UUID.randomUUID().toString(), "token", 5));
        arguments.add(Map.of());
        return arguments;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
