package dz.zst.app.realtime;

import static dz.zst.app.freelance.FreelanceKit.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dz.zst.app.freelance.FreelanceKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.query.realtime.RealtimeServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code freelance:order-updated {order}} (API.md §11) to {@code user:{clientId}} and
 * {@code user:{freelancerId}} as a freelance order is placed and moves, the order as the REST read
 * answers it after the move; nobody else gets it.
 */
class RealtimeFreelanceApiTest extends ApiTestBase {

    @Autowired
    private RealtimeServer realtime;

    @Test
    void bothPartiesGetEachMoveOfTheirOrderAndNobodyElse() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("rt");
        String client = kit.client("rt-client");
        String stranger = kit.client("rt-stranger");
        String serviceId = kit.createService(freelancer, FreelanceKit.service("Direct " + kit.run, "design", 300))
                .get("id").asText();
        try (RealtimeClients clients = new RealtimeClients()) {
            TestSocket clientSocket = clients.signedIn(realtime.port(), client);
            TestSocket freelancerSocket = clients.signedIn(realtime.port(), freelancer);
            TestSocket strangerSocket = clients.signedIn(realtime.port(), stranger);

            JsonNode placed = kit.order(client, serviceId, "standard");
            String orderId = placed.get("id").asText();
            assertSame(clientSocket.next("freelance:order-updated").get("order"), placed);
            assertSame(freelancerSocket.next("freelance:order-updated").get("order"), placed);

            JsonNode accepted = expect(kit.freelancerMove(freelancer, orderId, "accepted"), 200).body();
            assertSame(clientSocket.next("freelance:order-updated").get("order"), accepted);
            assertThat(freelancerSocket.next("freelance:order-updated").get("order").get("status").asText())
                    .isEqualTo("accepted");

            expect(kit.freelancerMove(freelancer, orderId, "in_progress"), 200);
            expect(kit.deliver(freelancer, orderId, "Voilà"), 200);
            JsonNode completed = expect(kit.clientMove(client, orderId, "completed"), 200).body();
            JsonNode last;
            do {
                last = freelancerSocket.next("freelance:order-updated").get("order");
            } while (!last.get("status").asText().equals("completed"));
            assertSame(last, completed);
            expect(kit.freelancerMove(freelancer, orderId, "cancelled"), 400);

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> strangerSocket.pending("freelance:order-updated") == 0);
            assertThat(ApiCalls.get(kit.url("/freelance/orders/" + orderId), client).body()).isEqualTo(completed);
        }
    }

    /** The same order; the socket's JSON writes an amount of 600.00 as 600, REST's as 600.0. */
    private static void assertSame(JsonNode pushed, JsonNode read) {
        assertThat(pushed.get("amount").decimalValue()).isEqualByComparingTo(read.get("amount").decimalValue());
        ObjectNode pushedRest = pushed.deepCopy();
        ObjectNode readRest = read.deepCopy();
        pushedRest.remove("amount");
        readRest.remove("amount");
        assertThat(pushedRest).isEqualTo(readRest);
    }
}
