package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import dz.zst.domain.b2b.B2BCommands.CreateB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.OfferTerms;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.AuditMetadata;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Axon's deadlines are db-scheduler rows in PostgreSQL, plain JSON, and the automatic end they
 * trigger is the platform's act. Without a db-scheduler Scheduler bean Axon 4.13.0 silently keeps
 * deadlines in memory (lost on a restart); with its default tasks a row is Java-serialized.
 */
class DbSchedulerDeadlinesApiTest extends ApiTestBase {

    @Autowired
    org.axonframework.config.Configuration axon;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcClient jdbc;

    @Test
    void axonsDeadlinesAreKeptByDbSchedulerNotInMemory() {
        assertThat(axon.deadlineManager()).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void anOffersEndIsAJsonRowThatClosesTheOfferOnTimeWithoutTheSellerAsItsActor() throws Exception {
        B2BOfferId offerId = B2BOfferId.random();
        Actor importer = new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.IMPORTATEUR);
        Instant now = Instant.now();
        Instant end = now.plusSeconds(3);
        OfferTerms terms = new OfferTerms("Lot", null, List.of(), List.of(), BigDecimal.TEN, 1, 5,
                OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null, end);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new CreateB2BOfferCommand(offerId, importer, terms, now))
                .andMetaData(Map.of(AuditMetadata.ACTOR_ID, importer.userId().toString(),
                        AuditMetadata.ACTOR_ROLE, "seller")));

        List<byte[]> rows = jdbc.sql("SELECT task_data FROM scheduled_tasks WHERE convert_from(task_data, 'UTF8') "
                        + "LIKE ?").param("%" + offerId + "%").query(byte[].class).list();
        assertThat(rows).hasSize(1);
        String row = new String(rows.get(0), StandardCharsets.UTF_8);
        assertThat(row).startsWith("{").contains("\"deadlineName\":\"b2b-offer-end\"").doesNotContain("actorId");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> types;
        do {
            Thread.sleep(200);
            types = jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                    + "ORDER BY sequencenumber").param(offerId.toString()).query(String.class).list();
        } while (types.size() < 2 && Instant.now().isBefore(deadline));
        assertThat(types).containsExactly("dz.zst.domain.b2b.B2BEvents$B2BOfferCreatedEvent",
                "dz.zst.domain.b2b.B2BEvents$B2BOfferExpiredEvent");
        String expiredMetadata = new String(jdbc.sql("SELECT metadata FROM domainevententry WHERE "
                        + "aggregateidentifier = ? AND sequencenumber = 1").param(offerId.toString())
                .query(byte[].class).single(), StandardCharsets.UTF_8);
        assertThat(expiredMetadata).doesNotContain(importer.userId().toString());
        Instant closedAt = jdbc.sql("SELECT timestamp FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 1").param(offerId.toString()).query(String.class).optional()
                .map(Instant::parse).orElseThrow();
        assertThat(closedAt).isBetween(end, end.plusSeconds(5));
    }
}
