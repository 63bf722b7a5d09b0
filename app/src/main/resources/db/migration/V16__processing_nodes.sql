-- The nodes that fold events (config/ProcessingNodes): each writes seen_at every second from when its
-- processors run until its graceful stop deletes the row, and holds a session-level advisory lock
-- (pg_advisory_lock(5395284, lock_key)) on a connection of its own for as long as it lives. Those seen
-- within the token store's claim timeout share the processors' segments (config/SegmentShares). A
-- node whose lock is gone (its connections closed with its process) and whose row is more than two
-- heartbeats old is dead at once: the others release its claims instead of waiting out the timeout.
-- Not a read model, nothing replays it.
CREATE TABLE processing_nodes (
    owner    TEXT        PRIMARY KEY,
    seen_at  TIMESTAMPTZ NOT NULL,
    lock_key INTEGER     NOT NULL
);
