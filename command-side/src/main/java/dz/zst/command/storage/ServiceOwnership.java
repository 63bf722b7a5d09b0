package dz.zst.command.storage;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceQuery;
import dz.zst.domain.freelance.FreelanceViews.ServiceView;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.UserId;
import org.springframework.stereotype.Component;

/** Answers "may this actor put files on this service?" as {@link ProductOwnership} does for products. */
@Component
public class ServiceOwnership {

    private final ConsistentWrites writes;

    public ServiceOwnership(ConsistentWrites writes) {
        this.writes = writes;
    }

    /**
     * @throws dz.zst.domain.shared.NotFoundException when the service is unknown or deleted
     * @throws ForbiddenException when the actor is neither its freelancer nor an admin
     */
    public void requireOwner(ServiceId serviceId, Actor actor) {
        ServiceView service = writes.ask(new FindServiceQuery(serviceId), ServiceView.class);
        if (!actor.isAdmin() && !actor.is(UserId.of(service.freelancerId()))) {
            throw new ForbiddenException("You can only manage files of your own services");
        }
    }
}
