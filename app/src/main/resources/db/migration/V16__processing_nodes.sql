-- The nodes that fold events (config/ProcessingNodes): each writes seen_at every second from when its
-- processors run until its graceful stop deletes the row. Those seen within the token store's claim
-- timeout share the processors' segments (config/SegmentShares); a killed node's row is left to age
-- out as its claims do. Not a read model, nothing replays it.
CREATE TABLE processing_nodes (
    owner   TEXT        PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL
);
