package dz.zst.app.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** API.md §5 against the running platform: every cart route, its errors, and read-your-writes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CartApiTest extends ApiTestBase {

    private String run;
    private String fournisseur;
    private String importateur;
    private String grossiste;
    private String sellerId;

    @BeforeAll
    void signIn() {
        run = UUID.randomUUID().toString().substring(0, 8);
        fournisseur = TestUsers.seller(baseUrl(), "cart-fou-" + run + "@zst.test", "fournisseur");
        importateur = TestUsers.seller(baseUrl(), "cart-imp-" + run + "@zst.test", "importateur");
        grossiste = TestUsers.seller(baseUrl(), "cart-gro-" + run + "@zst.test", "grossiste");
        sellerId = TestUsers.userId(baseUrl(), fournisseur);
    }

    private String customer(String name) {
        return TestUsers.signIn(baseUrl(), "cart-" + name + "-" + run + "@zst.test");
    }

    private String url(String path) {
        return baseUrl() + "/api/v1" + path;
    }

    private JsonNode product(String token, String name, double price) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("price", price);
        body.put("stock", 50);
        body.put("category", "perfume");
        body.put("images", List.of("https://cdn.zst.test/" + name.replace(' ', '-') + ".jpg"));
        Response response = ApiCalls.post(url("/products"), token, body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body();
    }

    private Response add(String token, String productId, Object quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", productId);
        body.put("quantity", quantity);
        return ApiCalls.post(url("/cart/items"), token, body);
    }

    private JsonNode added(String token, String productId, int quantity) {
        Response response = add(token, productId, quantity);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body();
    }

    private JsonNode cart(String token) {
        Response response = ApiCalls.get(url("/cart"), token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    private int count(String token) {
        Response response = ApiCalls.get(url("/cart/count"), token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("count").asInt();
    }

    private static List<String> itemIds(JsonNode cart) {
        List<String> ids = new ArrayList<>();
        cart.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static void assertError(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(status);
        assertThat(response.body().hasNonNull("message")).isTrue();
    }

    @Test
    void emptyCartBeforeAnyWrite() {
        String buyer = customer("empty");
        JsonNode cart = cart(buyer);
        assertThat(cart.get("items")).isEmpty();
        assertThat(cart.get("summary").get("subtotal").isNumber()).isTrue();
        assertThat(cart.get("summary").get("subtotal").decimalValue()).isZero();
        assertThat(cart.get("summary").get("total_items").asInt()).isZero();
        assertThat(cart.get("summary").get("items_count").asInt()).isZero();
        assertThat(count(buyer)).isZero();

        Response cleared = ApiCalls.delete(url("/cart"), buyer);
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(cleared.body().get("items_removed").asInt()).isZero();
        assertError(ApiCalls.patch(url("/cart/items/" + UUID.randomUUID()), buyer, Map.of("quantity", 2)), 404);
        assertError(ApiCalls.delete(url("/cart/items/" + UUID.randomUUID()), buyer), 404);
    }

    @Test
    void addChangeRemoveAndClearAreEachVisibleToTheNextRead() {
        String buyer = customer("flow");
        JsonNode oud = product(fournisseur, "Oud Royal " + run, 2500.5);
        JsonNode musk = product(fournisseur, "Musc Blanc " + run, 1200);

        JsonNode first = added(buyer, oud.get("id").asText(), 2);
        assertThat(first.get("message").asText()).isNotBlank();
        JsonNode item = first.get("item");
        String oudItem = item.get("id").asText();
        assertThat(item.get("product_id").asText()).isEqualTo(oud.get("id").asText());
        assertThat(item.get("seller_id").asText()).isEqualTo(sellerId);
        assertThat(item.get("product_name").asText()).isEqualTo("Oud Royal " + run);
        assertThat(item.get("product_image").asText()).isEqualTo(oud.get("primary_image").asText());
        assertThat(item.get("product_price").isNumber()).isTrue();
        assertThat(item.get("product_price").decimalValue()).isEqualByComparingTo("2500.5");
        assertThat(item.get("quantity").asInt()).isEqualTo(2);
        assertThat(item.get("product").get("id").asText()).isEqualTo(oud.get("id").asText());
        assertThat(item.get("product").get("slug").asText()).isEqualTo(oud.get("slug").asText());
        assertThat(item.get("product").get("seller").get("id").asText()).isEqualTo(sellerId);
        assertThat(item.hasNonNull("created_at")).isTrue();
        assertThat(item.hasNonNull("updated_at")).isTrue();
        assertThat(itemIds(cart(buyer))).containsExactly(oudItem);
        assertThat(count(buyer)).isEqualTo(2);

        String muskItem = added(buyer, musk.get("id").asText(), 1).get("item").get("id").asText();
        JsonNode cart = cart(buyer);
        assertThat(itemIds(cart)).containsExactly(oudItem, muskItem);
        assertThat(cart.get("summary").get("subtotal").decimalValue()).isEqualByComparingTo("6201.00");
        assertThat(cart.get("summary").get("total_items").asInt()).isEqualTo(3);
        assertThat(cart.get("summary").get("items_count").asInt()).isEqualTo(2);
        assertThat(count(buyer)).isEqualTo(3);

        Response changed = ApiCalls.patch(url("/cart/items/" + muskItem), buyer, Map.of("quantity", 5));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().get("item").get("quantity").asInt()).isEqualTo(5);
        assertThat(cart(buyer).get("items").get(1).get("quantity").asInt()).isEqualTo(5);
        assertThat(count(buyer)).isEqualTo(7);
        Response same = ApiCalls.patch(url("/cart/items/" + muskItem), buyer, Map.of("quantity", 5));
        assertThat(same.status()).as(same.raw()).isEqualTo(200);

        Response removed = ApiCalls.delete(url("/cart/items/" + oudItem), buyer);
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        assertThat(removed.body().get("id").asText()).isEqualTo(oudItem);
        assertThat(removed.body().get("message").asText()).isNotBlank();
        assertThat(itemIds(cart(buyer))).containsExactly(muskItem);
        assertThat(count(buyer)).isEqualTo(5);
        assertError(ApiCalls.delete(url("/cart/items/" + oudItem), buyer), 404);

        added(buyer, oud.get("id").asText(), 1);
        Response cleared = ApiCalls.delete(url("/cart"), buyer);
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(cleared.body().get("items_removed").asInt()).isEqualTo(2);
        assertThat(cleared.body().get("message").asText()).isNotBlank();
        assertThat(cart(buyer).get("items")).isEmpty();
        assertThat(count(buyer)).isZero();
        assertThat(ApiCalls.delete(url("/cart"), buyer).body().get("items_removed").asInt()).isZero();
    }

    @Test
    void addingTheSameProductTwiceMergesIntoOneItem() {
        String buyer = customer("merge");
        String oud = product(fournisseur, "Oud Double " + run, 300).get("id").asText();
        String first = added(buyer, oud, 2).get("item").get("id").asText();
        JsonNode second = added(buyer, oud, 3).get("item");
        assertThat(second.get("id").asText()).isEqualTo(first);
        assertThat(second.get("quantity").asInt()).isEqualTo(5);
        JsonNode cart = cart(buyer);
        assertThat(itemIds(cart)).containsExactly(first);
        assertThat(cart.get("items").get(0).get("quantity").asInt()).isEqualTo(5);
        assertThat(cart.get("summary").get("subtotal").decimalValue()).isEqualByComparingTo("1500");
        assertThat(count(buyer)).isEqualTo(5);
    }

    @Test
    void cartsArePerUser() {
        String alice = customer("alice");
        String bob = customer("bob");
        String oud = product(fournisseur, "Oud Partagé " + run, 100).get("id").asText();
        String aliceItem = added(alice, oud, 1).get("item").get("id").asText();
        String bobItem = added(bob, oud, 4).get("item").get("id").asText();
        assertThat(bobItem).isNotEqualTo(aliceItem);

        assertError(ApiCalls.patch(url("/cart/items/" + aliceItem), bob, Map.of("quantity", 9)), 404);
        assertError(ApiCalls.delete(url("/cart/items/" + aliceItem), bob), 404);
        assertThat(itemIds(cart(bob))).containsExactly(bobItem);
        assertThat(cart(alice).get("items").get(0).get("quantity").asInt()).isEqualTo(1);
        assertThat(count(alice)).isEqualTo(1);
        assertThat(count(bob)).isEqualTo(4);
    }

    @Test
    void aSellerMayFillACartToo() {
        String oud = product(importateur, "Oud En Gros " + run, 90000).get("id").asText();
        JsonNode item = added(grossiste, oud, 1).get("item");
        assertThat(item.get("product").get("seller_category").asText()).isEqualTo("importateur");
        assertThat(itemIds(cart(grossiste))).contains(item.get("id").asText());
    }

    @Test
    void productsTheCallerCannotSeeAreNotFound() {
        String buyer = customer("invisible");
        String wholesale = product(importateur, "Lot Importateur " + run, 50000).get("id").asText();
        assertError(add(buyer, wholesale, 1), 404);
        assertError(add(buyer, UUID.randomUUID().toString(), 1), 404);
        String gone = product(fournisseur, "Produit Supprimé " + run, 10).get("id").asText();
        assertThat(ApiCalls.delete(url("/products/" + gone), fournisseur).status()).isEqualTo(200);
        assertError(add(buyer, gone, 1), 404);
        assertThat(cart(buyer).get("items")).isEmpty();
        assertThat(count(buyer)).isZero();
    }

    @Test
    void itemsWhoseProductWasDeletedOrHiddenLeaveTheViewButStayInTheCart() {
        String buyer = customer("stale");
        String kept = product(fournisseur, "Produit Gardé " + run, 100).get("id").asText();
        JsonNode doomed = product(fournisseur, "Produit Retiré " + run, 1000);
        String keptItem = added(buyer, kept, 1).get("item").get("id").asText();
        String doomedItem = added(buyer, doomed.get("id").asText(), 2).get("item").get("id").asText();
        assertThat(count(buyer)).isEqualTo(3);

        Response repriced = ApiCalls.patch(url("/products/" + kept), fournisseur, Map.of("price", 150));
        assertThat(repriced.status()).as(repriced.raw()).isEqualTo(200);
        JsonNode cart = cart(buyer);
        assertThat(cart.get("items").get(0).get("product_price").decimalValue())
                .as("product data is current").isEqualByComparingTo("150");
        assertThat(cart.get("summary").get("subtotal").decimalValue()).isEqualByComparingTo("2150");

        assertThat(ApiCalls.delete(url("/products/" + doomed.get("id").asText()), fournisseur).status()).isEqualTo(200);
        cart = cart(buyer);
        assertThat(itemIds(cart)).containsExactly(keptItem);
        assertThat(cart.get("summary").get("subtotal").decimalValue()).isEqualByComparingTo("150");
        assertThat(cart.get("summary").get("total_items").asInt()).isEqualTo(1);
        assertThat(cart.get("summary").get("items_count").asInt()).isEqualTo(1);
        assertThat(count(buyer)).isEqualTo(1);
        assertError(ApiCalls.patch(url("/cart/items/" + doomedItem), buyer, Map.of("quantity", 3)), 404);

        Response cleared = ApiCalls.delete(url("/cart"), buyer);
        assertThat(cleared.body().get("items_removed").asInt()).as("hidden items are cleared too").isEqualTo(2);
        assertThat(count(buyer)).isZero();
    }

    @Test
    void invalidRequestsAreRefused() {
        String buyer = customer("invalid");
        String oud = product(fournisseur, "Oud Validé " + run, 100).get("id").asText();
        String item = added(buyer, oud, 1).get("item").get("id").asText();

        assertError(ApiCalls.get(url("/cart"), null), 401);
        assertError(ApiCalls.get(url("/cart/count"), null), 401);
        assertError(add(null, oud, 1), 401);
        assertError(ApiCalls.patch(url("/cart/items/" + item), null, Map.of("quantity", 2)), 401);
        assertError(ApiCalls.delete(url("/cart/items/" + item), null), 401);
        assertError(ApiCalls.delete(url("/cart"), null), 401);

        assertError(add(buyer, oud, 0), 400);
        assertError(add(buyer, oud, -3), 400);
        assertError(add(buyer, oud, 1.5), 400);
        assertError(add(buyer, oud, "2"), 400);
        assertError(add(buyer, oud, 10_001), 400);
        assertError(add(buyer, oud, null), 400);
        assertError(add(buyer, "not-a-uuid", 1), 400);
        assertError(ApiCalls.post(url("/cart/items"), buyer, Map.of("quantity", 1)), 400);
        assertError(ApiCalls.post(url("/cart/items"), buyer, Map.of("product_id", oud, "quantity", 1, "color", "red")), 400);
        assertError(ApiCalls.post(url("/cart/items"), buyer, "{\"product_id\": "), 400);
        assertError(ApiCalls.send("POST", url("/cart/items"), buyer, "product_id=" + oud + "&quantity=1",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 415);

        assertError(ApiCalls.patch(url("/cart/items/" + item), buyer, Map.of("quantity", 0)), 400);
        assertError(ApiCalls.patch(url("/cart/items/" + item), buyer, Map.of()), 400);
        assertError(ApiCalls.patch(url("/cart/items/" + item), buyer, Map.of("quantity", 2, "note", "x")), 400);
        assertError(ApiCalls.patch(url("/cart/items/" + UUID.randomUUID()), buyer, Map.of("quantity", 2)), 404);
        assertError(ApiCalls.patch(url("/cart/items/not-an-id"), buyer, Map.of("quantity", 2)), 404);
        assertError(ApiCalls.delete(url("/cart/items/" + UUID.randomUUID()), buyer), 404);
        assertError(ApiCalls.delete(url("/cart/items/not-an-id"), buyer), 404);

        JsonNode cart = cart(buyer);
        assertThat(itemIds(cart)).containsExactly(item);
        assertThat(cart.get("items").get(0).get("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void routesAreDocumented() {
        JsonNode paths = ApiCalls.get(baseUrl() + "/api/docs-json", null).body().get("paths");
        assertThat(paths.get("/api/v1/cart").has("get")).isTrue();
        assertThat(paths.get("/api/v1/cart").has("delete")).isTrue();
        assertThat(paths.get("/api/v1/cart/count").has("get")).isTrue();
        assertThat(paths.get("/api/v1/cart/items").get("post").get("tags").get(0).asText()).isEqualTo("Cart");
        assertThat(paths.get("/api/v1/cart/items/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/v1/cart/items/{id}").get("delete").get("responses").has("404")).isTrue();
    }
}
