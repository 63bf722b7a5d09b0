package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PayloadTypeGateApiTest extends ApiTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    /** Answers like a processor whose only handler takes strings, counting how often it is asked. */
    static final class StringHandlers implements EventHandlerInvoker {
        final AtomicInteger typeQuestions = new AtomicInteger();
        final AtomicInteger eventQuestions = new AtomicInteger();
        final AtomicInteger handled = new AtomicInteger();
        final AtomicInteger resetQuestions = new AtomicInteger();

        @Override
        public boolean supportsReset() {
            resetQuestions.incrementAndGet();
            return true;
        }

        @Override
        public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
            eventQuestions.incrementAndGet();
            return eventMessage.getPayload() instanceof String && segment.matches(eventMessage.getPayload());
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            typeQuestions.incrementAndGet();
            return payloadType == String.class;
        }

        @Override
        public void handle(EventMessage<?> message, Segment segment) {
            handled.incrementAndGet();
        }
    }

    @Test
    void everyProcessorOfTheApplicationHasItsHandlersBehindTheGate() {
        List<EventProcessor> processors = List.copyOf(processing.eventProcessors().values());

        assertThat(processors).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(processor -> assertThat(processor).isInstanceOfSatisfying(
                        PooledStreamingEventProcessor.class,
                        pooled -> assertThat(pooled.eventHandlerInvoker()).isInstanceOfSatisfying(
                                MultiEventHandlerInvoker.class, handlers -> assertThat(handlers.delegates())
                                        .isNotEmpty().allSatisfy(invoker ->
                                                assertThat(invoker).isInstanceOf(PayloadTypeGate.class)))));
    }

    @Test
    void anUnhandledTypeIsRefusedWithoutAskingTheHandlersAgainAndAHandledOneGetsTheirFullAnswer() throws Exception {
        StringHandlers handlers = new StringHandlers();
        PayloadTypeGate gate = new PayloadTypeGate(handlers);
        Segment[] halves = Segment.ROOT_SEGMENT.split();

        for (int i = 0; i < 100; i++) {
            assertThat(gate.canHandle(GenericEventMessage.asEventMessage(i), halves[i % 2])).isFalse();
        }
        assertThat(handlers.typeQuestions).hasValue(1);
        assertThat(handlers.eventQuestions).hasValue(0);

        EventMessage<String> text = GenericEventMessage.asEventMessage("a like");
        boolean inFirst = gate.canHandle(text, halves[0]);
        boolean inSecond = gate.canHandle(text, halves[1]);
        assertThat(inFirst).isNotEqualTo(inSecond);
        assertThat(handlers.typeQuestions).hasValue(2);
        assertThat(handlers.eventQuestions).hasValue(2);
        assertThat(gate.canHandleType(String.class)).isTrue();
        assertThat(gate.canHandleType(Integer.class)).isFalse();
        assertThat(handlers.typeQuestions).hasValue(2);

        assertThat(gate.supportsReset()).isTrue();
        assertThat(gate.supportsReset()).isTrue();
        assertThat(handlers.resetQuestions).hasValue(1);
        gate.handle(text, halves[0]);
        assertThat(handlers.handled).hasValue(1);
    }
}
