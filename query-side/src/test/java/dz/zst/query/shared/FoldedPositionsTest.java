package dz.zst.query.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FoldedPositionsTest {

    @Test
    void coversOnlyWhatWasFoldedAtOrBeyondTheAwaitedPosition() {
        FoldedPositions folded = new FoldedPositions();
        folded.add(Map.of("a", 10L, "b", 3L));
        folded.add(Map.of("a", 7L));

        assertThat(folded.covers(Map.of("a", 10L))).isTrue();
        assertThat(folded.covers(Map.of("a", 10L, "b", 3L))).isTrue();
        assertThat(folded.covers(Map.of("a", 11L))).isFalse();
        assertThat(folded.covers(Map.of("a", 1L, "c", 1L))).as("one aggregate never folded").isFalse();
    }

    @Test
    void aRebuildFoldingMillionsKeepsTwoBoundedGenerations() {
        FoldedPositions folded = new FoldedPositions();
        for (int batch = 0; batch < 300; batch++) {
            Map<String, Long> positions = new HashMap<>();
            for (int i = 0; i < 1_000; i++) {
                positions.put("agg-" + batch + "-" + i, (long) batch * 1_000 + i);
            }
            folded.add(positions);
        }
        // The newest entries are still known; the oldest were dropped, so a writer waiting for them asks the database.
        assertThat(folded.covers(Map.of("agg-299-999", 299_999L))).isTrue();
        assertThat(folded.covers(Map.of("agg-0-0", 0L))).isFalse();
    }

    @Test
    void aWaiterWakesOnTheCommitThatCoversItNotAtItsTimeout() throws Exception {
        FoldedPositions folded = new FoldedPositions();
        CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            try {
                assertThat(folded.awaitCovered(Map.of("a", 5L), 5_000)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        });
        Thread.sleep(50);
        folded.add(Map.of("a", 4L));
        folded.add(Map.of("b", 9L));
        Thread.sleep(100);
        assertThat(woken).as("commits that don't cover it leave it waiting").isNotDone();

        folded.add(Map.of("a", 5L));
        assertThat(woken.get(2, TimeUnit.SECONDS)).isLessThan(5_000);

        long started = System.nanoTime();
        assertThat(folded.awaitCovered(Map.of("a", 5L), 5_000)).as("already covered").isTrue();
        assertThat(folded.awaitCovered(Map.of("a", 6L), 50)).as("not covered within the time").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);
    }
}
