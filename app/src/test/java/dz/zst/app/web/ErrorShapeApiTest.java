package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.orders.Shop;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.TestUsers;
import dz.zst.app.support.TestWidgetController;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Everything the servlet layer meets outside controllers answers in the contract's error shape. */
class ErrorShapeApiTest extends ApiTestBase {

    private static void assertProblem(ApiCalls.Response response, int status, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("title").asText()).isEqualTo(body.get("error").asText());
        assertThat(body.get("type").asText()).startsWith("https://");
        assertThat(body.get("detail").asText()).isNotBlank();
        if (message != null) {
            assertThat(body.get("message").asText()).isEqualTo(message);
        }
    }

    @Test
    void unknownRouteIsNotFoundNamingTheRoute() {
        assertProblem(ApiCalls.get(baseUrl() + "/api/v1/nowhere", null), 404, "Cannot GET /api/v1/nowhere");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        ApiCalls.Response response = ApiCalls.send(ApiCalls.request(baseUrl() + "/api").DELETE().build());
        assertProblem(response, 405, "Method DELETE is not allowed here");
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        ApiCalls.Response response = ApiCalls.send(ApiCalls.request(baseUrl() + TestWidgetController.PATH)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertProblem(response, 415, null);
    }

    @Test
    void malformedJsonIsBadRequest() {
        assertProblem(ApiCalls.postJson(baseUrl() + "/api/v1/dev-auth/login", "{\"email\": "), 400,
                "Malformed JSON in request body");
    }

    @Test
    void jsonBodyAboveTheLimitIsRefusedBeforeItIsRead() throws IOException {
        String raw = rawExchange("POST " + TestWidgetController.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 170000000\r\nConnection: close\r\n\r\n{");
        assertRawProblem(raw, 413);
        assertThat(raw.toLowerCase()).as("early rejections still carry the request id").contains("x-request-id: ");
    }

    @Test
    void multipartAboveTheLimitIsPayloadTooLarge() throws IOException {
        String raw = rawExchange("POST " + TestWidgetController.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 210000000\r\n"
                + "Connection: close\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n");
        assertRawProblem(raw, 413);
    }

    @Test
    void requestsTomcatRejectsBeforeAnyServletGetTheShapeToo() throws IOException {
        String raw = rawExchange("GET /api HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertRawProblem(raw, 400);
    }

    @Test
    void errorRouteItselfAnswersTheShape() {
        ApiCalls.Response direct = ApiCalls.send(ApiCalls.request(baseUrl() + "/error").header("Accept", "text/html").GET().build());
        assertProblem(direct, 404, "Cannot GET /error");
    }

    @Test
    void statusSentOutsideSpringMvcGoesThroughTheErrorRouteInTheShape() {
        // Spring Security's firewall refuses a path with an encoded percent and sends the bare status.
        ApiCalls.Response response = ApiCalls.send(ApiCalls.request(baseUrl() + "/api/v1/a%2525b").GET().build());
        assertProblem(response, 400, "Bad Request");
    }

    @Test
    void aRepeatedJsonKeyIsRefusedNamingTheFieldOnEveryRoute() {
        String buyer = TestUsers.signIn(baseUrl(), "dup-" + UUID.randomUUID() + "@zst.test");
        String id = UUID.randomUUID().toString();
        String product = UUID.randomUUID().toString();
        assertFieldError(ApiCalls.post(v1("/cart/items"), buyer,
                "{\"product_id\":\"" + product + "\",\"quantity\":1,\"quantity\":99999}"), "quantity",
                "quantity is given more than once");
        assertFieldError(ApiCalls.patch(v1("/cart/items/" + id), buyer, "{\"quantity\":1,\"quantity\":99999}"),
                "quantity", "quantity is given more than once");
        assertFieldError(ApiCalls.post(v1("/orders"), null, "{\"customer_name\":\"Amina Benali\",\"items\":"
                + "[{\"product_id\":\"" + product + "\",\"quantity\":1,\"quantity\":99999}]}"),
                "items[0].quantity", "items[0].quantity is given more than once");
        assertFieldError(ApiCalls.post(v1("/reels/" + id + "/comments"), buyer,
                "{\"content\":\"a\",\"content\":\"b\"}"), "content", "content is given more than once");
        assertFieldError(ApiCalls.post(v1("/reels/" + id + "/view"), null,
                "{\"device_id\":\"device-aaaa\",\"device_id\":\"device-bbbb\"}"), "device_id",
                "device_id is given more than once");
        assertFieldError(ApiCalls.post(baseUrl() + TestWidgetController.PATH, buyer, "{\"name\":\"a\",\"name\":\"b\"}"),
                "name", "name is given more than once");
        assertFieldError(ApiCalls.post(v1("/dev-auth/login"), null,
                "{\"email\":\"a@zst.test\",\"password\":\"secret1\",\"password\":\"secret2\"}"), "password",
                "password is given more than once");
    }

    @Test
    void aNumberOutOfItsFieldsRangeNamesTheField() {
        String buyer = TestUsers.signIn(baseUrl(), "range-" + UUID.randomUUID() + "@zst.test");
        String product = UUID.randomUUID().toString();
        assertFieldError(ApiCalls.post(v1("/cart/items"), buyer,
                "{\"product_id\":\"" + product + "\",\"quantity\":99999999999999999999999}"), "quantity",
                "quantity is out of range");
        assertFieldError(ApiCalls.post(v1("/orders"), null, "{\"items\":[{\"product_id\":\"" + product
                + "\",\"quantity\":-99999999999999999999999}]}"), "items[0].quantity",
                "items[0].quantity is out of range");
    }

    @Test
    void integerQueryParametersAreDecimalDigitsOnly() {
        for (String path : List.of("/reels", "/products")) {
            for (String page : List.of("0x10", "%2310", "%2010", "1%200", "1e1", "%D9%A1")) {
                assertFieldError(ApiCalls.get(v1(path + "?page=" + page), null), "page",
                        "page must be an integer in decimal digits");
            }
            assertFieldError(ApiCalls.get(v1(path + "?limit=99999999999"), null), "limit", "limit is out of range");
            for (String page : List.of("2", "%2B2", "02")) {
                ApiCalls.Response response = ApiCalls.get(v1(path + "?page=" + page + "&limit=1"), null);
                assertThat(response.status()).as(path + " page=" + page + " " + response.raw()).isEqualTo(200);
                assertThat(response.body().get("meta").get("page").asInt()).isEqualTo(2);
            }
        }
    }

    @Test
    void aWrongEnumValueListsTheAllowedValues() {
        ApiCalls.Response query = ApiCalls.get(v1("/products?seller_category=retail"), null);
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.raw()).contains("seller_category must be one of fournisseur, importateur, grossiste");
        query = ApiCalls.get(v1("/reels?sort=hot"), null);
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.raw()).contains("sort must be one of the following values: recent, trending");

        Map<String, Object> checkout = new LinkedHashMap<>(
                Shop.checkout(List.of(Shop.item(UUID.randomUUID().toString(), 1))));
        checkout.put("payment_method", "cash");
        assertFieldError(ApiCalls.post(v1("/orders"), null, checkout), "payment_method",
                "payment_method must be one of cod, ccp, card, bank_transfer");
        String seller = TestUsers.seller(baseUrl(), "enum-" + UUID.randomUUID() + "@zst.test", "fournisseur");
        assertFieldError(ApiCalls.patch(v1("/seller/orders/" + UUID.randomUUID() + "/status"), seller,
                Map.of("status", "sent")), "status",
                "status must be one of pending, confirmed, processing, shipped, delivered, cancelled, returned");
        assertFieldError(ApiCalls.post(v1("/products"), seller, Map.of("name", "Musc", "price", 10, "stock", 1,
                "category", "perfumes")), "category", "category must be one of perfume, makeup, skincare, haircare, "
                + "fashion, accessories, electronics, food, home, beauty, health, sports, toys, books, automotive, "
                + "garden, pets, baby, office, other");
    }

    @Test
    void aCheckoutNeedsBetweenOneAndFiftyItems() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Shop.item(UUID.randomUUID().toString(), 1));
        }
        assertFieldError(ApiCalls.post(v1("/orders"), null, Shop.checkout(many)), "items",
                "items size must be between 1 and 50");
        assertFieldError(ApiCalls.post(v1("/orders"), null, Shop.checkout(List.of())), "items",
                "items size must be between 1 and 50");
    }

    private String v1(String path) {
        return baseUrl() + "/api/v1" + path;
    }

    /** A 400 in the contract's shape whose field errors are exactly this one. */
    private static void assertFieldError(ApiCalls.Response response, String field, String message) {
        assertProblem(response, 400, null);
        JsonNode errors = response.body().get("errors");
        assertThat(errors).as(response.raw()).isNotNull();
        assertThat(errors.size()).as(response.raw()).isEqualTo(1);
        assertThat(errors.get(0).get("field").asText()).as(response.raw()).isEqualTo(field);
        assertThat(errors.get(0).get("message").asText()).as(response.raw()).isEqualTo(message);
        assertThat(response.body().get("message").get(0).asText()).isEqualTo(message);
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            // Tomcat may keep the connection open to swallow the body we never send: stop at the response's end.
            while (!complete(received.toString(StandardCharsets.UTF_8))) {
                int next = in.read();
                if (next == -1) {
                    break;
                }
                received.write(next);
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(String raw) {
        int headEnd = raw.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = raw.substring(0, headEnd).toLowerCase();
        String body = raw.substring(headEnd + 4);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: (\\d+)").matcher(head);
        if (length.find()) {
            return body.getBytes(StandardCharsets.UTF_8).length >= Integer.parseInt(length.group(1));
        }
        return !head.contains("transfer-encoding: chunked") || body.endsWith("0\r\n\r\n");
    }

    private static void assertRawProblem(String raw, int status) {
        assertThat(raw).startsWith("HTTP/1.1 " + status);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("content-type: application/problem+json");
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("\"statusCode\":" + status).contains("\"status\":" + status)
                .contains("\"error\":").contains("\"message\":").contains("\"type\":").contains("\"title\":")
                .contains("\"detail\":");
    }
}
