package dz.zst.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Supplier;

/** Rebuilds of a read model through the ops routes, for the replay tests of every projection. */
public final class ProjectionReplays {
    private ProjectionReplays() {
    }

    /** The processor's entry in GET /api/v1/admin/projections. */
    public static JsonNode status(String baseUrl, String admin, String processor) {
        for (JsonNode entry : ApiCalls.get(baseUrl + "/api/v1/admin/projections", admin).body()) {
            if (entry.get("name").asText().equals(processor)) {
                return entry;
            }
        }
        throw new AssertionError("no " + processor + " processor listed");
    }

    /** Asks for a rebuild of the processor's read model, which is accepted (202). */
    public static void replay(String baseUrl, String admin, String processor) {
        ApiCalls.Response accepted = ApiCalls.post(baseUrl + "/api/v1/admin/projections/" + processor + "/replay",
                admin, null);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    }

    /**
     * Waits (at most 60 s) until the processor has finished replaying, caught up with the event
     * store and {@code rows} gives {@code before} again; {@code eachPoll} runs at every look.
     */
    public static void awaitRebuilt(String baseUrl, String admin, String processor, Supplier<?> rows, Object before,
                                     Runnable eachPoll) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            eachPoll.run();
            JsonNode status = status(baseUrl, admin, processor);
            if (!status.get("replaying").asBoolean() && status.get("lag").asLong() == 0 && rows.get().equals(before)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                assertThat(rows.get()).as("rows 60 s after the rebuild started").isEqualTo(before);
                assertThat(status.toString()).as("replay finishes").contains("\"lag\":0");
            }
            Thread.sleep(100);
        }
        assertThat(rows.get()).isEqualTo(before);
    }
}
