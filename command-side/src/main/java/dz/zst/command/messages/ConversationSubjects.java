package dz.zst.command.messages;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferQuery;
import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.FreelanceQueries.FindFreelanceOrderQuery;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceQuery;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderView;
import dz.zst.domain.freelance.FreelanceViews.ServiceView;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.messages.Subject;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderQueries.FindOrderQuery;
import dz.zst.domain.orders.OrderQueries.OrderViewer;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.Role;
import dz.zst.domain.users.UserView;
import org.springframework.stereotype.Component;

/**
 * Who may talk about what (API.md §13): the caller must see the subject (each context's own read
 * rule, asked through its query: an invisible subject is 404, as everywhere), and the recipient
 * must be a party to it (else 400). A new kind of subject is a
 * {@link dz.zst.domain.messages.SubjectType} value and one case of {@link #title}, which the
 * compiler asks for.
 */
@Component
public class ConversationSubjects {

    private final ConsistentWrites writes;

    public ConversationSubjects(ConsistentWrites writes) {
        this.writes = writes;
    }

    /** The subject's title, once the caller may see it and the recipient is a party to it. */
    public String title(Actor caller, Subject subject, UserView recipient) {
        return switch (subject.type()) {
            case PRODUCT -> {
                ProductView product = writes.ask(new FindProductQuery(new ProductId(subject.id()), caller),
                        ProductView.class);
                requireParty(recipient.id().toString().equals(product.sellerId()));
                yield product.name();
            }
            case ORDER -> {
                OrderView order = writes.ask(new FindOrderQuery(new OrderId(subject.id()), new OrderViewer(caller,
                        null)), OrderView.class);
                requireParty(recipient.id().equals(order.sellerId()) || recipient.id().equals(order.userId()));
                yield "Commande " + order.orderNumber();
            }
            case B2B_OFFER -> {
                B2BOfferView offer = writes.ask(new FindB2BOfferQuery(new B2BOfferId(subject.id()), caller),
                        B2BOfferView.class);
                requireParty(recipient.id().equals(offer.sellerId())
                        || (recipient.role() == Role.SELLER && recipient.sellerCategory() == offer.targetCategory()));
                yield offer.title();
            }
            case FREELANCE_SERVICE -> {
                ServiceView service = writes.ask(new FindServiceQuery(new ServiceId(subject.id())), ServiceView.class);
                requireParty(recipient.id().toString().equals(service.freelancerId()));
                yield service.title();
            }
            case FREELANCE_ORDER -> {
                FreelanceOrderView order = writes.ask(new FindFreelanceOrderQuery(new FreelanceOrderId(subject.id()),
                        caller), FreelanceOrderView.class);
                String recipientId = recipient.id().toString();
                requireParty(recipientId.equals(order.freelancerId()) || recipientId.equals(order.clientId()));
                yield "Commande freelance « " + order.service().title() + " »";
            }
        };
    }

    private static void requireParty(boolean party) {
        if (!party) {
            throw new InvalidFieldException("recipient_id", "The recipient is not a party to this subject");
        }
    }
}
