-- A read model being rebuilt by one node of a cluster (ops/ProjectionOps.replay): while its row is
-- current, every other node keeps off the processor's segments (config/ProcessingNodes), so that the
-- replaying node can claim them all, reset their tokens (Axon resets only tokens no other node has
-- claimed) and fold from the start. The replaying node renews the row every heartbeat and deletes it
-- once its processor has caught up; the shares then apply again. Should that node die, the row lapses
-- after ten seconds and the others go on from the replay tokens it left. Not a read model.
CREATE TABLE projection_replays (
    processor TEXT        PRIMARY KEY,
    owner     TEXT        NOT NULL,
    until     TIMESTAMPTZ NOT NULL
);
