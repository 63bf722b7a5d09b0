package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestImages;
import dz.zst.app.support.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A command route given the id of another kind of aggregate (a reel's id where a product's is
 * expected, and so on) answers 404 and stores nothing: every repository reads only the events of
 * its own aggregate type. Before, the aggregate was rebuilt from another type's events and the
 * request failed with a 500 (found by fuzzing every route with the ids of the demo data).
 */
class ForeignAggregateIdApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void commandsOnTheIdOfAnotherKindOfAggregateAreNotFoundAndChangeNothing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "foreign-" + run + "@zst.test", "fournisseur");
        String customer = TestUsers.signIn(baseUrl(), "foreign-buyer-" + run + "@zst.test");
        String admin = TestUsers.admin(baseUrl());
        JsonNode reel = new ReelKit(baseUrl()).reel(seller, "Étranger " + run);
        String reelId = reel.get("id").asText();
        String productId = reel.get("product_id").asText();
        long eventsBefore = events();

        expectNotFound(ApiCalls.patch(url("/products/" + reelId), admin, Map.of("price", 10)));
        expectNotFound(ApiCalls.delete(url("/products/" + reelId), admin));
        expectNotFound(ApiCalls.patch(url("/seller/products/" + reelId), seller, Map.of("price", 10)));
        expectNotFound(ApiCalls.patch(url("/reels/" + productId), admin, Map.of("caption", "autre")));
        expectNotFound(ApiCalls.delete(url("/reels/" + productId), admin));
        expectNotFound(ApiCalls.post(url("/orders/" + productId + "/cancel"), customer, Map.of()));
        expectNotFound(ApiCalls.patch(url("/seller/orders/" + reelId + "/status"), seller,
                Map.of("status", "confirmed")));
        expectNotFound(ApiCalls.patch(url("/reels/comments/" + productId), admin, Map.of("content", "autre")));
        expectNotFound(ApiCalls.delete(url("/reels/comments/" + reelId), admin));

        assertThat(events()).as("nothing stored").isEqualTo(eventsBefore);
        assertThat(ApiCalls.get(url("/products/" + productId), seller).status()).isEqualTo(200);
        assertThat(ApiCalls.get(url("/reels/" + reelId), seller).status()).isEqualTo(200);
    }

    /**
     * A route that reads a row before acting (a portfolio item's thumbnail checks its freelancer)
     * waits for the row's events to be folded: given another aggregate's id it answered 404 only
     * after the whole read-your-writes wait (10 s), as the portfolio never folds a reel's events.
     */
    @Test
    void aReadOfTheIdOfAnotherKindOfAggregateIsNotFoundWithoutWaiting() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "foreign-read-" + run + "@zst.test", "fournisseur");
        String freelancer = TestUsers.freelancer(baseUrl(), "foreign-freelancer-" + run + "@zst.test");
        String reelId = new ReelKit(baseUrl()).reel(seller, "Vignette " + run).get("id").asText();

        long started = System.nanoTime();
        Response thumbnail = ApiCalls.multipart(url("/freelancer/portfolio/" + reelId + "/thumbnail"), freelancer,
                new ApiCalls.Part("file", "thumb.png", "image/png", TestImages.png(40, 40)));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        expectNotFound(thumbnail);
        assertThat(tookMs).as("answered without waiting for a fold that never comes").isLessThan(5_000);
    }

    private void expectNotFound(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(404);
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(404);
    }

    private String url(String path) {
        return baseUrl() + "/api/v1" + path;
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }
}
