package dz.zst.command.shared;

import dz.zst.domain.shared.AwaitReadModelQuery;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.ReadModel;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How every command controller writes (API.md §1 read-your-writes): send the command and wait for
 * it to be stored, find the event-store position of the aggregate's newest event, then ask the
 * read side to answer only once the read model has folded that position. A 2xx therefore means the
 * events are stored and every later read, by anyone, sees them.
 */
@Component
public class ConsistentWrites {

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
        R result = commands.sendAndWait(command);
        awaitReadModel(readModel, aggregateId);
        return result;
    }

    /** Waits until {@code readModel} has folded every event stored so far for {@code aggregateId}. */
    public void awaitReadModel(ReadModel readModel, String aggregateId) {
        Long position = eventStore.sql("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(aggregateId).query(Long.class).single();
        if (position == null) {
            return;
        }
        ask(new AwaitReadModelQuery(readModel, aggregateId, position), Boolean.class);
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
