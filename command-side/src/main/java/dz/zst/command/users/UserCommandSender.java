package dz.zst.command.users;

import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends a command to a User and answers with the user as the read model shows it afterwards.
 * Several nodes may append to one user at once (first sight of a new identity on two nodes, a
 * webhook racing a request): the loser of the race is retried, since every User command is
 * idempotent on the state it finds.
 */
@Component
public class UserCommandSender {

    private static final int ATTEMPTS = 3;

    private final CommandGateway commandGateway;
    private final UserReadModelAwaiter awaiter;

    public UserCommandSender(CommandGateway commandGateway, UserReadModelAwaiter awaiter) {
        this.commandGateway = commandGateway;
        this.awaiter = awaiter;
    }

    public UserView send(UserId userId, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                commandGateway.sendAndWait(command);
                break;
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (attempt == ATTEMPTS) {
                    throw new ConcurrencyException("User " + userId + " kept changing concurrently", e);
                }
            }
        }
        return awaiter.awaitCurrent(userId).orElseThrow(() -> new NotFoundException("User not found"));
    }
}
