package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The platform's event store reads through the paced engine, and the paced engine is the JDBC one. */
class PacedTailReadsApiTest extends ApiTestBase {

    @Autowired
    EventStorageEngine engine;

    @Test
    void theEventStorageEngineIsTheJdbcOneWithItsStreamReadsPaced() {
        assertThat(engine).isInstanceOf(PacedTailReads.class);
        assertThat(((PacedTailReads) engine).delegate()).isInstanceOf(JdbcEventStorageEngine.class);
    }
}
