package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.orders.Shop;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.app.support.TestWidgetController;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every route of the OpenAPI document, called by a guest, a customer, the seller that owns the
 * fixtures and an admin, with path ids of every kind (none, malformed, another aggregate's) and
 * bodies and query values of the wrong shape: bad input gets a 4xx, never a 5xx. A body that repeats
 * a key and an integer query parameter written other than in decimal digits are never taken (2xx).
 * Seeded, so a failure replays; about 5,000 requests.
 */
class RouteFuzzApiTest extends ApiTestBase {

    private static final List<Object> WRONG_VALUES = List.of("", "x", -1, 0, 1.5, 1e308, "99999999999999999999",
            true, List.of(), Map.of("a", 1), "é\u0000\u202e", "a".repeat(20_000), "2026-13-45", "../../etc/passwd");
    private static final List<String> WRONG_QUERY_VALUES = List.of("", "abc", "-1", "99999999999999999999", "1e309",
            "NaN", "%00", "[]", "a".repeat(3000), "-0", "1e999999999", "0x10", " 5");
    /** Number tokens at or past the edges of every number type, sent raw (a Java number can't write them). */
    private static final List<String> OVERFLOWING_NUMBERS = List.of("1e400", "-1e400", "99999999999999999999999",
            "-99999999999999999999999", "-0", "-0.0", "1e999999999", "1E-999999999", "0.000000000000000000000001");
    /** Integer spellings Spring's number conversion takes: hex (Integer.decode), spaces, other scripts' digits. */
    private static final List<String> NON_DECIMAL_INTEGERS = List.of("0x10", "0X10", "#10", " 5", "5 ", "1 0",
            "\u0661");

    private final Random random = new Random(7);

    @Test
    void noRouteAnswersBadInputWithAServerError() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "fuzz-seller-" + run + "@zst.test", "fournisseur");
        String customer = TestUsers.signIn(baseUrl(), "fuzz-buyer-" + run + "@zst.test");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("guest", null);
        callers.put("customer", customer);
        callers.put("seller", seller);
        callers.put("admin", TestUsers.admin(baseUrl()));
        JsonNode reel = new ReelKit(baseUrl()).reel(seller, "Fuzz " + run);
        String productId = reel.get("product_id").asText();
        List<String> ids = List.of(UUID.randomUUID().toString(), "abc", "%00", productId, reel.get("id").asText(),
                order(customer, productId));

        JsonNode spec = ApiCalls.get(baseUrl() + "/api/docs-json", null).body();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith(TestWidgetController.PATH)) {
                continue; // the tests' own route, which fails on demand
            }
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                for (String url : urls(path.getKey(), ids)) {
                    for (Map.Entry<String, String> caller : callers.entrySet()) {
                        for (Request request : requests(operation.getValue(), url, spec)) {
                            Response response = ApiCalls.send(method, baseUrl() + request.url(), caller.getValue(),
                                    request.body(), request.headers());
                            requests++;
                            if (request.mustBeRefused() && response.status() < 400) {
                                failures.add(method + " " + request.url() + " as " + caller.getKey() + " with "
                                        + abbreviate(String.valueOf(request.body())) + " was accepted: "
                                        + response.status() + " " + abbreviate(response.raw()));
                            }
                            if (response.status() >= 500) {
                                failures.add(method + " " + request.url() + " as " + caller.getKey() + " with "
                                        + abbreviate(String.valueOf(request.body())) + " -> " + response.status() + " "
                                        + abbreviate(response.raw()));
                            }
                        }
                    }
                }
            }
        }
        assertThat(requests).as("requests sent").isGreaterThan(2000);
        assertThat(failures).isEmpty();
    }

    /** {@code mustBeRefused}: input no route may take, whatever else is wrong or right with the request. */
    private record Request(String url, Object body, Map<String, String> headers, boolean mustBeRefused) {
        Request(String url, Object body, Map<String, String> headers) {
            this(url, body, headers, false);
        }
    }

    /** The path with each id in each of its variables; the admin's replay only with ids, never a real name. */
    private static List<String> urls(String template, List<String> ids) {
        if (!template.contains("{")) {
            return List.of(template);
        }
        List<String> urls = new ArrayList<>();
        for (String id : ids) {
            urls.add(template.replaceAll("\\{[^}]+}", id.startsWith("%") ? id : encode(id)));
        }
        return urls;
    }

    private List<Request> requests(JsonNode operation, String url, JsonNode spec) {
        List<Request> requests = new ArrayList<>();
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("multipart/form-data")) {
            requests.add(new Request(url, "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\nnot a png\r\n--b--\r\n",
                    Map.of("Content-Type", "multipart/form-data; boundary=b")));
            requests.add(new Request(url, "--b\r\ngarbage", Map.of("Content-Type", "multipart/form-data; boundary=b")));
        } else if (!content.isMissingNode()) {
            requests.add(new Request(url, Map.of(), Map.of()));
            requests.add(new Request(url, "{\"a\":", Map.of()));
            requests.add(new Request(url, "[]", Map.of()));
            requests.add(new Request(url, "plain", Map.of("Content-Type", "text/plain")));
            List<String> properties = properties(content.elements().next().path("schema"), spec);
            for (int i = 0; i < Math.min(4, properties.size()); i++) {
                String property = properties.get(random.nextInt(properties.size()));
                requests.add(new Request(url, Map.of(property, wrong()), Map.of()));
            }
            if (!properties.isEmpty()) {
                String property = properties.get(random.nextInt(properties.size()));
                String value = json(wrong());
                requests.add(new Request(url, "{\"" + property + "\":" + value + ",\"" + property + "\":" + value + "}",
                        Map.of(), true));
                String number = OVERFLOWING_NUMBERS.get(random.nextInt(OVERFLOWING_NUMBERS.size()));
                requests.add(new Request(url, "{\"" + properties.get(random.nextInt(properties.size())) + "\":"
                        + number + "}", Map.of()));
            }
        } else {
            requests.add(new Request(url, null, Map.of()));
        }
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                String value = WRONG_QUERY_VALUES.get(random.nextInt(WRONG_QUERY_VALUES.size()));
                requests.add(new Request(url + "?" + parameter.get("name").asText() + "=" + encode(value), null,
                        Map.of()));
                if ("integer".equals(parameter.path("schema").path("type").asText())) {
                    String integer = NON_DECIMAL_INTEGERS.get(random.nextInt(NON_DECIMAL_INTEGERS.size()));
                    requests.add(new Request(url + "?" + parameter.get("name").asText() + "=" + encode(integer), null,
                            Map.of(), true));
                }
            }
        }
        return requests;
    }

    private Object wrong() {
        return WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size()));
    }

    private static String json(Object value) {
        try {
            return ApiCalls.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> properties(JsonNode schema, JsonNode spec) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            resolved = spec.path("components").path("schemas").path(name);
        }
        List<String> names = new ArrayList<>();
        resolved.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String order(String customer, String productId) {
        Response placed = ApiCalls.post(baseUrl() + "/api/v1/orders", customer,
                Shop.checkout(List.of(Shop.item(productId, 1))));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        return placed.body().get("orders").get(0).get("id").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
