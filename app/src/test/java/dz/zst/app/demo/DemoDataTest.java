package dz.zst.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.app.ops.NodeReadiness;
import dz.zst.app.ops.ProjectionOps;
import dz.zst.app.security.DevAuthController;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** The demo seeding, run against the test platform (where it is switched off by default). */
class DemoDataTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ObjectProvider<DevAuthController> devAuth;

    @Autowired
    private NodeReadiness readiness;

    @Autowired
    private ProjectionOps projections;

    private DemoData demo() {
        return new DemoData(jdbc, devAuth, readiness);
    }

    @Test
    void seedsSellersOfEveryTierAndProductsWithImagesThroughTheEventStoreAndResumesAnInterruptedSeeding() {
        jdbc.sql("DELETE FROM demo_seeding").update();
        long eventsBefore = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        DemoData demo = demo();
        NodeReadiness starting = new NodeReadiness(projections);
        new DemoData(jdbc, devAuth, starting).afterSingletonsInstantiated();
        assertThat(starting.holds(DemoData.TASK)).as("an incomplete seeding holds the node in starting").isTrue();

        // Stopped in the middle of the products, between a product's creation and its picture.
        AtomicInteger calls = new AtomicInteger();
        int signInsAndProfiles = 2 + 3 * DemoCatalog.SELLERS.size();
        demo.seed(RestClient.builder().baseUrl(baseUrl()).requestInterceptor((request, body, execution) -> {
            if (calls.incrementAndGet() > signInsAndProfiles + 2 * 10 + 1) {
                throw new IOException("the node stopped");
            }
            return execution.execute(request, body);
        }).build());
        assertThat(demo.complete()).isFalse();
        assertThat(jdbc.sql("""
                SELECT count(*) FILTER (WHERE jsonb_array_length(p.images) = 0) FROM products p JOIN users u ON u.id = p.seller_id
                WHERE u.email LIKE '%@zst.demo'""").query(Long.class).single()).as("the product left without its picture")
                .isEqualTo(1L);

        demo.seed(RestClient.builder().baseUrl(baseUrl()).build());
        assertThat(demo.complete()).isTrue();

        String admin = TestUsers.admin(baseUrl());
        JsonNode all = ApiCalls.get(baseUrl() + "/api/v1/products?limit=100&in_stock=true&brand=Xiaomi", admin).body();
        assertThat(all.get("data")).extracting(p -> p.get("seller_category").asText())
                .contains("fournisseur", "importateur");
        long demoProducts = jdbc.sql("""
                SELECT count(*) FROM products p JOIN users u ON u.id = p.seller_id WHERE u.email LIKE '%@zst.demo'
                AND jsonb_array_length(p.images) = 1""").query(Long.class).single();
        assertThat(demoProducts).isEqualTo(DemoCatalog.PRODUCTS.size());
        assertThat(jdbc.sql("SELECT DISTINCT seller_category FROM users WHERE email LIKE '%@zst.demo' AND role = 'seller'")
                .query(String.class).list()).containsExactlyInAnyOrder("importateur", "grossiste", "fournisseur");
        long eventsAfter = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        assertThat(eventsAfter - eventsBefore).isGreaterThan(2L * DemoCatalog.PRODUCTS.size());

        JsonNode picture = ApiCalls.get(baseUrl() + "/api/v1/products?limit=1&brand=Biskra%20Dattes", null).body()
                .get("data").get(0);
        assertThat(picture.get("primary_image").asText()).contains("/media/products/");
        String path = java.net.URI.create(picture.get("primary_image").asText()).getPath();
        assertThat(ApiCalls.get(baseUrl() + path, null).status()).isEqualTo(200);

        String customer = ApiCalls.post(baseUrl() + "/api/v1/dev-auth/login", null,
                java.util.Map.of("email", DemoCatalog.CUSTOMER, "password", DemoCatalog.PASSWORD)).body()
                .get("access_token").asText();
        JsonNode orders = ApiCalls.get(baseUrl() + "/api/v1/orders", customer).body();
        assertThat(orders.get("meta").get("total").asInt()).isEqualTo(2);
        assertThat(orders.get("data")).extracting(o -> o.get("status").asText()).containsExactlyInAnyOrder("pending", "shipped");

        // Other tests share this database: the demo's reels are the ones with the demo caption.
        List<JsonNode> reels = new ArrayList<>();
        JsonNode page;
        int number = 1;
        do {
            page = ApiCalls.get(baseUrl() + "/api/v1/reels?sort=trending&limit=50&page=" + number++, customer).body();
            page.get("data").forEach(reel -> {
                if (reel.get("caption").asText().equals("Découvrez ce produit en vidéo")) {
                    reels.add(reel);
                }
            });
        } while (page.get("data").size() == 50);
        assertThat(reels).hasSize(2);
        JsonNode liked = reels.get(0);
        assertThat(liked.get("is_liked").asBoolean()).as("the liked reel trends first").isTrue();
        assertThat(liked.get("likes_count").asInt()).isEqualTo(1);
        assertThat(liked.get("comments_count").asInt()).isEqualTo(1);

        // B2B offers between the tiers, one auction ending minutes after the seeding, with a bid.
        String grossiste = ApiCalls.post(baseUrl() + "/api/v1/dev-auth/login", null,
                Map.of("email", "grossiste@zst.demo", "password", DemoCatalog.PASSWORD)).body().get("access_token").asText();
        JsonNode forGrossistes = ApiCalls.get(baseUrl() + "/api/v1/b2b/offers?limit=100&target_category=grossiste",
                grossiste).body().get("data");
        List<JsonNode> demoOffers = new ArrayList<>();
        forGrossistes.forEach(offer -> {
            if (offer.get("seller").get("full_name").asText().equals("Sahel Import")) {
                demoOffers.add(offer);
            }
        });
        assertThat(demoOffers).extracting(o -> o.get("offer_type").asText())
                .containsExactlyInAnyOrder("auction", "negotiable");
        JsonNode closing = demoOffers.stream().filter(o -> o.get("offer_type").asText().equals("auction"))
                .findFirst().orElseThrow();
        assertThat(Instant.parse(closing.get("ends_at").asText()))
                .isBefore(Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(closing.get("current_bid").isNull()).isFalse();
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/b2b/my-offers", grossiste).body().get("meta").get("total")
                .asInt()).isEqualTo(2);

        // Freelancers with services in several categories, a portfolio each, orders in several states.
        String freelancer = ApiCalls.post(baseUrl() + "/api/v1/dev-auth/login", null,
                Map.of("email", "freelance@zst.demo", "password", DemoCatalog.PASSWORD)).body().get("access_token")
                .asText();
        JsonNode services = ApiCalls.get(baseUrl() + "/api/v1/freelancer/services", freelancer).body();
        assertThat(services.get("meta").get("total").asInt()).isEqualTo(3);
        String freelancerId = services.get("data").get(0).get("freelancer_id").asText();
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/freelance/services/freelancer/" + freelancerId + "/portfolio",
                null).body()).hasSize(1);
        assertThat(jdbc.sql("SELECT count(DISTINCT category) FROM freelance_services").query(Long.class).single())
                .isGreaterThanOrEqualTo(5L);
        JsonNode freelanceOrders = ApiCalls.get(baseUrl() + "/api/v1/freelance/orders/my-orders", customer).body()
                .get("data");
        assertThat(freelanceOrders).extracting(o -> o.get("status").asText()).containsExactlyInAnyOrder("completed",
                "delivered", "in_progress", "accepted", "pending", "cancelled");
        JsonNode reviewed = ApiCalls.get(baseUrl() + "/api/v1/freelance/services/" + freelanceOrders.findValues(
                "service_id").get(freelanceOrders.size() - 1).asText(), null).body();
        assertThat(reviewed.get("reviews_count").asInt()).isEqualTo(1);
        // Conversations: the customer with the fournisseur about a product, the grossiste with the
        // importateur about its lot.
        JsonNode talks = ApiCalls.get(baseUrl() + "/api/v1/conversations", grossiste).body().get("data");
        assertThat(talks).hasSize(1);
        assertThat(talks.get(0).get("subject").get("type").asText()).isEqualTo("b2b_offer");
        assertThat(talks.get(0).get("last_message").get("content").asText()).contains("Sétif");
        JsonNode asked = ApiCalls.get(baseUrl() + "/api/v1/conversations", customer).body().get("data");
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).get("subject").get("type").asText()).isEqualTo("product");
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/" + asked.get(0).get("id").asText()
                + "/messages", customer).body().get("meta").get("total").asInt()).isEqualTo(3);

        long eventsSeeded = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        demo.seed(RestClient.builder().baseUrl(baseUrl()).build());
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single())
                .as("a complete seeding adds nothing").isEqualTo(eventsSeeded);
    }

    @Test
    void aDemoEmailCannotBeTakenWithAnotherPassword() {
        String taken = "fournisseur2@zst.demo";
        // What a sign-in did before the seeding had run: registered the demo email with the caller's password.
        jdbc.sql("DELETE FROM dev_credentials WHERE email = ?").param(taken).update();
        assertThat(login(taken, "intruder1")).isEqualTo(200);

        demo().reserveAccounts();

        assertThat(login(taken, "intruder1")).isEqualTo(401);
        assertThat(login(taken, DemoCatalog.PASSWORD)).isEqualTo(200);
        assertThat(login("grossiste@zst.demo", "intruder1")).as("a reserved demo email").isEqualTo(401);
    }

    private int login(String email, String password) {
        return ApiCalls.post(baseUrl() + "/api/v1/dev-auth/login", null, Map.of("email", email, "password", password))
                .status();
    }
}
