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
        assertThat(folded.commits()).isEqualTo(2);
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
    void aWaiterWakesOnTheNextCommitNotAtItsTimeout() throws Exception {
        FoldedPositions folded = new FoldedPositions();
        long seen = folded.commits();
        CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            try {
                folded.awaitCommitAfter(seen, 5_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        });
        Thread.sleep(50);
        folded.add(Map.of("a", 1L));
        assertThat(woken.get(2, TimeUnit.SECONDS)).isLessThan(5_000);

        long started = System.nanoTime();
        folded.awaitCommitAfter(seen, 5_000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("a commit already seen").isLessThan(1_000);
    }
}
