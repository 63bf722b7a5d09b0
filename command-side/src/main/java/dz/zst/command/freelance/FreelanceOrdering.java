package dz.zst.command.freelance;

import dz.zst.command.shared.AggregateRepositories;
import dz.zst.domain.freelance.FreelanceCommands.PlaceFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderPlacedEvent;
import dz.zst.domain.freelance.FreelanceEvents.OrderParties;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.NotFoundException;
import java.time.Duration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Places freelance orders: the service, loaded from its events, quotes the tier as it is now, and
 * the order keeps that price and delivery time whatever the service changes later.
 */
@Component
public class FreelanceOrdering {

    static final int MAX_REQUIREMENTS = 5000;

    private final AggregateRepositories repositories;

    public FreelanceOrdering(AggregateRepositories repositories) {
        this.repositories = repositories;
    }

    @CommandHandler
    public void handle(PlaceFreelanceOrderCommand command) throws Exception {
        if (command.tier() == null) {
            throw new IllegalArgumentException("pricing_tier is required");
        }
        if (command.requirements() != null && command.requirements().length() > MAX_REQUIREMENTS) {
            throw new IllegalArgumentException("requirements must be at most " + MAX_REQUIREMENTS + " characters");
        }
        Service.Quote quote = load(command.serviceId()).invoke(s -> s.quote(command.client(), command.tier()));
        FreelanceOrderPlacedEvent placed = new FreelanceOrderPlacedEvent(command.orderId(),
                new OrderParties(quote.serviceId(), quote.title(), command.client().userId(), quote.freelancerId()),
                quote.slug(), quote.tier(), quote.offered().price(), quote.offered().deliveryDays(),
                command.requirements(), command.at().plus(Duration.ofDays(quote.offered().deliveryDays())));
        repositories.of(FreelanceOrder.class).newInstance(() -> new FreelanceOrder(placed));
    }

    private Aggregate<Service> load(ServiceId serviceId) {
        try {
            return repositories.of(Service.class).load(serviceId.toString());
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Service not found");
        }
    }
}
