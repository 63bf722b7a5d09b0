package dz.zst.query.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared websocket frames on real netty channels (embedded: each its own event loop, driven by
 * the test). Every frame the class is handed must be released exactly once however it leaves.
 */
class WebSocketFramesTest {

    private static final Duration HOLD = Duration.ofMillis(30);

    private final WebSocketFrames frames = new WebSocketFrames();
    private final EmbeddedChannel a = new EmbeddedChannel();
    private final EmbeddedChannel b = new EmbeddedChannel();
    private final List<ByteBuf> given = new ArrayList<>();

    @AfterEach
    void close() {
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    @Test
    void anImmediatePushIsOneFramePerSocketWithTheSocketIoText() {
        frames.write(frame("one"), List.of(a, b), Duration.ZERO);
        a.runPendingTasks();
        b.runPendingTasks();

        assertThat(texts(a)).containsExactly("42/realtime,[\"t\",\"one\"]");
        assertThat(texts(b)).containsExactly("42/realtime,[\"t\",\"one\"]");
        assertAllReleased();
    }

    @Test
    void crowdPushesLeaveTogetherInOneWritePerSocketAfterTheHoldInTheirOrder() throws InterruptedException {
        frames.write(frame("one"), List.of(a, b), HOLD);
        frames.write(frame("two"), List.of(a, b), HOLD);
        frames.write(frame("three"), List.of(a), HOLD);
        a.runPendingTasks();
        b.runPendingTasks();
        assertThat(a.outboundMessages()).as("held for the interval").isEmpty();

        TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
        a.runScheduledPendingTasks();
        b.runScheduledPendingTasks();

        // Each embedded channel is its own event loop: on each, the pushes it was given are one run.
        assertThat(a.outboundMessages()).as("one write for the three").hasSize(1);
        assertThat(b.outboundMessages()).as("one write for the two").hasSize(1);
        assertThat(texts(a)).containsExactly("42/realtime,[\"t\",\"one\"]", "42/realtime,[\"t\",\"two\"]",
                "42/realtime,[\"t\",\"three\"]");
        assertThat(texts(b)).containsExactly("42/realtime,[\"t\",\"one\"]", "42/realtime,[\"t\",\"two\"]");
        assertAllReleased();
    }

    @Test
    void eachIntervalsPushesLeaveAtItsEnd() throws InterruptedException {
        for (String text : List.of("first", "second", "third")) {
            frames.write(frame(text), List.of(a), HOLD);
            a.runPendingTasks();
            assertThat(a.outboundMessages()).as("held for the interval").isEmpty();
            TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
            a.runScheduledPendingTasks();
            assertThat(texts(a)).containsExactly("42/realtime,[\"t\",\"" + text + "\"]");
        }
        assertAllReleased();
    }

    @Test
    void anImmediatePushLetsTheHeldOnesOutFirst() {
        frames.write(frame("held"), List.of(a, b), HOLD);
        frames.write(frame("now"), List.of(a), Duration.ZERO);
        a.runPendingTasks();
        b.runPendingTasks();

        assertThat(texts(a)).containsExactly("42/realtime,[\"t\",\"held\"]", "42/realtime,[\"t\",\"now\"]");
        assertThat(b.outboundMessages()).as("b's loop had no immediate push: still held").isEmpty();
        assertAllReleased(1);
    }

    @Test
    void aClosedSocketDropsItsCopyAndTheOthersStillGetTheirs() throws InterruptedException {
        frames.write(frame("one"), List.of(a, b), HOLD);
        a.runPendingTasks();
        b.runPendingTasks();
        // Closed as a dropped connection is: its loop goes on (EmbeddedChannel.close would also
        // cancel the loop's timers, which a real loop shared by other sockets never does).
        a.unsafe().close(a.voidPromise());

        TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
        a.runScheduledPendingTasks();
        b.runScheduledPendingTasks();

        assertThat(texts(b)).containsExactly("42/realtime,[\"t\",\"one\"]");
        assertAllReleased();
    }

    private ByteBuf frame(String text) {
        ByteBuf frame = WebSocketFrames.frame("/realtime", "[\"t\",\"" + text + "\"]");
        given.add(frame);
        return frame;
    }

    /** The Socket.IO texts of the websocket frames written to the channel, in order; releases them. */
    private static List<String> texts(Channel channel) {
        List<String> texts = new ArrayList<>();
        ByteBuf written;
        while ((written = ((EmbeddedChannel) channel).readOutbound()) != null) {
            while (written.isReadable()) {
                assertThat((int) written.readUnsignedByte()).as("FIN, text").isEqualTo(0x81);
                int length = written.readUnsignedByte();
                texts.add(written.readCharSequence(length, StandardCharsets.UTF_8).toString());
            }
            written.release();
        }
        return texts;
    }

    private void assertAllReleased() {
        assertAllReleased(0);
    }

    /** Every frame given has been released, but for the last {@code stillHeld} (held on a loop). */
    private void assertAllReleased(int stillHeld) {
        long held = given.stream().filter(frame -> frame.refCnt() > 0).count();
        assertThat(held).as("frames not yet released").isEqualTo(stillHeld);
    }
}
