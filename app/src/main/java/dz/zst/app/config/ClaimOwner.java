package dz.zst.app.config;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * The name this node signs its segment claims with in the token store ({@code tokenentry.owner}):
 * {@code zst.node-id} when set, else Axon's default (pid@host) made unique with a random suffix.
 * Axon's default alone is shared by two nodes in one JVM (the two-node tests) or by containers that
 * all run as pid 1 on same-named hosts; such nodes each believe they hold every claim and all of them
 * process every event, which idempotent projections hide and pushes do not (each push sent once per
 * node). Health reads it to tell its own claims from other nodes'.
 */
public record ClaimOwner(String name) {

    public static ClaimOwner of(String configured) {
        return new ClaimOwner(configured == null || configured.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                : configured);
    }
}
