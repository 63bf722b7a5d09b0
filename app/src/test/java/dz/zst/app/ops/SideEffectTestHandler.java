package dz.zst.app.ops;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** A side-effect group (like realtime pushes): it must never be replayed, so ops answers 409. */
@Component
@ProcessingGroup(SideEffectTestHandler.GROUP)
@DisallowReplay
public class SideEffectTestHandler {

    public static final String GROUP = "ops-test-side-effects";

    @EventHandler
    void on(LedgerTestProjection.LedgerEntryRecorded event) {
        // Deliberately nothing: only the group's replay policy matters to the tests.
    }
}
