package dz.zst.command.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageCommands.MarkConversationReadCommand;
import dz.zst.domain.messages.MessageCommands.OpenConversationCommand;
import dz.zst.domain.messages.MessageCommands.Opened;
import dz.zst.domain.messages.MessageCommands.PostMessageCommand;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.messages.Subject;
import dz.zst.domain.messages.SubjectType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private static final Subject PRODUCT = new Subject(SubjectType.PRODUCT, UUID.randomUUID());
    private static final Actor SHOPPER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER,
            SellerCategory.FOURNISSEUR);
    private static final Actor STRANGER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final ConversationId ID = ConversationId.between(PRODUCT, SHOPPER.userId(), SELLER.userId());
    private static final MessageId M1 = MessageId.random();
    private static final MessageId M2 = MessageId.random();
    private static final MessageId M3 = MessageId.random();
    private static final ConversationOpenedEvent OPENED =
            new ConversationOpenedEvent(ID, PRODUCT, "Parfum", SHOPPER.userId(), SELLER.userId(), M1, "Un", List.of());

    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
    }

    private static OpenConversationCommand open(Actor sender, Actor recipient, MessageId message, String content,
                                                Instant at) {
        return new OpenConversationCommand(ConversationId.between(PRODUCT, sender.userId(), recipient.userId()),
                PRODUCT, "Parfum", sender, recipient.userId(), message, content, List.of(), at);
    }

    private static MessagePostedEvent posted(MessageId message, Actor sender, Actor recipient, String content,
                                             MessageId unreadSince, boolean reading) {
        return new MessagePostedEvent(ID, message, sender.userId(), recipient.userId(), content, List.of(),
                unreadSince, reading);
    }

    @Test
    void theIdIsTheSameForEitherOrderOfTheParticipantsAndDiffersPerSubject() {
        assertThat(ConversationId.between(PRODUCT, SELLER.userId(), SHOPPER.userId())).isEqualTo(ID);
        assertThat(ConversationId.between(new Subject(SubjectType.ORDER, PRODUCT.id()), SHOPPER.userId(),
                SELLER.userId())).isNotEqualTo(ID);
        assertThat(ConversationId.between(PRODUCT, SHOPPER.userId(), STRANGER.userId())).isNotEqualTo(ID);
    }

    @Test
    void openingCreatesTheConversationWithItsFirstMessageTrimmed() {
        fixture.givenNoPriorActivity()
                .when(open(SHOPPER, SELLER, M1, "  Bonjour, il est original ?  ", T0))
                .expectEvents(new ConversationOpenedEvent(ID, PRODUCT, "Parfum", SHOPPER.userId(), SELLER.userId(),
                        M1, "Bonjour, il est original ?", List.of()))
                .expectResultMessagePayload(new Opened(true));
    }

    @Test
    void openingAnExistingConversationFromEitherSideReusesIt() {
        fixture.given(OPENED)
                .when(open(SELLER, SHOPPER, M2, "Oui", T0.plusSeconds(5)))
                .expectEvents(posted(M2, SELLER, SHOPPER, "Oui", M2, false))
                .expectResultMessagePayload(new Opened(false));
    }

    @Test
    void nobodyTalksToItself() {
        fixture.givenNoPriorActivity()
                .when(new OpenConversationCommand(ConversationId.between(PRODUCT, SELLER.userId(), SELLER.userId()),
                        PRODUCT, "Parfum", SELLER, SELLER.userId(), M1, "Moi", List.of(), T0))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("You cannot start a conversation with yourself")
                .expectNoEvents();
    }

    @Test
    void contentIsOneToTwoThousandCharactersAfterTrimming() {
        fixture.givenNoPriorActivity()
                .when(open(SHOPPER, SELLER, M1, "   \n ", T0))
                .expectException(InvalidFieldException.class).expectExceptionMessage("message must not be blank")
                .expectNoEvents();
        fixture.given(OPENED)
                .when(new PostMessageCommand(ID, M2, SHOPPER, "x".repeat(2001), List.of(), T0))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("content must be at most 2000 characters")
                .expectNoEvents();
        fixture.given(OPENED)
                .when(new PostMessageCommand(ID, M2, SHOPPER, " " + "x".repeat(2000) + " ", List.of(), T0))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void attachmentsNeedAUrlANameAndAKnownType() {
        fixture.given(OPENED)
                .when(new PostMessageCommand(ID, M2, SHOPPER, "Photo", List.of(new Attachment("https://x/y.png",
                        "y.png", "video")), T0))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("attachments[0].type must be one of image, file")
                .expectNoEvents();
    }

    @Test
    void aStrangerCannotPostNorReadAndLearnsNothing() {
        fixture.given(OPENED)
                .when(new PostMessageCommand(ID, M2, STRANGER, "Hé", List.of(), T0))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(OPENED)
                .when(new MarkConversationReadCommand(ID, STRANGER, T0))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void anUnreadRunKeepsItsFirstMessageUntilTheRecipientReads() {
        fixture.given(OPENED)
                .when(new PostMessageCommand(ID, M2, SHOPPER, "Deux", List.of(), T0.plusSeconds(60)))
                .expectEvents(posted(M2, SHOPPER, SELLER, "Deux", M1, false));
        fixture.given(OPENED,
                        new ConversationReadEvent(ID, SELLER.userId(), SHOPPER.userId(), T0.plusSeconds(1)))
                .when(new PostMessageCommand(ID, M3, SHOPPER, "Trois", List.of(), T0.plusSeconds(60)))
                .expectEvents(posted(M3, SHOPPER, SELLER, "Trois", M3, false));
    }

    @Test
    void aRecipientWhoReadWithinTheWindowHasTheConversationOpen() {
        fixture.given(OPENED,
                        new ConversationReadEvent(ID, SELLER.userId(), SHOPPER.userId(), T0))
                .when(new PostMessageCommand(ID, M2, SHOPPER, "Deux", List.of(), T0.plusSeconds(10)))
                .expectEvents(posted(M2, SHOPPER, SELLER, "Deux", M2, true));
        fixture.given(OPENED,
                        new ConversationReadEvent(ID, SELLER.userId(), SHOPPER.userId(), T0))
                .when(new PostMessageCommand(ID, M2, SHOPPER, "Deux", List.of(), T0.plusSeconds(11)))
                .expectEvents(posted(M2, SHOPPER, SELLER, "Deux", M2, false));
    }

    @Test
    void readingMarksTheOthersMessagesAndIsRecordedWithTheReader() {
        fixture.given(OPENED)
                .when(new MarkConversationReadCommand(ID, SELLER, T0.plusSeconds(3)))
                .expectEvents(new ConversationReadEvent(ID, SELLER.userId(), SHOPPER.userId(), T0.plusSeconds(3)))
                .expectResultMessagePayload(T0.plusSeconds(3));
    }

    @Test
    void readingWithNothingNewIsRecordedAtMostOnceASecond() {
        fixture.given(OPENED,
                        new ConversationReadEvent(ID, SELLER.userId(), SHOPPER.userId(), T0))
                .when(new MarkConversationReadCommand(ID, SELLER, T0.plusMillis(500)))
                .expectNoEvents()
                .expectResultMessagePayload(T0);
        fixture.given(OPENED,
                        new ConversationReadEvent(ID, SELLER.userId(), SHOPPER.userId(), T0))
                .when(new MarkConversationReadCommand(ID, SELLER, T0.plusSeconds(1)))
                .expectEvents(new ConversationReadEvent(ID, SELLER.userId(), SHOPPER.userId(), T0.plusSeconds(1)));
    }
}
