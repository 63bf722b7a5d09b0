package dz.zst.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.migration.V7__Refold_product_search_text;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API.md §3 and §4 against the running platform: writes, reads, filters, errors and tier visibility. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductApiTest extends ApiTestBase {

    private String run;
    private String importateur;
    private String grossiste;
    private String fournisseur;
    private String otherFournisseur;
    private String customer;
    private String admin;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @BeforeAll
    void signIn() {
        run = UUID.randomUUID().toString().substring(0, 8);
        importateur = TestUsers.seller(baseUrl(), "imp-" + run + "@zst.test", "importateur");
        grossiste = TestUsers.seller(baseUrl(), "gro-" + run + "@zst.test", "grossiste");
        fournisseur = TestUsers.seller(baseUrl(), "fou-" + run + "@zst.test", "fournisseur");
        otherFournisseur = TestUsers.seller(baseUrl(), "fou2-" + run + "@zst.test", "fournisseur");
        customer = TestUsers.signIn(baseUrl(), "cus-" + run + "@zst.test");
        admin = TestUsers.admin(baseUrl());
    }

    private Map<String, Object> product(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("brand", "Zahra " + run);
        body.put("description", "Un produit de test");
        body.put("price", 2500.5);
        body.put("stock", 7);
        body.put("category", "perfume");
        body.put("tags", List.of("oud", "test"));
        body.put("images", List.of("https://cdn.zst.test/a.jpg", "https://cdn.zst.test/b.jpg"));
        body.put("specifications", Map.of("volume", "100ml"));
        return body;
    }

    private static String json(Object body) {
        try {
            return ApiCalls.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode create(String token, Map<String, Object> body) {
        Response response = ApiCalls.post(baseUrl() + "/api/v1/products", token, json(body));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body();
    }

    private static List<String> ids(Response list) {
        return StreamSupport.stream(list.body().get("data").spliterator(), false).map(p -> p.get("id").asText()).toList();
    }

    private static void assertError(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.hasNonNull("error")).isTrue();
        assertThat(body.hasNonNull("message")).isTrue();
        assertThat(body.hasNonNull("title")).isTrue();
        assertThat(body.hasNonNull("type")).isTrue();
        assertThat(body.hasNonNull("detail")).isTrue();
    }

    @Test
    void createdProductIsReadableAtOnceEverywhere() {
        JsonNode created = create(fournisseur, product("Parfum Élégance Nuit"));
        String id = created.get("id").asText();
        assertThat(created.get("slug").asText()).startsWith("parfum-elegance-nuit-");
        assertThat(created.get("in_stock").asBoolean()).isTrue();
        assertThat(created.get("seller_category").asText()).isEqualTo("fournisseur");
        assertThat(created.get("price").decimalValue()).isEqualByComparingTo("2500.5");
        assertThat(created.get("primary_image").asText()).isEqualTo("https://cdn.zst.test/a.jpg");
        assertThat(created.get("images")).hasSize(2);
        assertThat(created.get("seller").get("id").asText()).isEqualTo(created.get("seller_id").asText());
        assertThat(created.get("seller").has("email")).isFalse();
        assertThat(created.get("specifications").get("volume").asText()).isEqualTo("100ml");

        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/" + id, null).body().get("name").asText()).isEqualTo("Parfum Élégance Nuit");
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/slug/" + created.get("slug").asText(), null).body().get("id").asText())
                .isEqualTo(id);
        assertThat(ids(ApiCalls.get(baseUrl() + "/api/v1/products?brand=zahra%20" + run + "&limit=100", null))).contains(id);
    }

    @Test
    void updateIsVisibleToTheNextReadAndKeepsTheSlug() {
        JsonNode created = create(fournisseur, product("Crème Hydratante"));
        String id = created.get("id").asText();
        ApiCalls.get(baseUrl() + "/api/v1/products/" + id, null);
        Response updated = ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, fournisseur, "{\"price\": 1999, \"stock\": 0}");
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("in_stock").asBoolean()).isFalse();
        assertThat(updated.body().get("slug").asText()).isEqualTo(created.get("slug").asText());
        JsonNode read = ApiCalls.get(baseUrl() + "/api/v1/products/" + id, null).body();
        assertThat(read.get("price").decimalValue()).isEqualByComparingTo("1999");
        assertThat(read.get("stock").asInt()).isZero();
        Response alias = ApiCalls.patch(baseUrl() + "/api/v1/seller/products/" + id, fournisseur, "{\"stock\": 3}");
        assertThat(alias.body().get("in_stock").asBoolean()).isTrue();
    }

    @Test
    void onlyOwnerOrAdminChangesAProduct() {
        String id = create(fournisseur, product("Savon Naturel")).get("id").asText();
        assertError(ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, otherFournisseur, "{\"price\": 1}"), 403);
        assertError(ApiCalls.delete(baseUrl() + "/api/v1/products/" + id, customer), 403);
        assertThat(ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, admin, "{\"price\": 10}").status()).isEqualTo(200);
        assertError(ApiCalls.patch(baseUrl() + "/api/v1/products/" + UUID.randomUUID(), fournisseur, "{\"price\": 1}"), 404);
        assertError(ApiCalls.patch(baseUrl() + "/api/v1/products/not-a-uuid", fournisseur, "{\"price\": 1}"), 404);
    }

    @Test
    void deletedProductDisappearsFromReadsAndLists() {
        String id = create(fournisseur, product("Huile Argan")).get("id").asText();
        Response deleted = ApiCalls.delete(baseUrl() + "/api/v1/products/" + id, fournisseur);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("id").asText()).isEqualTo(id);
        assertThat(deleted.body().get("message").asText()).isNotBlank();
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products/" + id, null), 404);
        assertThat(ids(ApiCalls.get(baseUrl() + "/api/v1/products?brand=zahra%20" + run + "&limit=100", null))).doesNotContain(id);
        assertError(ApiCalls.delete(baseUrl() + "/api/v1/products/" + id, fournisseur), 404);
    }

    @Test
    void createValidatesEveryField() {
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", null, json(product("Sans Jeton"))), 401);
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", customer, json(product("Client Vendeur"))), 403);

        Map<String, Object> tierClaim = product("Mauvais Palier");
        tierClaim.put("seller_category", "importateur");
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(tierClaim)), 403);

        Map<String, Object> missing = product("ab");
        missing.remove("price");
        Response invalid = ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(missing));
        assertError(invalid, 400);
        List<String> fields = new ArrayList<>();
        invalid.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("name", "price");
        assertThat(invalid.body().get("message").isArray()).isTrue();

        Map<String, Object> unknown = product("Champ Inconnu");
        unknown.put("color", "red");
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(unknown)), 400);

        Map<String, Object> wrongType = product("Mauvais Type");
        wrongType.put("price", "cher");
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(wrongType)), 400);

        Map<String, Object> numberAsText = product("Nombre Pour Texte");
        numberAsText.put("brand", 42);
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(numberAsText)), 400);

        Map<String, Object> badCategory = product("Mauvaise Catégorie");
        badCategory.put("category", "weapons");
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(badCategory)), 400);

        Map<String, Object> negative = product("Stock Négatif");
        negative.put("stock", -1);
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(negative)), 400);

        Map<String, Object> decimals = product("Trop De Décimales");
        decimals.put("price", 10.123);
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(decimals)), 400);

        Map<String, Object> nul = product("Nul\u0000Caractère");
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(nul)), 400);
        Map<String, Object> nulSpec = product("Spécification Nulle");
        nulSpec.put("specifications", Map.of("volume", "1\u0000"));
        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, json(nulSpec)), 400);

        assertError(ApiCalls.post(baseUrl() + "/api/v1/products", fournisseur, "{\"name\": "), 400);
        assertError(ApiCalls.send("POST", baseUrl() + "/api/v1/products", fournisseur, "name=x", Map.of("Content-Type", "text/plain")), 415);
    }

    private int searched(String query) {
        Response found = ApiCalls.get(baseUrl() + "/api/v1/products?search="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&limit=100", null);
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        return found.body().get("meta").get("total").asInt();
    }

    @Test
    void searchFoldsTypographicQuotesAsItFoldsAccents() {
        create(fournisseur, product("Huile d'argan " + run));
        create(fournisseur, product("Savon d’Alep " + run));
        create(fournisseur, product("Coffret «Nuit d'été» " + run));

        assertThat(searched("huile d’argan " + run)).as("iOS types ’ for '").isEqualTo(1);
        assertThat(searched("HUILE D´ARGAN " + run)).isEqualTo(1);
        assertThat(searched("huile d'argan " + run)).isEqualTo(1);
        assertThat(searched("savon d'alep " + run)).as("a name typed with ’ is found with '").isEqualTo(1);
        assertThat(searched("savon d‘alep " + run)).isEqualTo(1);
        assertThat(searched("\"nuit d’ete\" " + run)).isEqualTo(1);
        assertThat(searched("“Nuit d'Été” " + run)).isEqualTo(1);
    }

    @Test
    void theMigrationRefoldsSearchTextStoredBeforeQuotesWereFolded() throws Exception {
        String id = create(fournisseur, product("Beurre d’Arganier " + run)).get("id").asText();
        // What the folding stored before quotes were made plain: the typographic apostrophe as typed.
        jdbc.sql("UPDATE products SET search_text = ? WHERE id = ?::uuid")
                .param("beurre d’arganier " + run + " zahra " + run).param(id).update();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(V7__Refold_product_search_text.refold(connection)).isGreaterThanOrEqualTo(1);
        }

        assertThat(jdbc.sql("SELECT search_text FROM products WHERE id = ?::uuid").param(id).query(String.class).single())
                .isEqualTo("beurre d'arganier " + run + " zahra " + run);
    }

    @Test
    void listFiltersSortsAndPages() {
        String brand = "Filtre " + run;
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = product("Filtré Produit " + i);
            body.put("brand", brand);
            body.put("price", 100 + i * 100);
            body.put("stock", i == 4 ? 0 : 5);
            body.put("category", i % 2 == 0 ? "makeup" : "skincare");
            create(fournisseur, body);
        }
        String base = "/api/v1/products?brand=" + brand.replace(" ", "%20").toUpperCase();
        Response all = ApiCalls.get(baseUrl() + base + "&limit=100", null);
        assertThat(all.body().get("meta").get("total").asInt()).isEqualTo(4);

        Response outOfStock = ApiCalls.get(baseUrl() + base + "&in_stock=false", null);
        assertThat(outOfStock.body().get("meta").get("total").asInt()).isEqualTo(1);

        Response cheap = ApiCalls.get(baseUrl() + base + "&sort_by=price&sort_order=ASC&limit=2&page=1", null);
        assertThat(cheap.body().get("data").get(0).get("price").asInt()).isEqualTo(100);
        assertThat(cheap.body().get("meta").get("totalPages").asInt()).isEqualTo(2);
        assertThat(cheap.body().get("meta").get("limit").asInt()).isEqualTo(2);
        Response second = ApiCalls.get(baseUrl() + base + "&sort_by=price&sort_order=ASC&limit=2&page=2", null);
        assertThat(second.body().get("data").get(0).get("price").asInt()).isEqualTo(300);

        assertThat(ApiCalls.get(baseUrl() + base + "&min_price=150&max_price=350", null).body().get("meta").get("total").asInt())
                .isEqualTo(2);
        assertThat(ApiCalls.get(baseUrl() + base + "&category=makeup", null).body().get("meta").get("total").asInt()).isEqualTo(2);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products?search=FILTRE%20PRODUIT&brand=" + brand.replace(" ", "%20"), null)
                .body().get("meta").get("total").asInt()).isEqualTo(4);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products?search=filtre%20" + run, null).body().get("meta").get("total").asInt())
                .as("search matches brand too, accents folded").isEqualTo(4);

        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?limit=101", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?page=0", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?limit=abc", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?sort_by=popularity", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?sort_order=up", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?category=weapons", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?seller_category=boss", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?seller_id=nope", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?min_price=-1", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?in_stock=maybe", null), 400);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/products?brand=a%00b", null), 400);
        Response farPage = ApiCalls.get(baseUrl() + "/api/v1/products?page=2147483647&limit=100", null);
        assertThat(farPage.status()).isEqualTo(200);
        assertThat(farPage.body().get("data")).isEmpty();
    }

    @Test
    void tierVisibilityMatrix() {
        String tag = "tier-" + run;
        Map<String, String> productOf = new LinkedHashMap<>();
        for (Map.Entry<String, String> seller : Map.of("importateur", importateur, "grossiste", grossiste,
                "fournisseur", fournisseur).entrySet()) {
            Map<String, Object> body = product("Palier " + seller.getKey());
            body.put("brand", tag);
            productOf.put(seller.getKey(), create(seller.getValue(), body).get("id").asText());
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("guest", List.of("fournisseur"));
        expected.put("customer", List.of("fournisseur"));
        expected.put("fournisseur-other", List.of("fournisseur", "grossiste"));
        expected.put("grossiste", List.of("fournisseur", "importateur", "grossiste"));
        expected.put("importateur", List.of("fournisseur", "importateur"));
        expected.put("admin", List.of("fournisseur", "grossiste", "importateur"));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("guest", null);
        tokens.put("customer", customer);
        tokens.put("fournisseur-other", otherFournisseur);
        tokens.put("grossiste", grossiste);
        tokens.put("importateur", importateur);
        tokens.put("admin", admin);

        for (String viewer : tokens.keySet()) {
            String token = tokens.get(viewer);
            List<String> visible = expected.get(viewer).stream().map(productOf::get).toList();
            assertThat(ids(ApiCalls.get(baseUrl() + "/api/v1/products?brand=" + tag + "&limit=100", token)))
                    .as("list seen by " + viewer).containsExactlyInAnyOrderElementsOf(visible);
            for (Map.Entry<String, String> product : productOf.entrySet()) {
                int status = ApiCalls.get(baseUrl() + "/api/v1/products/" + product.getValue(), token).status();
                assertThat(status).as(viewer + " reading the " + product.getKey() + " product")
                        .isEqualTo(visible.contains(product.getValue()) ? 200 : 404);
            }
        }
    }

    @Test
    void sellerSeesOwnProductsOfEveryStockState() {
        String token = TestUsers.seller(baseUrl(), "own-" + run + "@zst.test", "grossiste");
        Map<String, Object> empty = product("Stock Vide");
        empty.put("stock", 0);
        String a = create(token, empty).get("id").asText();
        String b = create(token, product("Stock Plein")).get("id").asText();
        Response own = ApiCalls.get(baseUrl() + "/api/v1/seller/products", token);
        assertThat(own.status()).isEqualTo(200);
        assertThat(ids(own)).containsExactlyInAnyOrder(a, b);
        assertError(ApiCalls.get(baseUrl() + "/api/v1/seller/products", null), 401);
    }
}
