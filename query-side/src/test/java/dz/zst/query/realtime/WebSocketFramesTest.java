package dz.zst.query.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
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

    private final Timer crowdSends = new SimpleMeterRegistry().timer("sends");
    private final WebSocketFrames frames = new WebSocketFrames(crowdSends);
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

        assertThat(texts(a)).containsExactly(pushText("one"));
        assertThat(texts(b)).containsExactly(pushText("one"));
        assertAllReleased();
    }

    @Test
    void aCrowdPushAfterAQuietIntervalLeavesAtOnce() throws InterruptedException {
        for (String text : List.of("first", "second", "third")) {
            frames.write(frame(text), List.of(a), HOLD);
            a.runPendingTasks();
            assertThat(texts(a)).as("nothing left the loop for an interval").containsExactly(pushText(text));
            TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
        }
        assertAllReleased();
    }

    @Test
    void crowdPushesWithinAnIntervalOfTheLastLeaveTogetherWhenItIsUpInOneWritePerSocketInTheirOrder()
            throws InterruptedException {
        frames.write(frame("first"), List.of(a, b), HOLD);
        frames.write(frame("two"), List.of(a, b), HOLD);
        frames.write(frame("three"), List.of(a, b), HOLD);
        frames.write(frame("four"), List.of(a), HOLD);
        a.runPendingTasks();
        b.runPendingTasks();
        assertThat(texts(a)).as("the first at once, the others held").containsExactly(pushText("first"));
        assertThat(texts(b)).containsExactly(pushText("first"));

        TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
        a.runScheduledPendingTasks();
        b.runScheduledPendingTasks();

        // Each embedded channel is its own event loop: on each, the pushes it was given are one run.
        assertThat(a.outboundMessages()).as("one write for the three").hasSize(1);
        assertThat(b.outboundMessages()).as("one write for the two").hasSize(1);
        assertThat(texts(a)).containsExactly(pushText("two"), pushText("three"), pushText("four"));
        assertThat(texts(b)).containsExactly(pushText("two"), pushText("three"));
        assertAllReleased();
    }

    @Test
    void aLoopSendsItsCrowdPushesAtMostOncePerInterval() throws InterruptedException {
        long started = System.nanoTime();
        List<Long> sentAfterMillis = new ArrayList<>();
        List<String> received = new ArrayList<>();
        List<String> pushed = new ArrayList<>();
        // A push about every 10 ms, the interval 30 ms: the loop run about every millisecond.
        for (int tick = 0; tick < 200; tick++) {
            if (tick % 10 == 0) {
                pushed.add(pushText("push" + tick));
                frames.write(frame("push" + tick), List.of(a), HOLD);
            }
            a.runPendingTasks();
            a.runScheduledPendingTasks();
            if (!a.outboundMessages().isEmpty()) {
                sentAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertThat(a.outboundMessages()).as("one write a send").hasSize(1);
                received.addAll(texts(a));
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
        a.runScheduledPendingTasks();
        int lastSends = a.outboundMessages().size();
        received.addAll(texts(a));

        assertThat(received).as("every push, in order").isEqualTo(pushed);
        for (int i = 1; i < sentAfterMillis.size(); i++) {
            assertThat(sentAfterMillis.get(i) - sentAfterMillis.get(i - 1)).as("between sends %s", sentAfterMillis)
                    .isGreaterThanOrEqualTo(HOLD.toMillis() - 1);
        }
        assertThat(sentAfterMillis.size()).as("sends, against %s pushes", pushed.size()).isLessThan(pushed.size());
        assertThat(crowdSends.count()).as("sends timed").isEqualTo(sentAfterMillis.size() + lastSends);
        assertAllReleased();
    }

    @Test
    void theIntervalCountsFromTheEndOfTheLastSendSoASlowSendIsNotFollowedSooner() throws InterruptedException {
        // A socket whose write takes 40 ms, as thousands of writes on a busy machine do.
        EmbeddedChannel slow = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                TimeUnit.MILLISECONDS.sleep(40);
                super.write(ctx, msg, promise);
            }
        });
        try {
            long started = System.nanoTime();
            frames.write(frame("first"), List.of(slow), HOLD);
            slow.runPendingTasks();
            assertThat(texts(slow)).containsExactly(pushText("first"));

            // 45 ms after the send began, 5 ms after it ended: held for another 25 ms.
            TimeUnit.NANOSECONDS.sleep(TimeUnit.MILLISECONDS.toNanos(45) - (System.nanoTime() - started));
            frames.write(frame("second"), List.of(slow), HOLD);
            slow.runPendingTasks();
            assertThat(slow.outboundMessages()).as("held: the last send ended under an interval ago").isEmpty();

            TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
            slow.runScheduledPendingTasks();
            assertThat(texts(slow)).containsExactly(pushText("second"));
            assertAllReleased();
        } finally {
            slow.finishAndReleaseAll();
        }
    }

    @Test
    void anImmediatePushLetsTheHeldOnesOutFirst() {
        frames.write(frame("first"), List.of(a, b), HOLD);
        frames.write(frame("held"), List.of(a, b), HOLD);
        frames.write(frame("now"), List.of(a), Duration.ZERO);
        a.runPendingTasks();
        b.runPendingTasks();

        assertThat(texts(a)).containsExactly(pushText("first"), pushText("held"), pushText("now"));
        assertThat(texts(b)).as("b's loop had no immediate push: still held").containsExactly(pushText("first"));
        assertAllReleased(1);
    }

    @Test
    void aClosedSocketDropsItsCopyAndTheOthersStillGetTheirs() throws InterruptedException {
        frames.write(frame("first"), List.of(a, b), HOLD);
        frames.write(frame("one"), List.of(a, b), HOLD);
        a.runPendingTasks();
        b.runPendingTasks();
        assertThat(texts(a)).containsExactly(pushText("first"));
        // Closed as a dropped connection is: its loop goes on (EmbeddedChannel.close would also
        // cancel the loop's timers, which a real loop shared by other sockets never does).
        a.unsafe().close(a.voidPromise());

        TimeUnit.MILLISECONDS.sleep(HOLD.toMillis() + 20);
        a.runScheduledPendingTasks();
        b.runScheduledPendingTasks();

        assertThat(texts(b)).containsExactly(pushText("first"), pushText("one"));
        assertAllReleased();
    }

    /** The Socket.IO text of the test push {@code text}, as a socket receives it. */
    private static String pushText(String text) {
        return "42/realtime,[\"t\",\"" + text + "\"]";
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
