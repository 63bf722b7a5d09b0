package dz.zst.app.freelance;

import static dz.zst.app.freelance.FreelanceKit.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A freelancer's services (API.md §10): writes with every bound, public reads, filters and sorts. */
class FreelanceServiceApiTest extends ApiTestBase {

    @Test
    void aFreelancerCreatesUpdatesAndDeletesItsServiceReadableAtOnceByAnyone() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("designer");
        String freelancerId = TestUsers.userId(baseUrl(), freelancer);
        JsonNode created = kit.createService(freelancer, FreelanceKit.service("Création de Logo Élégant", "design", 5000));
        String id = created.get("id").asText();
        assertThat(created.get("slug").asText()).isEqualTo("creation-de-logo-elegant-" + id.substring(0, 8));
        assertThat(created.get("freelancer_id").asText()).isEqualTo(freelancerId);
        assertThat(created.get("freelancer").get("id").asText()).isEqualTo(freelancerId);
        assertThat(created.get("freelancer").has("email")).isFalse();
        assertThat(created.get("price_basic").decimalValue()).isEqualByComparingTo("5000");
        assertThat(created.get("standard_delivery_days").asInt()).isEqualTo(5);
        assertThat(created.get("premium_description").asText()).isEqualTo("Identité complète");
        assertThat(created.get("rating").decimalValue()).isZero();
        assertThat(created.get("reviews_count").asInt()).isZero();
        assertThat(created.get("orders_count").asInt()).isZero();
        assertThat(created.get("tags").toString()).isEqualTo("[\"logo\",\"branding\"]");

        JsonNode guestRead = expect(ApiCalls.get(kit.url("/freelance/services/" + id), null), 200).body();
        assertThat(guestRead).isEqualTo(created);
        assertThat(expect(ApiCalls.get(kit.url("/freelance/services/slug/" + created.get("slug").asText()), null), 200)
                .body().get("id").asText()).isEqualTo(id);

        JsonNode updated = expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer,
                Map.of("price_basic", 6000, "title", "Logo Premium")), 200).body();
        assertThat(updated.get("price_basic").decimalValue()).isEqualByComparingTo("6000");
        assertThat(updated.get("title").asText()).isEqualTo("Logo Premium");
        assertThat(updated.get("slug").asText()).as("the slug stays").isEqualTo(created.get("slug").asText());
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + id), null).body().get("price_basic").decimalValue())
                .isEqualByComparingTo("6000");
        assertThat(ApiCalls.get(kit.url("/freelancer/services"), freelancer).body().get("meta").get("total").asInt())
                .isEqualTo(1);

        JsonNode deleted = expect(ApiCalls.delete(kit.url("/freelancer/services/" + id), freelancer), 200).body();
        assertThat(deleted.get("id").asText()).isEqualTo(id);
        expect(ApiCalls.get(kit.url("/freelance/services/" + id), null), 404);
        expect(ApiCalls.get(kit.url("/freelance/services/slug/" + created.get("slug").asText()), null), 404);
        expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer, Map.of("title", "x")), 404);
    }

    @Test
    void onlyFreelancersCreateAndOnlyTheOwnerOrAnAdminChanges() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("owner");
        String other = kit.freelancer("other");
        String customer = kit.client("customer");
        String seller = TestUsers.seller(baseUrl(), "seller-" + kit.run + "@zst.test", "fournisseur");
        Map<String, Object> body = FreelanceKit.service("Traduction arabe", "translation", 2000);
        expect(ApiCalls.post(kit.url("/freelancer/services"), customer, body), 403);
        expect(ApiCalls.post(kit.url("/freelancer/services"), seller, body), 403);
        expect(ApiCalls.post(kit.url("/freelancer/services"), null, body), 401);
        String id = kit.createService(freelancer, body).get("id").asText();
        expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), other, Map.of("title", "Volé")), 403);
        expect(ApiCalls.delete(kit.url("/freelancer/services/" + id), other), 403);
        expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), TestUsers.admin(baseUrl()),
                Map.of("title", "Traduction revue")), 200);
        expect(ApiCalls.get(kit.url("/freelancer/services"), customer), 403);
        expect(ApiCalls.patch(kit.url("/freelancer/services/not-a-uuid"), freelancer, Map.of("title", "x")), 404);
    }

    @Test
    void everyFieldIsBoundedAndARefusedWriteChangesNothing() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("bounds");
        List<Map<String, Object>> bad = new ArrayList<>();
        for (Object[] change : new Object[][]{
                {"title", "x".repeat(201)}, {"title", " "}, {"description", "x".repeat(5001)},
                {"category", "plumbing"}, {"tags", List.of("x".repeat(51))}, {"price_basic", -1},
                {"price_basic", 50_000_000.01}, {"price_basic", 10.001}, {"price_basic", "100"},
                {"basic_delivery_days", 0}, {"basic_delivery_days", 366}, {"basic_description", "x".repeat(1001)},
                {"price_standard", -5}, {"premium_delivery_days", 400}, {"unknown", 1}}) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(FreelanceKit.service("Bornes", "design", 100));
            body.put((String) change[0], change[1]);
            bad.add(body);
        }
        for (String required : List.of("title", "category", "price_basic", "basic_description", "basic_delivery_days")) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(FreelanceKit.service("Bornes", "design", 100));
            body.remove(required);
            bad.add(body);
        }
        Map<String, Object> halfTier = new java.util.LinkedHashMap<>(FreelanceKit.service("Bornes", "design", 100));
        halfTier.remove("standard_delivery_days");
        bad.add(halfTier);
        for (Map<String, Object> body : bad) {
            ApiCalls.Response refused = ApiCalls.post(kit.url("/freelancer/services"), freelancer, body);
            assertThat(refused.status()).as(body + " → " + refused.raw()).isEqualTo(400);
            assertThat(refused.body().get("statusCode").asInt()).isEqualTo(400);
        }
        assertThat(ApiCalls.get(kit.url("/freelancer/services"), freelancer).body().get("meta").get("total").asInt())
                .isZero();

        Map<String, Object> basicOnly = new java.util.LinkedHashMap<>(FreelanceKit.service("Basique", "writing", 100));
        for (String tier : List.of("standard", "premium")) {
            basicOnly.remove("price_" + tier);
            basicOnly.remove(tier + "_description");
            basicOnly.remove(tier + "_delivery_days");
        }
        JsonNode created = kit.createService(freelancer, basicOnly);
        assertThat(created.get("price_standard").isNull()).isTrue();
        assertThat(created.get("premium_delivery_days").isNull()).isTrue();
        String id = created.get("id").asText();
        expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer, Map.of("price_premium", 900)), 400);
        expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer, Map.of("basic_delivery_days", 0)), 400);
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + id), null).body()).isEqualTo(created);
        JsonNode withPremium = expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer,
                Map.of("price_premium", 900, "premium_delivery_days", 7)), 200).body();
        assertThat(withPremium.get("price_premium").decimalValue()).isEqualByComparingTo("900");
    }

    @Test
    void theListFiltersSortsAndPages() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String a = kit.freelancer("list-a");
        String b = kit.freelancer("list-b");
        String aId = TestUsers.userId(baseUrl(), a);
        String tag = "q" + kit.run;
        List<String> ids = new ArrayList<>();
        int[] prices = {300, 100, 200};
        String[] titles = {"Vidéo Événement " + tag, "Montage ÉTÉ " + tag, "Site Web " + tag};
        String[] categories = {"video", "video", "development"};
        for (int i = 0; i < 3; i++) {
            ids.add(kit.createService(i == 2 ? b : a, FreelanceKit.service(titles[i], categories[i], prices[i]))
                    .get("id").asText());
        }
        String search = "/freelance/services?search=" + tag;
        assertThat(idsOf(kit, search)).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(idsOf(kit, search + "&sort_by=price&sort_order=ASC")).containsExactly(ids.get(1), ids.get(2),
                ids.get(0));
        assertThat(idsOf(kit, search + "&category=video")).containsExactly(ids.get(1), ids.get(0));
        assertThat(idsOf(kit, search + "&min_price=150&max_price=250")).containsExactly(ids.get(2));
        assertThat(idsOf(kit, search + "&freelancer_id=" + aId)).containsExactly(ids.get(1), ids.get(0));
        assertThat(idsOf(kit, "/freelance/services?search=EVENEMENT%20" + tag.toUpperCase()))
                .as("accents and case folded").containsExactly(ids.get(0));
        assertThat(idsOf(kit, "/freelance/services?search=branding%20" + tag)).isEmpty();
        JsonNode page = ApiCalls.get(kit.url(search + "&limit=2&page=2"), null).body();
        assertThat(page.get("meta").toString()).isEqualTo("{\"page\":2,\"limit\":2,\"total\":3,\"totalPages\":2}");
        assertThat(page.get("data")).hasSize(1);

        String client = kit.client("popular");
        kit.order(client, ids.get(0), "basic");
        kit.order(client, ids.get(0), "basic");
        kit.order(client, ids.get(2), "basic");
        assertThat(idsOf(kit, search + "&sort_by=popular")).containsExactly(ids.get(0), ids.get(2), ids.get(1));
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + ids.get(0)), null).body().get("orders_count").asInt())
                .isEqualTo(2);

        for (String query : List.of("sort_by=name", "sort_order=UP", "category=plumbing", "min_price=-1",
                "min_price=5&max_price=1", "freelancer_id=nope", "limit=101", "page=0", "min_price=abc")) {
            ApiCalls.Response refused = ApiCalls.get(kit.url("/freelance/services?" + query), null);
            assertThat(refused.status()).as(query + " → " + refused.raw()).isEqualTo(400);
        }
        expect(ApiCalls.get(kit.url("/freelance/services/not-a-uuid"), null), 404);
        expect(ApiCalls.get(kit.url("/freelance/services/" + java.util.UUID.randomUUID()), null), 404);
    }

    private static List<String> idsOf(FreelanceKit kit, String path) {
        ApiCalls.Response page = expect(ApiCalls.get(kit.url(path), null), 200);
        List<String> ids = new ArrayList<>();
        page.body().get("data").forEach(service -> ids.add(service.get("id").asText()));
        return ids;
    }
}
