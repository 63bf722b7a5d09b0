package dz.zst.app.reels;

import static dz.zst.app.reels.ReelKit.assertError;
import static dz.zst.app.reels.ReelKit.reelBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** API.md §7 against the running platform: every reel route, its rules and its errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReelApiTest extends ApiTestBase {

    private ReelKit kit;
    private String run;
    private String seller;
    private String sellerId;
    private String otherSeller;
    private String importateur;
    private String customer;
    private String admin;

    @BeforeAll
    void signIn() {
        kit = new ReelKit(baseUrl());
        run = UUID.randomUUID().toString().substring(0, 8);
        seller = TestUsers.seller(baseUrl(), "reel-fou-" + run + "@zst.test", "fournisseur");
        sellerId = TestUsers.userId(baseUrl(), seller);
        otherSeller = TestUsers.seller(baseUrl(), "reel-fou2-" + run + "@zst.test", "fournisseur");
        importateur = TestUsers.seller(baseUrl(), "reel-imp-" + run + "@zst.test", "importateur");
        customer = TestUsers.signIn(baseUrl(), "reel-buyer-" + run + "@zst.test");
        admin = TestUsers.admin(baseUrl());
    }

    private String user(String name) {
        return TestUsers.signIn(baseUrl(), "reel-" + name + "-" + run + "@zst.test");
    }

    private String url(String path) {
        return baseUrl() + "/api/v1/reels" + path;
    }

    @Test
    void aSellerPublishesAReelOfItsProductWithTheProductAndItsPublicFace() {
        String productId = kit.product(seller, "Oud Royal " + run);
        Response published = kit.publish(seller, reelBody(productId));

        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        JsonNode reel = published.body();
        assertThat(reel.get("product_id").asText()).isEqualTo(productId);
        assertThat(reel.get("seller_id").asText()).isEqualTo(sellerId);
        assertThat(reel.get("caption").asText()).isEqualTo("Découvrez notre nouveauté");
        assertThat(reel.get("video_url").asText()).endsWith(productId + ".mp4");
        assertThat(reel.get("video_storage_path").asText()).isEqualTo("reels/" + productId + "/video.mp4");
        assertThat(reel.get("duration_seconds").asInt()).isEqualTo(15);
        assertThat(reel.get("file_size_bytes").asLong()).isEqualTo(2_000_000);
        assertThat(reel.get("likes_count").asLong()).isZero();
        assertThat(reel.get("comments_count").asLong()).isZero();
        assertThat(reel.get("views_count").asLong()).isZero();
        assertThat(reel.get("created_at").asText()).endsWith("Z");
        assertThat(reel.get("product").get("name").asText()).isEqualTo("Oud Royal " + run);
        assertThat(reel.get("product").get("price").asDouble()).isEqualTo(2500);
        assertThat(reel.get("product").get("primary_image").asText()).startsWith("https://cdn.zst.test/");
        assertThat(reel.get("product").get("slug").asText()).startsWith("oud-royal");
        assertThat(reel.get("seller").get("id").asText()).isEqualTo(sellerId);
        assertThat(reel.get("seller").has("email")).isFalse();
        assertThat(reel.get("is_liked").asBoolean()).isFalse();

        JsonNode asGuest = kit.get(null, reel.get("id").asText()).body();
        assertThat(asGuest.has("is_liked")).isFalse();
        assertThat(asGuest.get("id").asText()).isEqualTo(reel.get("id").asText());
    }

    @Test
    void onlyTheProductsSellerPublishesItsReels() {
        String productId = kit.product(seller, "Musc " + run);
        assertError(kit.publish(otherSeller, reelBody(productId)), 403, "product's seller");
        assertError(kit.publish(customer, reelBody(productId)), 403, "product's seller");
        assertError(kit.publish(admin, reelBody(productId)), 403, "product's seller");
        assertError(kit.publish(null, reelBody(productId)), 401, "");
        assertError(kit.publish(seller, reelBody(UUID.randomUUID().toString())), 404, "Product not found");
    }

    @Test
    void badReelBodiesAre400AndPublishNothing() {
        String productId = kit.product(seller, "Ambre " + run);
        Map<String, Object> noVideo = reelBody(productId);
        noVideo.remove("video_url");
        assertError(kit.publish(seller, noVideo), 400, "video_url");
        Map<String, Object> badUrl = reelBody(productId);
        badUrl.put("video_url", "javascript:alert(1)");
        assertError(kit.publish(seller, badUrl), 400, "video_url");
        Map<String, Object> longCaption = reelBody(productId);
        longCaption.put("caption", "x".repeat(501));
        assertError(kit.publish(seller, longCaption), 400, "caption");
        Map<String, Object> unknown = reelBody(productId);
        unknown.put("likes_count", 1000);
        assertError(kit.publish(seller, unknown), 400, "likes_count");
        Map<String, Object> negative = reelBody(productId);
        negative.put("duration", -1);
        assertError(kit.publish(seller, negative), 400, "duration");
        Map<String, Object> badProduct = reelBody(productId);
        badProduct.put("product_id", "nope");
        assertError(kit.publish(seller, badProduct), 400, "product_id");

        JsonNode reels = ApiCalls.get(url("?product_id=" + productId), null).body();
        assertThat(reels.get("meta").get("total").asLong()).isZero();
    }

    @Test
    void listsFilterByProductAndSellerPageAndRefuseBadParameters() {
        String mine = TestUsers.seller(baseUrl(), "reel-list-" + run + "@zst.test", "fournisseur");
        String mineId = TestUsers.userId(baseUrl(), mine);
        JsonNode first = kit.reel(mine, "Liste A " + run);
        JsonNode second = kit.reel(mine, "Liste B " + run);

        JsonNode bySeller = ApiCalls.get(url("?seller_id=" + mineId + "&limit=1"), null).body();
        assertThat(bySeller.get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(bySeller.get("meta").get("totalPages").asLong()).isEqualTo(2);
        assertThat(bySeller.get("data").get(0).get("id").asText()).as("newest first")
                .isEqualTo(second.get("id").asText());
        JsonNode byProduct = ApiCalls.get(url("?product_id=" + first.get("product_id").asText()), null).body();
        assertThat(byProduct.get("data")).hasSize(1);
        assertThat(byProduct.get("data").get(0).get("id").asText()).isEqualTo(first.get("id").asText());

        assertError(ApiCalls.get(url("?limit=51"), null), 400, "limit");
        assertError(ApiCalls.get(url("?limit=0"), null), 400, "limit");
        assertError(ApiCalls.get(url("?page=0"), null), 400, "page");
        assertError(ApiCalls.get(url("?sort=popular"), null), 400, "sort");
        assertError(ApiCalls.get(url("?seller_id=abc"), null), 400, "seller_id");
        assertError(ApiCalls.get(url("/" + UUID.randomUUID()), null), 404, "Reel not found");
        assertError(ApiCalls.get(url("/not-a-uuid"), null), 404, "Reel not found");
    }

    @Test
    void trendingRanksRecentEngagementAboveAQuietNewerReel() {
        String trendSeller = TestUsers.seller(baseUrl(), "reel-trend-" + run + "@zst.test", "fournisseur");
        String trendSellerId = TestUsers.userId(baseUrl(), trendSeller);
        JsonNode engaged = kit.reel(trendSeller, "Trend A " + run);
        JsonNode quiet = kit.reel(trendSeller, "Trend B " + run);
        for (int i = 0; i < 3; i++) {
            assertThat(kit.like(user("trend" + i), engaged.get("id").asText()).status()).isEqualTo(200);
        }
        JsonNode trending = ApiCalls.get(url("?sort=trending&seller_id=" + trendSellerId), null).body();
        JsonNode recent = ApiCalls.get(url("?sort=recent&seller_id=" + trendSellerId), null).body();
        assertThat(trending.get("data").get(0).get("id").asText()).isEqualTo(engaged.get("id").asText());
        assertThat(recent.get("data").get(0).get("id").asText()).isEqualTo(quiet.get("id").asText());
    }

    @Test
    void reelsOfWholesaleProductsAreShownOnlyToThoseWhoMaySeeTheProduct() {
        String grossiste = TestUsers.seller(baseUrl(), "reel-gro-" + run + "@zst.test", "grossiste");
        JsonNode reel = kit.reel(importateur, "Lot import " + run);
        String id = reel.get("id").asText();

        assertError(kit.get(null, id), 404, "Reel not found");
        assertError(kit.get(customer, id), 404, "Reel not found");
        assertError(kit.like(customer, id), 404, "Reel not found");
        assertThat(kit.get(grossiste, id).status()).isEqualTo(200);
        assertThat(kit.get(importateur, id).status()).isEqualTo(200);
        assertThat(kit.get(admin, id).status()).isEqualTo(200);
        String importateurId = reel.get("seller_id").asText();
        assertThat(ApiCalls.get(url("?seller_id=" + importateurId), null).body().get("meta").get("total").asLong())
                .isZero();
        assertThat(ApiCalls.get(url("?seller_id=" + importateurId), grossiste).body().get("meta").get("total")
                .asLong()).isEqualTo(1);
    }

    @Test
    void aLikeCountsOnceAndTheAnswerAndEveryReadIncludeIt() {
        String id = kit.reel(seller, "Likes " + run).get("id").asText();
        String fan = user("fan");

        Response liked = kit.like(fan, id);
        assertThat(liked.status()).as(liked.raw()).isEqualTo(200);
        assertThat(liked.body().get("message").asText()).isEqualTo("Reel liked");
        assertThat(liked.body().get("reelId").asText()).isEqualTo(id);
        assertThat(liked.body().get("likesCount").asLong()).isEqualTo(1);
        assertThat(kit.get(fan, id).body().get("is_liked").asBoolean()).isTrue();
        assertThat(kit.get(null, id).body().get("likes_count").asLong()).isEqualTo(1);

        assertError(kit.like(fan, id), 409, "already liked");
        assertThat(kit.get(null, id).body().get("likes_count").asLong()).isEqualTo(1);

        JsonNode likes = ApiCalls.get(url("/" + id + "/likes"), seller).body();
        assertThat(likes.get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(likes.get("data").get(0).get("user").get("id").asText())
                .isEqualTo(TestUsers.userId(baseUrl(), fan));
        assertThat(likes.get("data").get(0).get("created_at").asText()).endsWith("Z");
        assertError(ApiCalls.get(url("/" + id + "/likes"), null), 401, "");

        Response unliked = kit.unlike(fan, id);
        assertThat(unliked.status()).as(unliked.raw()).isEqualTo(200);
        assertThat(unliked.body().get("likesCount").asLong()).isZero();
        assertThat(kit.get(fan, id).body().get("is_liked").asBoolean()).isFalse();
        assertError(kit.unlike(fan, id), 409, "not liked");
        assertError(kit.unlike(user("never"), id), 409, "not liked");

        assertThat(kit.like(fan, id).body().get("likesCount").asLong()).as("liked again").isEqualTo(1);
        assertError(kit.like(null, id), 401, "");
        assertError(kit.like(fan, UUID.randomUUID().toString()), 404, "Reel not found");
    }

    @Test
    void commentsArePostedListedEditedByTheirAuthorAndDeletedByAuthorSellerOrAdmin() {
        String id = kit.reel(seller, "Comments " + run).get("id").asText();
        String author = user("author");
        String stranger = user("stranger");

        Response posted = kit.comment(author, id, "  Superbe parfum ");
        assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
        assertThat(posted.body().get("message").asText()).isEqualTo("Comment added");
        assertThat(posted.body().get("commentsCount").asLong()).isEqualTo(1);
        JsonNode comment = posted.body().get("comment");
        assertThat(comment.get("content").asText()).isEqualTo("Superbe parfum");
        assertThat(comment.get("reel_id").asText()).isEqualTo(id);
        assertThat(comment.get("user").get("id").asText()).isEqualTo(TestUsers.userId(baseUrl(), author));
        String commentId = comment.get("id").asText();
        String second = kit.comment(stranger, id, "Prix ?").body().get("comment").get("id").asText();

        JsonNode listed = ApiCalls.get(url("/" + id + "/comments"), null).body();
        assertThat(listed.get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(listed.get("data").get(0).get("id").asText()).as("newest first").isEqualTo(second);
        assertThat(kit.get(null, id).body().get("comments_count").asLong()).isEqualTo(2);

        Response edited = ApiCalls.patch(url("/comments/" + commentId), author, Map.of("content", "Sublime"));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.body().get("comment").get("content").asText()).isEqualTo("Sublime");
        assertError(ApiCalls.patch(url("/comments/" + commentId), stranger, Map.of("content", "x")), 403, "author");
        assertError(ApiCalls.patch(url("/comments/" + commentId), seller, Map.of("content", "x")), 403, "author");
        assertError(ApiCalls.delete(url("/comments/" + commentId), stranger), 403, "author");

        Response deleted = ApiCalls.delete(url("/comments/" + commentId), seller);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().get("commentsCount").asLong()).isEqualTo(1);
        assertError(ApiCalls.delete(url("/comments/" + commentId), author), 404, "Comment not found");
        assertThat(ApiCalls.delete(url("/comments/" + second), admin).body().get("commentsCount").asLong()).isZero();
        assertThat(ApiCalls.get(url("/" + id + "/comments"), null).body().get("meta").get("total").asLong()).isZero();
    }

    @Test
    void badCommentsAre400AndGuestsCannotComment() {
        String id = kit.reel(seller, "Bad comments " + run).get("id").asText();
        String author = user("bad-author");
        assertError(kit.comment(author, id, "   "), 400, "content");
        assertError(kit.comment(author, id, "x".repeat(501)), 400, "content");
        assertError(ApiCalls.post(url("/" + id + "/comments"), author, Map.of("content", "ok", "rating", 5)), 400,
                "rating");
        assertError(kit.comment(null, id, "hello"), 401, "");
        assertError(kit.comment(author, UUID.randomUUID().toString(), "hello"), 404, "Reel not found");
        assertError(ApiCalls.patch(url("/comments/" + UUID.randomUUID()), author, Map.of("content", "x")), 404,
                "Comment not found");
        assertThat(kit.get(null, id).body().get("comments_count").asLong()).isZero();
    }

    @Test
    void aViewerCountsOncePerReelIn24Hours() {
        String id = kit.reel(seller, "Views " + run).get("id").asText();
        String viewer = user("viewer");
        Map<String, String> phoneA = Map.of("X-Device-Id", "device-a-" + run);

        Response first = ApiCalls.send("POST", url("/" + id + "/view"), null, null, phoneA);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().get("reelId").asText()).isEqualTo(id);
        assertThat(first.body().get("viewCount").asLong()).isEqualTo(1);
        assertThat(ApiCalls.send("POST", url("/" + id + "/view"), null, null, phoneA).body().get("viewCount")
                .asLong()).as("same device again").isEqualTo(1);
        assertThat(ApiCalls.post(url("/" + id + "/view"), null, Map.of("device_id", "device-b-" + run)).body()
                .get("viewCount").asLong()).isEqualTo(2);
        assertThat(ApiCalls.post(url("/" + id + "/view"), viewer, null).body().get("viewCount").asLong())
                .isEqualTo(3);
        assertThat(ApiCalls.post(url("/" + id + "/view"), viewer, null).body().get("viewCount").asLong())
                .as("same user again").isEqualTo(3);
        assertThat(kit.get(null, id).body().get("views_count").asLong()).isEqualTo(3);

        assertError(ApiCalls.post(url("/" + id + "/view"), null, Map.of("device_id", "short")), 400, "device_id");
        assertError(ApiCalls.post(url("/" + id + "/view"), null, Map.of("device_id", "   abc    ")), 400, "device_id");
        assertError(ApiCalls.send("POST", url("/" + id + "/view"), null, null, Map.of("X-Device-Id", "x")), 400,
                "X-Device-Id");
        assertError(ApiCalls.send("POST", url("/" + id + "/view"), null, null, Map.of("X-Device-Id", "d".repeat(129))),
                400, "X-Device-Id");
        assertThat(kit.get(null, id).body().get("views_count").asLong()).as("refused views count nothing").isEqualTo(3);
        assertError(ApiCalls.post(url("/" + UUID.randomUUID() + "/view"), null, null), 404, "Reel not found");
    }

    @Test
    void theOwnerChangesTheCaptionAndTheOwnerOrAnAdminDeletesTheReel() {
        String id = kit.reel(seller, "Lifecycle " + run).get("id").asText();
        Response changed = ApiCalls.patch(url("/" + id), seller, Map.of("caption", "  Promo -20 % "));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().get("caption").asText()).isEqualTo("Promo -20 %");
        assertError(ApiCalls.patch(url("/" + id), otherSeller, Map.of("caption", "mine")), 403, "seller");
        assertError(ApiCalls.delete(url("/" + id), otherSeller), 403, "seller");
        assertError(ApiCalls.delete(url("/" + id), customer), 403, "seller");

        Response deleted = ApiCalls.delete(url("/" + id), seller);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().get("message").asText()).isEqualTo("Reel deleted successfully");
        assertThat(deleted.body().get("id").asText()).isEqualTo(id);
        assertError(kit.get(null, id), 404, "Reel not found");
        assertError(kit.like(customer, id), 404, "Reel not found");
        assertError(ApiCalls.delete(url("/" + id), seller), 404, "");

        String moderated = kit.reel(seller, "Moderated " + run).get("id").asText();
        assertThat(ApiCalls.delete(url("/" + moderated), admin).status()).isEqualTo(200);
        assertError(kit.get(seller, moderated), 404, "Reel not found");
    }

    @Test
    void likesAndCommentsAreRateLimitedPerUser() {
        String id = kit.reel(seller, "Limits " + run).get("id").asText();
        String eager = user("eager");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add((i % 2 == 0 ? kit.like(eager, id) : kit.unlike(eager, id)).status());
        }
        assertThat(statuses).containsOnly(200);
        Response limited = kit.like(eager, id);
        assertError(limited, 429, "Too many likes");
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(kit.like(user("patient"), id).status()).as("other users keep their budget").isEqualTo(200);

        String talker = user("talker");
        for (int i = 0; i < 5; i++) {
            assertThat(kit.comment(talker, id, "message " + i).status()).isEqualTo(201);
        }
        assertError(kit.comment(talker, id, "one more"), 429, "Too many comments");
        assertThat(ApiCalls.get(url("/" + id + "/comments"), null).body().get("meta").get("total").asLong())
                .isEqualTo(5);
    }
}
