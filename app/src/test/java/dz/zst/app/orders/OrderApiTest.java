package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.assertError;
import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** API.md §6 against the running platform: checkout, access, lifecycle, lists and their errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderApiTest extends ApiTestBase {

    private Shop shop;
    private String run;
    private String seller;
    private String otherSeller;
    private String importateur;
    private String buyer;
    private String stranger;
    private String admin;

    @BeforeAll
    void signIn() {
        shop = new Shop(baseUrl());
        run = UUID.randomUUID().toString().substring(0, 8);
        seller = TestUsers.seller(baseUrl(), "ord-fou-" + run + "@zst.test", "fournisseur");
        otherSeller = TestUsers.seller(baseUrl(), "ord-fou2-" + run + "@zst.test", "fournisseur");
        importateur = TestUsers.seller(baseUrl(), "ord-imp-" + run + "@zst.test", "importateur");
        buyer = TestUsers.signIn(baseUrl(), "ord-buyer-" + run + "@zst.test");
        stranger = TestUsers.signIn(baseUrl(), "ord-other-" + run + "@zst.test");
        admin = TestUsers.admin(baseUrl());
    }

    private String url(String path) {
        return baseUrl() + "/api/v1" + path;
    }

    @Test
    void signedInCheckoutPlacesOneOrderPerSellerAndTakesTheStock() {
        String oud = shop.product(seller, "Oud Royal " + run, 2500, 10);
        String musc = shop.product(seller, "Musc Blanc " + run, 1200.5, 3);
        String henna = shop.product(otherSeller, "Henné " + run, 300, 5);

        JsonNode orders = shop.placed(buyer, checkout(List.of(item(oud, 2), item(musc, 3), item(henna, 1))));

        assertThat(orders).hasSize(2);
        String buyerId = TestUsers.userId(baseUrl(), buyer);
        JsonNode fromSeller = find(orders, TestUsers.userId(baseUrl(), seller));
        assertThat(fromSeller.get("user_id").asText()).isEqualTo(buyerId);
        assertThat(fromSeller.get("status").asText()).isEqualTo("pending");
        assertThat(fromSeller.get("payment_status").asText()).isEqualTo("pending");
        assertThat(fromSeller.get("payment_method").asText()).isEqualTo("cod");
        assertThat(fromSeller.get("customer_wilaya").asText()).isEqualTo("Alger");
        assertThat(fromSeller.get("order_number").asText()).matches("ZST-\\d{6}-\\d{6,}");
        assertThat(fromSeller.get("items")).hasSize(2);
        assertThat(fromSeller.get("subtotal").decimalValue()).isEqualByComparingTo("8601.50");
        assertThat(fromSeller.get("shipping_cost").decimalValue()).isEqualByComparingTo("500");
        assertThat(fromSeller.get("total").decimalValue()).isEqualByComparingTo("9101.50");
        assertThat(fromSeller.get("total").isNumber()).isTrue();
        assertThat(fromSeller.get("seller").get("id").asText()).isEqualTo(TestUsers.userId(baseUrl(), seller));
        // Each order carries its own seller's public profile, read from the seller's user row.
        JsonNode fromOther = find(orders, TestUsers.userId(baseUrl(), otherSeller));
        assertThat(fromOther.get("seller").get("id").asText()).isEqualTo(TestUsers.userId(baseUrl(), otherSeller));
        assertThat(fromSeller.get("seller").get("seller_category").asText()).isEqualTo("fournisseur");
        assertThat(fromOther.get("seller").get("seller_category").asText()).isEqualTo("fournisseur");
        assertThat(fromOther.get("seller").get("full_name").isTextual()).isTrue();
        assertThat(fromSeller.has("access_token")).as("signed-in buyers need no token").isTrue();
        assertThat(fromSeller.get("access_token").isNull()).isTrue();
        JsonNode line = StreamSupport.stream(fromSeller.get("items").spliterator(), false)
                .filter(i -> i.get("product_id").asText().equals(oud)).findFirst().orElseThrow();
        assertThat(line.get("product_name").asText()).isEqualTo("Oud Royal " + run);
        assertThat(line.get("quantity").asInt()).isEqualTo(2);
        assertThat(line.get("price").decimalValue()).isEqualByComparingTo("2500");
        assertThat(line.get("subtotal").decimalValue()).isEqualByComparingTo("5000");
        assertThat(line.get("product_image").asText()).startsWith("https://cdn.zst.test/");
        assertThat(orders.get(0).get("order_number").asText()).isNotEqualTo(orders.get(1).get("order_number").asText());

        assertThat(shop.stock(oud)).isEqualTo(8);
        assertThat(shop.stock(henna)).isEqualTo(4);
        Response sold = ApiCalls.get(url("/products/" + musc), null);
        assertThat(sold.body().get("stock").asInt()).isZero();
        assertThat(sold.body().get("in_stock").asBoolean()).isFalse();
        Response list = ApiCalls.get(url("/products?search=" + "Musc%20Blanc%20" + run), null);
        assertThat(list.body().get("meta").get("total").asInt()).as("out of stock leaves the default list").isZero();

        Response mine = ApiCalls.get(url("/orders"), buyer);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().get("meta").get("total").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theOrderedProductsLeaveTheBuyersCartAndOnlyThose() {
        String ordered = shop.product(seller, "Ghassoul " + run, 350, 10);
        String kept = shop.product(seller, "Sabon Beldi " + run, 250, 10);
        for (String product : List.of(ordered, kept)) {
            Response added = ApiCalls.post(url("/cart/items"), buyer, Map.of("product_id", product, "quantity", 2));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
        }

        shop.placed(buyer, checkout(List.of(item(ordered, 1))));

        List<String> inCart = StreamSupport.stream(ApiCalls.get(url("/cart"), buyer).body().get("items").spliterator(),
                false).map(i -> i.get("product_id").asText()).toList();
        assertThat(inCart).contains(kept).doesNotContain(ordered);
        Response refused = shop.place(buyer, checkout(List.of(item(kept, 11))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(StreamSupport.stream(ApiCalls.get(url("/cart"), buyer).body().get("items").spliterator(), false)
                .map(i -> i.get("product_id").asText()).toList()).as("a refused checkout keeps the cart").contains(kept);
    }

    @Test
    void aCheckoutThatCannotBeServedNamesTheProductAndReservesNothing() {
        String plenty = shop.product(seller, "Savon Alep " + run, 400, 20);
        String scarce = shop.product(otherSeller, "Ambre Rare " + run, 9000, 1);

        Response refused = shop.place(buyer, checkout(List.of(item(plenty, 5), item(scarce, 2))));

        assertError(refused, 400, "Ambre Rare " + run);
        assertThat(refused.body().get("message").asText()).contains("1 available");
        assertThat(shop.stock(plenty)).isEqualTo(20);
        assertThat(shop.stock(scarce)).isEqualTo(1);
    }

    @Test
    void invisibleMissingAndUnderMinimumProductsAreRefusedByName() {
        String wholesale = shop.product(importateur, "Carton Parfums " + run, 50000, 100);
        String minimum = shop.product(seller, "Lot Bougies " + run, 100, 100, Map.of("min_order_quantity", 5));
        String missing = UUID.randomUUID().toString();

        assertError(shop.place(buyer, checkout(List.of(item(wholesale, 1)))), 400, wholesale);
        assertError(shop.place(null, checkout(List.of(item(missing, 1)))), 400, missing);
        assertError(shop.place(buyer, checkout(List.of(item(minimum, 2)))), 400, "minimum order quantity of 5");
        assertError(shop.place(seller, checkout(List.of(item(minimum, 5)))), 400, "your own");
        assertThat(shop.stock(minimum)).isEqualTo(100);

        String deleted = shop.product(seller, "Retiré " + run, 100, 10);
        assertThat(ApiCalls.delete(url("/products/" + deleted), seller).status()).isEqualTo(200);
        assertError(shop.place(buyer, checkout(List.of(item(deleted, 1)))), 400, deleted);
    }

    @Test
    void badCheckoutInputIsRefusedWithTheErrorShape() {
        String product = shop.product(seller, "Khôl " + run, 150, 10);
        List<Map<String, Object>> items = List.of(item(product, 1));
        assertError(shop.place(buyer, with(checkout(items), "customer_phone", "12345")), 400, "customer_phone");
        assertError(shop.place(buyer, with(checkout(items), "customer_phone", "+2135551234567")), 400, "customer_phone");
        assertError(shop.place(buyer, with(checkout(items), "customer_name", "Al")), 400, "customer_name");
        assertError(shop.place(buyer, with(checkout(items), "shipping_address", "court")), 400, "shipping_address");
        assertError(shop.place(buyer, with(checkout(items), "customer_wilaya", "Paris")), 400, "customer_wilaya");
        assertError(shop.place(buyer, with(checkout(items), "payment_method", "bitcoin")), 400, null);
        assertError(shop.place(buyer, with(checkout(items), "customer_email", "not-an-email")), 400, "customer_email");
        assertError(shop.place(buyer, with(checkout(items), "notes", "x".repeat(501))), 400, "notes");
        assertError(shop.place(buyer, with(checkout(items), "coupon", "FREE")), 400, null);
        assertError(shop.place(buyer, checkout(List.of())), 400, "items");
        assertError(shop.place(buyer, checkout(List.of(item(product, 0)))), 400, "quantity");
        assertError(shop.place(buyer, checkout(List.of(item(product, 1), item(product, 2)))), 400, "more than once");
        assertError(shop.place(buyer, checkout(List.of(Map.of("product_id", "nope", "quantity", 1)))), 400, null);
        assertError(ApiCalls.postJson(url("/orders"), "{not json"), 400, null);
        assertError(ApiCalls.send("POST", url("/orders"), null, "x", Map.of("Content-Type", "text/plain")), 415, null);
        assertError(shop.place("forged.token.value", checkout(items)), 401, null);
        assertThat(shop.stock(product)).isEqualTo(10);
    }

    @Test
    void wilayaIsAcceptedByNameInAnyCaseWithOrWithoutAccentsOrByCode() {
        String product = shop.product(seller, "Argan " + run, 800, 50);
        Map<String, String> typed = Map.of("bejaia", "Béjaïa", "BÉJAÏA", "Béjaïa", "16", "Alger", "9", "Blida",
                "Bordj Bou Arreridj", "Bordj Bou Arréridj", "el meghaier", "El M'Ghair");
        typed.forEach((given, expected) -> {
            JsonNode orders = shop.placed(buyer, with(checkout(List.of(item(product, 1))), "customer_wilaya", given));
            assertThat(orders.get(0).get("customer_wilaya").asText()).as(given).isEqualTo(expected);
        });
    }

    @Test
    void guestsReadTheirOrderOnlyWithItsTokenOrByPhoneAndNumber() {
        String product = shop.product(seller, "Eau de Rose " + run, 650, 10);
        Map<String, Object> body = with(checkout(List.of(item(product, 1))), "customer_phone", "+213661234567");
        JsonNode order = shop.placed(null, body).get(0);
        String id = order.get("id").asText();
        String token = order.get("access_token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(order.get("user_id").isNull()).isTrue();

        assertError(ApiCalls.get(url("/orders/" + id), null), 404, null);
        assertError(ApiCalls.send("GET", url("/orders/" + id), null, null, Map.of("X-Order-Token", "guess")), 404, null);
        Response withToken = ApiCalls.send("GET", url("/orders/" + id), null, null, Map.of("X-Order-Token", token));
        assertThat(withToken.status()).as(withToken.raw()).isEqualTo(200);
        assertThat(withToken.body().has("access_token")).as("the token is given out once").isFalse();
        assertError(ApiCalls.get(url("/orders/" + id), stranger), 404, null);
        assertThat(ApiCalls.get(url("/orders/" + id), seller).status()).isEqualTo(200);
        assertThat(ApiCalls.get(url("/orders/" + id), admin).status()).isEqualTo(200);
        assertError(ApiCalls.post(url("/orders/" + id + "/cancel"), stranger, null), 404, null);

        String number = order.get("order_number").asText();
        for (String phone : List.of("+213661234567", "0661234567", "00213661234567")) {
            Response tracked = ApiCalls.get(url("/guest/orders/track?phone=" + phone.replace("+", "%2B")
                    + "&order_number=" + number), null);
            assertThat(tracked.status()).as(phone + " " + tracked.raw()).isEqualTo(200);
            assertThat(tracked.body().get("id").asText()).isEqualTo(id);
        }
        // The app's URL building and hand-typed links leave + unencoded; the query string reads it as a space.
        for (String raw : List.of("+213661234567", "+213+661+23+45+67", "%20213661234567", "+0661234567")) {
            Response tracked = ApiCalls.get(url("/guest/orders/track?phone=" + raw + "&order_number=" + number), null);
            assertThat(tracked.status()).as(raw + " " + tracked.raw()).isEqualTo(200);
            assertThat(tracked.body().get("id").asText()).isEqualTo(id);
        }
        assertError(ApiCalls.get(url("/guest/orders/track?phone=0661234568&order_number=" + number), null), 404, null);
        assertError(ApiCalls.get(url("/guest/orders/track?phone=0661234567"), null), 400, null);
    }

    @Test
    void sellersMoveOrdersThroughTheStatusMachineAndCodIsPaidOnDelivery() {
        String product = shop.product(seller, "Coffret " + run, 3000, 10);
        String id = shop.placed(buyer, checkout(List.of(item(product, 2)))).get(0).get("id").asText();

        assertError(shop.status(seller, id, Map.of("status", "shipped")), 400, "Cannot transition from pending to shipped");
        assertError(shop.status(buyer, id, Map.of("status", "confirmed")), 403, null);
        assertError(shop.status(otherSeller, id, Map.of("status", "confirmed")), 404, null);
        assertError(shop.status(seller, id, Map.of("status", "lost")), 400, null);
        assertError(shop.status(seller, UUID.randomUUID().toString(), Map.of("status", "confirmed")), 404, null);
        assertError(shop.status(seller, "not-a-uuid", Map.of("status", "confirmed")), 404, null);

        assertThat(shop.moved(seller, id, "confirmed").get("status").asText()).isEqualTo("confirmed");
        assertThat(shop.moved(seller, id, "processing").get("status").asText()).isEqualTo("processing");
        Response shipped = shop.status(seller, id, Map.of("status", "shipped", "tracking_number", "YAL-123456",
                "delivery_date", "2026-12-01"));
        assertThat(shipped.status()).as(shipped.raw()).isEqualTo(200);
        assertThat(shipped.body().get("tracking_number").asText()).isEqualTo("YAL-123456");
        assertThat(shipped.body().get("delivery_date").asText()).startsWith("2026-12-01T00:00");
        assertError(ApiCalls.post(url("/orders/" + id + "/cancel"), buyer, null), 400, "only pending or confirmed");
        JsonNode delivered = shop.moved(admin, id, "delivered");
        assertThat(delivered.get("status").asText()).isEqualTo("delivered");
        assertThat(delivered.get("payment_status").asText()).isEqualTo("paid");
        assertThat(shop.stock(product)).isEqualTo(8);

        assertThat(shop.moved(seller, id, "returned").get("status").asText()).isEqualTo("returned");
        assertThat(shop.stock(product)).as("a return restocks").isEqualTo(10);
        assertError(shop.status(seller, id, Map.of("status", "delivered")), 400, "Cannot transition from returned to delivered");

        Response sellerList = ApiCalls.get(url("/seller/orders?status=returned"), seller);
        assertThat(sellerList.status()).isEqualTo(200);
        assertThat(ids(sellerList)).contains(id);
        assertThat(ids(ApiCalls.get(url("/seller/orders?status=pending"), seller))).doesNotContain(id);
        assertThat(ids(ApiCalls.get(url("/orders?status=returned"), buyer))).contains(id);
        assertError(ApiCalls.get(url("/seller/orders"), buyer), 403, null);
        assertError(ApiCalls.get(url("/orders?status=lost"), buyer), 400, null);
        assertError(ApiCalls.get(url("/orders?limit=101"), buyer), 400, null);
        assertError(ApiCalls.get(url("/orders"), null), 401, null);
        assertThat(ids(ApiCalls.get(url("/orders"), stranger))).doesNotContain(id);
    }

    @Test
    void cancellingRestoresTheStockOfEveryItem() {
        String first = shop.product(seller, "Bakhour " + run, 700, 4);
        String second = shop.product(seller, "Miswak " + run, 50, 4);
        String id = shop.placed(buyer, checkout(List.of(item(first, 4), item(second, 1)))).get(0).get("id").asText();
        assertThat(shop.stock(first)).isZero();

        Response cancelled = ApiCalls.post(url("/orders/" + id + "/cancel"), buyer, null);

        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
        assertThat(shop.stock(first)).isEqualTo(4);
        assertThat(shop.stock(second)).isEqualTo(4);
        assertThat(ApiCalls.get(url("/products/" + first), null).body().get("in_stock").asBoolean()).isTrue();
        assertError(ApiCalls.post(url("/orders/" + id + "/cancel"), buyer, null), 400, "cancelled");
        assertError(shop.status(seller, id, Map.of("status", "confirmed")), 400, "Cannot transition from cancelled to confirmed");
    }

    @Test
    void sellerMayCancelWhileProcessingAndStockComesBack() {
        String product = shop.product(seller, "Tapis " + run, 15000, 2);
        String id = shop.placed(buyer, checkout(List.of(item(product, 2)))).get(0).get("id").asText();
        shop.moved(seller, id, "confirmed");
        shop.moved(seller, id, "processing");
        assertThat(shop.moved(seller, id, "cancelled").get("status").asText()).isEqualTo("cancelled");
        assertThat(shop.stock(product)).isEqualTo(2);
    }

    @Test
    void aRetriedCheckoutWithTheSameIdempotencyKeyCreatesNothingNew() {
        String product = shop.product(seller, "Datte Deglet " + run, 900, 10);
        String body = json(checkout(List.of(item(product, 3))));
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Idempotency-Key", key);

        Response first = ApiCalls.send("POST", url("/orders"), buyer, body, headers);
        Response again = ApiCalls.send("POST", url("/orders"), buyer, body, headers);

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(shop.stock(product)).isEqualTo(7);
        long placed = StreamSupport.stream(ApiCalls.get(url("/seller/orders?limit=100"), seller).body().get("data")
                .spliterator(), false).filter(o -> o.get("items").get(0).get("product_id").asText().equals(product)).count();
        assertThat(placed).isEqualTo(1);
    }

    @Test
    void guestsBehindOneAddressReusingAKeyNeverGetEachOthersOrderToken() {
        String product = shop.product(seller, "Ambre Gris " + run, 1500, 10);
        String body = json(checkout(List.of(item(product, 1))));
        String key = "checkout-1";
        Map<String, String> phoneA = Map.of("Idempotency-Key", key, "X-Device-Id", "guest-device-a-" + run);
        Map<String, String> phoneB = Map.of("Idempotency-Key", key, "X-Device-Id", "guest-device-b-" + run);

        Response first = ApiCalls.send("POST", url("/orders"), null, body, phoneA);
        Response other = ApiCalls.send("POST", url("/orders"), null, body, phoneB);
        Response retried = ApiCalls.send("POST", url("/orders"), null, body, phoneA);

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        String firstToken = first.body().get("orders").get(0).get("access_token").asText();
        // Not replayed: the checkout itself is named by phone and key, and refuses to be placed twice.
        assertError(other, 409, "already placed");
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.raw()).doesNotContain(firstToken);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(shop.stock(product)).as("one order, none for the other device nor the retry").isEqualTo(9);

        // No device named: nothing replayed to anyone, and the checkout still refuses to be placed twice.
        Response anonymous = ApiCalls.send("POST", url("/orders"), null, body, Map.of("Idempotency-Key", key));
        assertError(anonymous, 409, "already placed");
        assertThat(anonymous.raw()).doesNotContain(firstToken);
        assertError(ApiCalls.send("POST", url("/orders"), null, body,
                Map.of("Idempotency-Key", key, "X-Device-Id", "short")), 400, "X-Device-Id");
        assertThat(shop.stock(product)).isEqualTo(9);
    }

    private static JsonNode find(JsonNode orders, String sellerId) {
        return StreamSupport.stream(orders.spliterator(), false)
                .filter(o -> o.get("seller_id").asText().equals(sellerId)).findFirst().orElseThrow();
    }

    private static List<String> ids(Response list) {
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        return StreamSupport.stream(list.body().get("data").spliterator(), false).map(o -> o.get("id").asText()).toList();
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static String json(Object body) {
        try {
            return ApiCalls.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
