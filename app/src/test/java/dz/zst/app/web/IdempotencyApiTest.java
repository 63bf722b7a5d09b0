package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.TestUsers;
import dz.zst.app.support.TestWidgetController;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdempotencyApiTest extends ApiTestBase {

    private String token;

    /** A POST by one signed-in caller: idempotency keys are scoped to their caller. */
    private ApiCalls.Response post(String path, String json, String... headers) {
        if (token == null) {
            token = TestUsers.signIn(baseUrl(), "idempotency-" + UUID.randomUUID() + "@zst.test");
        }
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return ApiCalls.postJson(baseUrl() + path, json, all);
    }

    private ApiCalls.Response create(String name, String key) {
        return post(TestWidgetController.PATH, "{\"name\":\"" + name + "\"}", IdempotencyFilter.HEADER, key);
    }

    @Test
    void repeatWithTheSameKeyReturnsTheFirstResponseAndCreatesNothingNew() {
        String name = "w-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        ApiCalls.Response first = create(name, key);
        ApiCalls.Response repeat = create(name, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.raw()).isEqualTo(first.raw());
        assertThat(repeat.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(repeat.header(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.header(IdempotencyFilter.REPLAYED_HEADER)).isNull();
        assertThat(TestWidgetController.CREATED.get(name)).isEqualTo(1);
    }

    @Test
    void aControllerAnsweringAsynchronouslyIsRecordedAndReplayedToo() {
        String name = "w-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"" + name + "\"}";

        ApiCalls.Response first = post(TestWidgetController.ASYNC_PATH, body, IdempotencyFilter.HEADER, key);
        ApiCalls.Response repeat = post(TestWidgetController.ASYNC_PATH, body, IdempotencyFilter.HEADER, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("name").asText()).isEqualTo(name);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.raw()).isEqualTo(first.raw());
        assertThat(repeat.header(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(TestWidgetController.CREATED.get(name)).isEqualTo(1);
    }

    @Test
    void aNewKeyCreatesAgain() {
        String name = "w-" + UUID.randomUUID();
        create(name, UUID.randomUUID().toString());
        ApiCalls.Response second = create(name, UUID.randomUUID().toString());
        assertThat(second.status()).isEqualTo(201);
        assertThat(TestWidgetController.CREATED.get(name)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithADifferentBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        assertThat(create("w-" + UUID.randomUUID(), key).status()).isEqualTo(201);
        ApiCalls.Response other = create("w-" + UUID.randomUUID(), key);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.body().get("message").asText()).contains("different request body");
    }

    @Test
    void aDuplicateWhileTheFirstIsRunningIsAConflict() throws Exception {
        String name = "w-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        TestWidgetController.HOLDS.put(name, hold);
        TestWidgetController.ARRIVALS.put(name, arrived);
        try {
            CompletableFuture<ApiCalls.Response> first = CompletableFuture.supplyAsync(() -> create(name, key));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            ApiCalls.Response duplicate = create(name, key);
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.body().get("message").asText()).contains("still being processed");
            hold.countDown();
            assertThat(first.get().status()).isEqualTo(201);
        } finally {
            hold.countDown();
            TestWidgetController.HOLDS.remove(name);
            TestWidgetController.ARRIVALS.remove(name);
        }
        assertThat(TestWidgetController.CREATED.get(name)).isEqualTo(1);
        assertThat(create(name, key).header(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void clientErrorsAreFinalButServerErrorsReleaseTheKey() {
        String rejectedKey = UUID.randomUUID().toString();
        ApiCalls.Response rejected = create("invalid", rejectedKey);
        assertThat(rejected.status()).isEqualTo(400);
        ApiCalls.Response rejectedAgain = create("invalid", rejectedKey);
        assertThat(rejectedAgain.status()).isEqualTo(400);
        assertThat(rejectedAgain.header(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");

        String failedKey = UUID.randomUUID().toString();
        assertThat(create("boom", failedKey).status()).isEqualTo(500);
        ApiCalls.Response retried = create("boom", failedKey);
        assertThat(retried.status()).isEqualTo(500);
        assertThat(retried.header(IdempotencyFilter.REPLAYED_HEADER)).isNull();
    }

    @Test
    void commandsCarryTheRequestIdAndTheIdempotencyKeyAsMetadata() {
        String key = UUID.randomUUID().toString();
        ApiCalls.Response response = post(TestWidgetController.PATH,
                "{\"name\":\"w-" + UUID.randomUUID() + "\"}", IdempotencyFilter.HEADER, key,
                RequestIdFilter.HEADER, "trace-42");
        assertThat(response.header(RequestIdFilter.HEADER)).isEqualTo("trace-42");
        assertThat(response.body().get("request_id").asText()).isEqualTo("trace-42");
        assertThat(response.body().get("idempotency_key").asText()).isEqualTo(key);

        ApiCalls.Response generated = post(TestWidgetController.PATH,
                "{\"name\":\"w-" + UUID.randomUUID() + "\"}");
        assertThat(generated.header(RequestIdFilter.HEADER)).isNotBlank();
        assertThat(generated.body().get("request_id").asText()).isEqualTo(generated.header(RequestIdFilter.HEADER));
        assertThat(generated.body().get("idempotency_key").isNull()).isTrue();
    }
}
