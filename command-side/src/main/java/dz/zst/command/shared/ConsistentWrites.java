package dz.zst.command.shared;

import dz.zst.domain.shared.AwaitReadModelQuery;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.FoldedInThisThread;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.ReadModelBehindException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * How every command controller writes (API.md §1 read-your-writes): send the command and wait for
 * it to be stored, find the event-store position of the newest event of each aggregate it changed,
 * then ask the read side to answer only once the read models have folded those positions. A 2xx
 * therefore means the events are stored and every later read, by anyone, sees them.
 */
@Component
public class ConsistentWrites {

    private static final Logger log = LoggerFactory.getLogger(ConsistentWrites.class);
    /** Request attribute set once the request's command is stored ({@link #storedInThisRequest}). */
    private static final String STORED = ConsistentWrites.class.getName() + ".STORED";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final JdbcClient eventStore;

    public ConsistentWrites(CommandGateway commands, QueryGateway queries, JdbcClient jdbcClient) {
        this.commands = commands;
        this.queries = queries;
        this.eventStore = jdbcClient;
    }

    /** Sends the command and returns once {@code readModel} reflects it. */
    public <R> R send(Object command, String aggregateId, ReadModel readModel) {
        R result = dispatch(command);
        awaitWritten(Map.of(readModel, List.of(aggregateId)));
        return result;
    }

    /**
     * Sends the command, returns once {@code readModel} reflects it, and answers the event-store
     * position of the aggregate's newest event, the one the read model has folded (-1 if the
     * aggregate has no events, or the wait failed): for answers that read what the write changed
     * and can use a view known to include that position.
     */
    public long sendAndLocate(Object command, String aggregateId, ReadModel readModel) {
        dispatch(command);
        return awaitWritten(Map.of(readModel, List.of(aggregateId))).getOrDefault(aggregateId, -1L);
    }

    /** Sends the command and waits until each read model reflects the aggregates it lists. */
    public <R> R send(Object command, Map<ReadModel, ? extends Collection<String>> changed) {
        R result = dispatch(command);
        awaitWritten(changed);
        return result;
    }

    /**
     * Sends the command and waits until each read model reflects the aggregates that the command's
     * result names (for commands whose aggregates are only known once handled, like a checkout).
     */
    public <R> R send(Object command, Function<R, Map<ReadModel, ? extends Collection<String>>> changedBy) {
        R result = dispatch(command);
        awaitWritten(changedBy.apply(result));
        return result;
    }

    /** The command on this thread, with nothing left from an earlier one in {@link FoldedInThisThread}. */
    private <R> R dispatch(Object command) {
        FoldedInThisThread.forget();
        return commands.sendAndWait(command);
    }

    /**
     * After the caller's own command (sent without this class, as an upload does to remove its files
     * when the command is refused): waits for {@code readModel} to fold it, as {@link #send} does.
     */
    public void awaitStored(ReadModel readModel, String aggregateId) {
        awaitWritten(Map.of(readModel, List.of(aggregateId)));
    }

    /**
     * Whether this request has stored a command (through this class): a failure after that must not
     * be answered as one the client may repeat, which would store it twice.
     */
    public static boolean storedInThisRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && request.getAttribute(STORED, RequestAttributes.SCOPE_REQUEST) != null;
    }

    /**
     * Waits until {@code readModel} has folded every event stored so far for {@code aggregateId};
     * answers the position awaited, that of its newest event (-1 if it has none, or the wait failed).
     * For a read making sure of a row: an id of an aggregate the read model does not fold (another
     * kind's) is not waited for.
     */
    public long awaitReadModel(ReadModel readModel, String aggregateId) {
        return await(Map.of(readModel, List.of(aggregateId))).getOrDefault(aggregateId, -1L);
    }

    /**
     * Waits until every listed read model has folded every event stored so far for its aggregates,
     * and answers the position awaited for each aggregate that has events (none if the wait failed).
     * One lookup finds all positions, then each read model is awaited in turn; they fold in
     * parallel, so by the time the first has caught up the others mostly have too and the wait is
     * about the slowest one's, not their sum.
     */
    public Map<String, Long> await(Map<ReadModel, ? extends Collection<String>> changed) {
        return await(changed, false);
    }

    /**
     * As {@link #await(Map)} right after this controller's own command: a read model that has not
     * folded it within the wait is answered 503 (saved, not to be repeated). A wait without a write
     * before it (a read making sure of a row) only logs it: the id may be another aggregate's, whose
     * events the read model never folds (a 404 follows).
     */
    private Map<String, Long> awaitWritten(Map<ReadModel, ? extends Collection<String>> changed) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(STORED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
        return await(changed, true);
    }

    private Map<String, Long> await(Map<ReadModel, ? extends Collection<String>> changed, boolean written) {
        try {
            return awaitPositions(changed, written);
        } catch (RuntimeException e) {
            if (DomainException.unwrap(e) instanceof ReadModelBehindException behind) {
                throw behind;
            }
            // The events are stored: failing the request now would report a stored write as lost,
            // and a client retrying it without an Idempotency-Key would write it twice. Answer the
            // write; only its read-your-writes guarantee is degraded, and that is logged. A read model
            // that set the write's event aside is the exception: its view will not show the write until
            // the operators act, so the writer is told so (503) rather than shown a view without it; so is
            // one it did not fold within the wait (after a 10 s wait, a view without the write, or a 404
            // for what was just created, bench/faults.sh's kill: 503 saying the write is saved).
            log.warn("write stored, but waiting for its read models failed: {}", e.toString());
            return Map.of();
        }
    }

    /** Waits for the read models and answers the positions it waited for, by aggregate. */
    private Map<String, Long> awaitPositions(Map<ReadModel, ? extends Collection<String>> changed, boolean written) {
        Set<String> ids = new LinkedHashSet<>();
        changed.values().forEach(ids::addAll);
        if (ids.isEmpty()) {
            return Map.of();
        }
        // Right after a write, the positions its own transaction folded are known; the rest are looked up.
        Map<String, Long> known = written ? FoldedInThisThread.take() : Map.of();
        Map<String, Long> newest = new HashMap<>();
        ids.stream().filter(known::containsKey).forEach(id -> newest.put(id, known.get(id)));
        if (newest.size() < ids.size()) {
            newest.putAll(newestPositions(ids.stream().filter(id -> !newest.containsKey(id)).toList()));
        }
        Map<ReadModel, CompletableFuture<Boolean>> waits = new LinkedHashMap<>();
        changed.forEach((readModel, aggregates) -> {
            // A read's id may be of any aggregate (a guess, an id of another kind): a read model
            // waited for the events it never folds until the timeout, 10 s before each such 404.
            Set<String> folded = written ? null : ofKind(readModel, aggregates);
            Map<String, Long> positions = new HashMap<>();
            aggregates.forEach(id -> {
                Long position = newest.get(id);
                if (position != null && (folded == null || folded.contains(id))) {
                    positions.put(id, position);
                }
            });
            if (!positions.isEmpty()) {
                waits.put(readModel, queries.query(new AwaitReadModelQuery(readModel, positions),
                        ResponseTypes.instanceOf(Boolean.class)));
            }
        });
        CompletableFuture.allOf(waits.values().toArray(CompletableFuture[]::new)).join();
        waits.forEach((readModel, folded) -> {
            if (written && !Boolean.TRUE.equals(folded.join())) {
                throw ReadModelBehindException.notYet(readModel);
            }
        });
        return newest;
    }

    /**
     * The global event-store position of each aggregate's newest event; aggregates without events
     * are left out.
     */
    public Map<String, Long> newestPositions(Collection<String> aggregateIds) {
        // An aggregate's newest event is its highest sequence number (each is appended after the
        // one before it committed). max(globalindex) read all of its history, and a best-selling
        // product gains an event with every order (0.5 ms a checkout at 300 events a product,
        // growing without bound).
        return JdbcStoredSequences.newestOfEach(eventStore, "globalindex", aggregateIds);
    }

    /** The ids among {@code ids} of aggregates of the kind {@code readModel} folds (their first event tells). */
    private Set<String> ofKind(ReadModel readModel, Collection<String> ids) {
        Set<String> ofKind = new HashSet<>();
        eventStore.sql("SELECT a.id FROM unnest(?::varchar[]) AS a(id) WHERE (SELECT e.type FROM domainevententry e "
                        + "WHERE e.aggregateidentifier = a.id ORDER BY e.sequencenumber LIMIT 1) = ?")
                .param(ids.toArray(String[]::new)).param(readModel.aggregateType())
                .query((rs, row) -> ofKind.add(rs.getString(1))).list();
        return ofKind;
    }

    /** Sends a query and unwraps the failure of its future, so domain exceptions reach the API as they are. */
    public <T> T ask(Object query, Class<T> type) {
        try {
            return queries.query(query, ResponseTypes.instanceOf(type)).join();
        } catch (CompletionException e) {
            throw DomainException.unwrap(e);
        }
    }
}
