package dz.zst.command.orders;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Human-readable order numbers, {@code ZST-YYMMDD-000042}: the date a buyer can read off the
 * number, then a database sequence shared by every node, so numbers are unique without any
 * coordination beyond PostgreSQL. Numbers are written into the order's event, so a replay never
 * draws new ones.
 */
@Component
public class SequenceOrderNumbers implements OrderNumbers {

    private static final ZoneId ALGIERS = ZoneId.of("Africa/Algiers");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final JdbcClient jdbc;
    private final Clock clock;

    public SequenceOrderNumbers(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public List<String> next(int count) {
        // one round trip for a checkout's orders, however many sellers it spans
        List<Long> sequences = jdbc.sql("SELECT nextval('order_number_seq') FROM generate_series(1, ?)")
                .param(count).query(Long.class).list();
        String day = "ZST-" + LocalDate.now(clock.withZone(ALGIERS)).format(DAY) + "-";
        return sequences.stream().map(sequence -> day + String.format("%06d", sequence)).toList();
    }
}
