package dz.zst.app.support;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only read that can be held open before it reads the database, so a test can have it in
 * flight while the node shuts down. Left out of the OpenAPI document: no client ever calls it.
 */
@Hidden
@RestController
public class TestHeldReadController {

    public static final String PATH = "/api/v1/test-held-reads/";
    public static final Map<String, CountDownLatch> ARRIVALS = new ConcurrentHashMap<>();
    public static final Map<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();

    private final JdbcClient jdbc;

    public TestHeldReadController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(PATH + "{name}")
    public Map<String, Object> read(@PathVariable String name) throws InterruptedException {
        CountDownLatch arrival = ARRIVALS.get(name);
        if (arrival != null) {
            arrival.countDown();
        }
        CountDownLatch hold = HOLDS.get(name);
        if (hold != null) {
            hold.await(30, TimeUnit.SECONDS);
        }
        return Map.of("events", jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single());
    }
}
