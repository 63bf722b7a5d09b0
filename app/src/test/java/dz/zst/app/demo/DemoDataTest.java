package dz.zst.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** The first-start seeding, run against the test platform (where it is switched off by default). */
class DemoDataTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void seedsSellersOfEveryTierAndProductsWithImagesThroughTheEventStore() {
        long eventsBefore = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        new DemoData(jdbc).seed(RestClient.builder().baseUrl(baseUrl()).build());

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
    }
}
