package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every amount the API accepts fits where it is stored and stays exact in the app's doubles
 * (domain-core {@code Money}): what would not is a 400 naming the field, and changes nothing.
 */
class MoneyBoundsApiTest extends ApiTestBase {

    private static void assertFieldError(Response response, String field, String messagePart) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        JsonNode errors = response.body().get("errors");
        assertThat(errors).as(response.raw()).isNotNull();
        assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
        assertThat(errors.get(0).get("message").asText()).contains(messagePart);
    }

    @Test
    void aCheckoutWhoseLineWouldOverflowTheOrdersColumnsIsRefusedNamingTheItem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "bounds-" + run + "@zst.test", "fournisseur");
        // The reproduction, at today's largest price: 100,000 units of 10,000,000 DZD.
        String dear = shop.product(seller, "Machine Chere " + run, 10_000_000, 100_000);
        String other = shop.product(seller, "Machine Moins Chere " + run, 9_000_000, 100_000);

        Response refused = shop.place(null, checkout(List.of(item(other, 1), item(dear, 100_000))));
        assertFieldError(refused, "items[1].quantity", "999999999999.99");
        assertThat(shop.stock(dear)).isEqualTo(100_000);
        assertThat(shop.stock(other)).isEqualTo(100_000);

        // Each line fits, their sum does not.
        Response sum = shop.place(null, checkout(List.of(item(other, 60_000), item(dear, 50_000))));
        assertFieldError(sum, "items", "order subtotal");
        assertThat(shop.stock(dear)).isEqualTo(100_000);

        // Just inside the bound: stored, read back exactly.
        JsonNode placed = shop.placed(null, checkout(List.of(item(dear, 99_999))));
        assertThat(placed.get(0).get("subtotal").decimalValue()).isEqualByComparingTo("999990000000.00");
    }

    @Test
    void aPriceAboveTheLargestUnitPriceIsRefusedNamingIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "bounds-price-" + run + "@zst.test", "fournisseur");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Trop Cher " + run);
        body.put("price", 50_000_000.01);
        body.put("stock", 1);
        body.put("category", "perfume");
        body.put("images", List.of("https://cdn.zst.test/dear.jpg"));
        Response refused = ApiCalls.post(baseUrl() + "/api/v1/products", seller, body);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.raw()).contains("price");

        body.put("price", 50_000_000);
        Response created = ApiCalls.post(baseUrl() + "/api/v1/products", seller, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        Response patched = ApiCalls.patch(baseUrl() + "/api/v1/products/" + created.body().get("id").asText(), seller,
                Map.of("price", 60_000_000));
        assertThat(patched.status()).as(patched.raw()).isEqualTo(400);
        assertThat(patched.raw()).contains("price");
    }
}
