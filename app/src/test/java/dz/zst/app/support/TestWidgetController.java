package dz.zst.app.support;

import dz.zst.app.config.AxonConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only "create" route, so the cross-cutting web behaviour (error shape, idempotency, rate
 * limits) is exercised through a real controller without depending on any business module. It
 * counts what it created, can fail on demand and can be held open to make requests overlap.
 */
@RestController
@Tag(name = "test widgets", description = "Test-only routes for the cross-cutting web behaviour")
public class TestWidgetController {

    public static final String PATH = "/api/v1/test-widgets";
    public static final String ASYNC_PATH = "/api/v1/test-widgets/async";
    public static final Map<String, Integer> CREATED = new ConcurrentHashMap<>();
    public static final Map<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();
    public static final Map<String, CountDownLatch> ARRIVALS = new ConcurrentHashMap<>();

    public record NewWidget(String name) {
    }

    public record Widget(String id, String name, String requestId, String idempotencyKey) {
    }

    /** Sent through the real command gateway, so the widget shows the metadata the command carried. */
    public record CreateTestWidget(String name) {
    }

    @Component
    public static class TestWidgetHandler {
        @CommandHandler
        public Map<String, Object> handle(CreateTestWidget command, MetaData metaData) {
            return Map.copyOf(metaData);
        }
    }

    private final CommandGateway commands;

    public TestWidgetController(CommandGateway commands) {
        this.commands = commands;
    }

    /** Answers with the gateway's future, as controllers that don't block a thread do. */
    @PostMapping(path = ASYNC_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a widget, answering with a future")
    @ResponseStatus(HttpStatus.CREATED)
    public CompletableFuture<Widget> createAsync(@RequestBody NewWidget widget) {
        return commands.<Map<String, Object>>send(new CreateTestWidget(widget.name())).thenApply(metaData -> {
            CREATED.merge(widget.name(), 1, Integer::sum);
            return new Widget(UUID.randomUUID().toString(), widget.name(),
                    (String) metaData.get(AxonConfig.REQUEST_ID), (String) metaData.get(AxonConfig.IDEMPOTENCY_KEY));
        });
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a widget")
    @ResponseStatus(HttpStatus.CREATED)
    public Widget create(@RequestBody NewWidget widget) throws InterruptedException {
        CountDownLatch arrival = ARRIVALS.get(widget.name());
        if (arrival != null) {
            arrival.countDown();
        }
        CountDownLatch hold = HOLDS.get(widget.name());
        if (hold != null) {
            hold.await(10, TimeUnit.SECONDS);
        }
        if ("boom".equals(widget.name())) {
            throw new IllegalStateException("simulated failure");
        }
        if ("invalid".equals(widget.name())) {
            throw new IllegalArgumentException("name is invalid");
        }
        Map<String, Object> metaData = commands.sendAndWait(new CreateTestWidget(widget.name()));
        CREATED.merge(widget.name(), 1, Integer::sum);
        return new Widget(UUID.randomUUID().toString(), widget.name(),
                (String) metaData.get(AxonConfig.REQUEST_ID), (String) metaData.get(AxonConfig.IDEMPOTENCY_KEY));
    }
}
