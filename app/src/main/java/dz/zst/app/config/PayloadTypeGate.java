package dz.zst.app.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;

/**
 * A processor's handlers, asked first whether they handle an event's payload type at all, from a
 * memo of the answers.
 *
 * <p>Why: a pooled streaming processor's coordinator offers every event of the store to every work
 * package, and each asks the handlers whether they can handle it. Axon answers that by walking every
 * annotated handler of every handling component, through each handler's wrappers, on every call. With
 * seven processors of two segments, most of those questions are about events of another context
 * (a checkout's events in the reels processor, a like in the orders processor) and the answer is
 * always no; in a profiled checkout run the coordinators spent a quarter of the JVM's CPU, most of it
 * there. The set of handlers never changes after the processor is built, so "does any handler take
 * this payload type" is asked once per type; events of a handled type still get Axon's full answer
 * (parameter resolvers, the segment's sequencing policy, replay support). Whether the handlers
 * support a reset is as fixed as they are, and is remembered too.
 *
 * <p>{@link #gate} puts each of a processor's invokers (one per processing group) behind its own gate.
 */
final class PayloadTypeGate implements EventHandlerInvoker {

    private final EventHandlerInvoker handlers;
    private final Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();
    private volatile Boolean supportsReset;

    PayloadTypeGate(EventHandlerInvoker handlers) {
        this.handlers = handlers;
    }

    /** The processor's invokers, each behind a gate of its own. */
    static EventHandlerInvoker gate(EventHandlerInvoker processorHandlers) {
        if (processorHandlers instanceof MultiEventHandlerInvoker multi) {
            return new MultiEventHandlerInvoker(multi.delegates().stream()
                    .<EventHandlerInvoker>map(PayloadTypeGate::new).toList());
        }
        return new PayloadTypeGate(processorHandlers);
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        return canHandleType(eventMessage.getPayloadType()) && handlers.canHandle(eventMessage, segment);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handledTypes.computeIfAbsent(payloadType, handlers::canHandleType);
    }

    @Override
    public void handle(EventMessage<?> message, Segment segment) throws Exception {
        handlers.handle(message, segment);
    }

    @Override
    public boolean supportsReset() {
        // asked before every event of a handled type (MultiEventHandlerInvoker), and as fixed as the handlers
        Boolean supports = supportsReset;
        if (supports == null) {
            supports = handlers.supportsReset();
            supportsReset = supports;
        }
        return supports;
    }

    @Override
    public void performReset() {
        handlers.performReset();
    }

    @Override
    public <R> void performReset(R resetContext) {
        handlers.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        handlers.segmentReleased(segment);
    }
}
