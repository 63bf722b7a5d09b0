package dz.zst.command.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ReadModel;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A stored write is answered even when waiting for its read models fails; a refused one is not. */
class ConsistentWritesTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final JdbcClient jdbc = mock(JdbcClient.class);
    private final ConsistentWrites writes = new ConsistentWrites(commands, mock(QueryGateway.class), jdbc);

    @Test
    void aStoredWriteIsAnsweredWhenTheReadModelWaitFails() {
        when(commands.sendAndWait(any())).thenReturn("stored");
        when(jdbc.sql(anyString())).thenThrow(new CannotGetJdbcConnectionException("pool exhausted"));

        String result = writes.send("command", "aggregate-1", ReadModel.ORDERS);

        assertThat(result).isEqualTo("stored");
    }

    @Test
    void aRefusedCommandFailsAsItWasRefused() {
        when(commands.sendAndWait(any())).thenThrow(new BusinessRuleViolationException("no"));

        assertThatThrownBy(() -> writes.send("command", "aggregate-1", ReadModel.ORDERS))
                .isInstanceOf(BusinessRuleViolationException.class);
    }
}
