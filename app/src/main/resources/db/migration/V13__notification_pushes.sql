-- Outbox of the mobile pushes (Expo) of the notifications: one row per notification to push, written
-- by the notifications projection in the statement that really created the notification, only for a
-- recipient who had a push token then, and never while the group replays (a rebuilt notification
-- is no news). Not a read model: the group's reset leaves it alone, so a replay never sends again
-- and what was sent stays recorded. The sender of every node claims due pending rows with
-- SELECT … FOR UPDATE SKIP LOCKED and marks them sending (committed) before calling Expo.
--
-- state: pending (due at next_attempt_at) → sending (claimed, in Expo's hands or lost with its
-- node) → sent (ticket_id, waiting for its receipt) → checking (receipt asked) → delivered; or
-- failed (error says why: HTTP 400, a ticket or receipt error such as DeviceNotRegistered).
CREATE TABLE notification_pushes (
    notification_id UUID        PRIMARY KEY,
    user_id         UUID        NOT NULL,
    push_token      TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    data            JSONB       NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'pending',
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ticket_id       TEXT,
    error           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    checked_at      TIMESTAMPTZ
);

CREATE INDEX notification_pushes_due_idx ON notification_pushes (next_attempt_at) WHERE state = 'pending';
-- A sent row's next_attempt_at is when its receipt is due.
CREATE INDEX notification_pushes_receipts_idx ON notification_pushes (next_attempt_at) WHERE state = 'sent';
-- Receipts claimed (checking) by a node that died are claimed again after ten minutes.
CREATE INDEX notification_pushes_checking_idx ON notification_pushes (checked_at) WHERE state = 'checking';
