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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared websocket frames on real netty channels (embedded), their event loops and the clock
 * driven by the test (each channel on a loop of its own unless put on another's). Passes write two
 * sockets, then let the loop's other tasks run. Every frame the class is handed must be released
 * exactly once however it leaves.
 */
class WebSocketFramesTest {

    private static final Duration HOLD = Duration.ofMillis(30);

    private final Timer crowdSends = new SimpleMeterRegistry().timer("sends");
    private final ManualLoops loops = new ManualLoops();
    private final WebSocketFrames frames = new WebSocketFrames(crowdSends, loops, 2);
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
        loops.runAll();

        assertThat(texts(a)).containsExactly(pushText("one"));
        assertThat(texts(b)).containsExactly(pushText("one"));
        assertAllReleased();
    }

    @Test
    void aCrowdPushAfterAQuietIntervalLeavesAtOnce() {
        for (String text : List.of("first", "second", "third")) {
            frames.write(frame(text), List.of(a), HOLD);
            loops.runAll();
            assertThat(texts(a)).as("nothing left the loop for an interval").containsExactly(pushText(text));
            loops.advance(HOLD.plusMillis(20));
        }
        assertAllReleased();
    }

    @Test
    void crowdPushesWithinAnIntervalOfTheLastPassLeaveTogetherWhenItIsUpInOneWritePerSocketInTheirOrder() {
        frames.write(frame("first"), List.of(a, b), HOLD);
        frames.write(frame("two"), List.of(a, b), HOLD);
        frames.write(frame("three"), List.of(a, b), HOLD);
        frames.write(frame("four"), List.of(a), HOLD);
        loops.runAll();
        assertThat(texts(a)).as("the first at once, the others held").containsExactly(pushText("first"));
        assertThat(texts(b)).containsExactly(pushText("first"));

        loops.advance(HOLD.plusMillis(20));
        loops.runAll();

        // Each embedded channel is its own event loop: on each, the pushes it was given are one run.
        assertThat(a.outboundMessages()).as("one write for the three").hasSize(1);
        assertThat(b.outboundMessages()).as("one write for the two").hasSize(1);
        assertThat(texts(a)).containsExactly(pushText("two"), pushText("three"), pushText("four"));
        assertThat(texts(b)).containsExactly(pushText("two"), pushText("three"));
        assertAllReleased();
    }

    @Test
    void aLoopPassesOverItsCrowdPushesAtMostOncePerInterval() {
        List<Long> sentAfterMillis = new ArrayList<>();
        List<String> received = new ArrayList<>();
        List<String> pushed = new ArrayList<>();
        // A push about every 10 ms, the interval 30 ms: the loop run about every millisecond.
        for (int tick = 0; tick < 200; tick++) {
            if (tick % 10 == 0) {
                pushed.add(pushText("push" + tick));
                frames.write(frame("push" + tick), List.of(a), HOLD);
            }
            loops.runAll();
            if (!a.outboundMessages().isEmpty()) {
                sentAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(loops.nanoTime()));
                assertThat(a.outboundMessages()).as("one write a pass").hasSize(1);
                received.addAll(texts(a));
            }
            loops.advance(Duration.ofMillis(1));
        }
        loops.advance(HOLD.plusMillis(20));
        loops.runAll();
        int lastSends = a.outboundMessages().size();
        received.addAll(texts(a));

        assertThat(received).as("every push, in order").isEqualTo(pushed);
        for (int i = 1; i < sentAfterMillis.size(); i++) {
            assertThat(sentAfterMillis.get(i) - sentAfterMillis.get(i - 1)).as("between sends %s", sentAfterMillis)
                    .isGreaterThanOrEqualTo(HOLD.toMillis());
        }
        assertThat(sentAfterMillis.size()).as("sends, against %s pushes", pushed.size()).isLessThan(pushed.size());
        assertThat(crowdSends.count()).as("passes timed").isEqualTo(sentAfterMillis.size() + lastSends);
        assertAllReleased();
    }

    @Test
    void theIntervalCountsFromTheEndOfTheLastPassSoASlowPassIsNotFollowedSooner() {
        // A socket whose write takes 40 ms, as thousands of writes on a busy machine do.
        EmbeddedChannel slow = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                loops.advance(Duration.ofMillis(40));
                super.write(ctx, msg, promise);
            }
        });
        try {
            frames.write(frame("first"), List.of(slow), HOLD);
            loops.runAll();
            assertThat(texts(slow)).containsExactly(pushText("first"));

            // 45 ms after the pass began, 5 ms after it ended: held for another 25 ms.
            loops.advance(Duration.ofMillis(5));
            frames.write(frame("second"), List.of(slow), HOLD);
            loops.advance(Duration.ofMillis(24));
            loops.runAll();
            assertThat(slow.outboundMessages()).as("held: the last pass ended under an interval ago").isEmpty();

            loops.advance(Duration.ofMillis(1));
            loops.runAll();
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
        loops.runAll();

        assertThat(texts(a)).containsExactly(pushText("first"), pushText("held"), pushText("now"));
        assertThat(texts(b)).as("b's loop had no immediate push: still held").containsExactly(pushText("first"));
        assertAllReleased(1);
    }

    @Test
    void aClosedSocketDropsItsCopyAndTheOthersStillGetTheirs() {
        frames.write(frame("first"), List.of(a, b), HOLD);
        frames.write(frame("one"), List.of(a, b), HOLD);
        loops.runAll();
        assertThat(texts(a)).containsExactly(pushText("first"));
        // Closed as a dropped connection is: its loop goes on (EmbeddedChannel.close would also
        // cancel the loop's timers, which a real loop shared by other sockets never does).
        a.unsafe().close(a.voidPromise());

        loops.advance(HOLD.plusMillis(20));
        loops.runAll();

        assertThat(texts(b)).containsExactly(pushText("first"), pushText("one"));
        assertAllReleased();
    }

    @Test
    void aPushThatComesDuringAPassJoinsItForTheSocketsNotYetReached() {
        List<EmbeddedChannel> room = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            room.add(new EmbeddedChannel());
        }
        ManualLoops.Loop loop = loops.shared(room);
        try {
            frames.write(frame("first"), List.copyOf(room), HOLD);
            loop.runOne(); // the push, and the pass's first two sockets
            frames.write(frame("second"), List.copyOf(room), HOLD);
            loop.runAll(); // the next two sockets, the second push, the last two sockets
            for (EmbeddedChannel reached : room.subList(0, 4)) {
                assertThat(texts(reached)).as("reached before the second came").containsExactly(pushText("first"));
            }
            for (EmbeddedChannel ahead : room.subList(4, 6)) {
                assertThat(ahead.outboundMessages()).as("one write").hasSize(1);
                assertThat(texts(ahead)).as("joined the pass under way").containsExactly(pushText("first"), pushText("second"));
            }

            loops.advance(HOLD.minusMillis(1));
            loop.runAll();
            assertThat(room.get(0).outboundMessages()).as("the next pass, an interval after this one").isEmpty();
            loops.advance(Duration.ofMillis(1));
            loop.runAll();
            for (EmbeddedChannel reached : room.subList(0, 4)) {
                assertThat(texts(reached)).containsExactly(pushText("second"));
            }
            for (EmbeddedChannel ahead : room.subList(4, 6)) {
                assertThat(ahead.outboundMessages()).as("had it already").isEmpty();
            }
            assertThat(crowdSends.count()).as("two passes").isEqualTo(2);
            assertAllReleased();
        } finally {
            room.forEach(EmbeddedChannel::finishAndReleaseAll);
        }
    }

    /**
     * The sockets' event loops and the clock, driven by the test: each channel on a loop of its
     * own, unless {@link #shared}; a loop's tasks run when the test says; a timer hands its task to
     * its loop when the clock passes its time.
     */
    private static final class ManualLoops implements WebSocketFrames.Loops {
        private final Map<Channel, Loop> loopOf = new IdentityHashMap<>();
        private final PriorityQueue<Due> timers = new PriorityQueue<>(Comparator.comparingLong(Due::at));
        private long now;

        private record Due(long at, Executor loop, Runnable task) {
        }

        static final class Loop implements Executor {
            private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

            @Override
            public void execute(Runnable task) {
                tasks.add(task);
            }

            void runOne() {
                Runnable task = tasks.poll();
                if (task != null) {
                    task.run();
                }
            }

            void runAll() {
                while (!tasks.isEmpty()) {
                    runOne();
                }
            }
        }

        /** One loop for all of {@code channels}. */
        Loop shared(List<? extends Channel> channels) {
            Loop loop = new Loop();
            channels.forEach(channel -> loopOf.put(channel, loop));
            return loop;
        }

        @Override
        public Executor loopOf(Channel channel) {
            return loopOf.computeIfAbsent(channel, c -> new Loop());
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void schedule(Executor loop, Runnable task, long delayNanos) {
            timers.add(new Due(now + delayNanos, loop, task));
        }

        void advance(Duration by) {
            long until = now + by.toNanos();
            while (!timers.isEmpty() && timers.peek().at() <= until) {
                Due due = timers.poll();
                now = Math.max(now, due.at());
                due.loop().execute(due.task());
            }
            now = until;
        }

        void runAll() {
            List.copyOf(new java.util.LinkedHashSet<>(loopOf.values())).forEach(Loop::runAll);
        }
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
