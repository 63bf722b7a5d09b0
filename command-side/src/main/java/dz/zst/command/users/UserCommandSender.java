package dz.zst.command.users;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserQueries.FindUserQuery;
import dz.zst.domain.users.UserView;
import org.springframework.stereotype.Component;

/**
 * Every write to a User (REST, sign-in, webhook) goes through here: the command is sent and stored,
 * the users read model is awaited (read-your-writes), and the answer is the user as it reads now.
 * Losers of an append race (two nodes seeing a new identity at once) are retried by the gateway;
 * every User command is idempotent on the state it finds, so a retry is harmless.
 */
@Component
public class UserCommandSender {

    private final ConsistentWrites writes;

    public UserCommandSender(ConsistentWrites writes) {
        this.writes = writes;
    }

    public UserView send(UserId userId, Object command) {
        writes.send(command, userId.toString(), ReadModel.USERS);
        UserView user = writes.ask(new FindUserQuery(userId), UserView.class);
        if (user == null) {
            throw new NotFoundException("User not found");
        }
        return user;
    }
}
