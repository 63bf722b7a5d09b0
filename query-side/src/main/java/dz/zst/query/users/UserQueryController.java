package dz.zst.query.users;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.users.UserQueries.FindUserQuery;
import dz.zst.domain.users.UserView;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/auth/me: the caller's own user, private fields included. */
@RestController
@Tag(name = "Users", description = "Your account: role, seller tier and profile; an admin's role changes")
public class UserQueryController {

    private final Reads reads;

    public UserQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/v1/auth/me")
    @Operation(summary = "Your own user, private fields (email, phone, push token) included")
    public UserView me(@AuthenticationPrincipal Actor actor) {
        UserView user = reads.ask(new FindUserQuery(actor.userId()), UserView.class);
        if (user == null) {
            throw new NotFoundException("User not found");
        }
        return user;
    }
}
