package dz.zst.query.users;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.users.UserQueries.FindUserQuery;
import dz.zst.domain.users.UserView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/auth/me: the caller's own user, private fields included. */
@RestController
public class UserQueryController {

    private final QueryGateway queryGateway;

    public UserQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping("/api/v1/auth/me")
    public UserView me(@AuthenticationPrincipal Actor actor) {
        return queryGateway.query(new FindUserQuery(actor.userId()), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .orElseThrow(() -> new NotFoundException("User not found"));
    }
}
