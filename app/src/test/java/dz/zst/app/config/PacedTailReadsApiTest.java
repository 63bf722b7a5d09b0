package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The platform's event store reads through the paced engine, over the own-positions one, over the JDBC one. */
class PacedTailReadsApiTest extends ApiTestBase {

    @Autowired
    EventStorageEngine engine;

    @Test
    void theEventStorageEngineIsTheJdbcOneWithItsStreamReadsPositionedAndPaced() {
        assertThat(engine).isInstanceOf(PacedTailReads.class);
        EventStorageEngine positioned = ((PacedTailReads) engine).delegate();
        assertThat(positioned).isInstanceOf(OwnEventPositions.class);
        assertThat(((OwnEventPositions) positioned).delegate()).isInstanceOf(JdbcEventStorageEngine.class);
    }
}
