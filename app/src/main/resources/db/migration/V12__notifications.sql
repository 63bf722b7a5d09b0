-- Notifications read model (API.md §10), folded by the "notifications" processing group from the
-- order and B2B offer events. A notification's id derives from the event's identifier, its kind and
-- its recipient, so one fact notifies one recipient once: a redelivery or a replay inserts the
-- same id and finds it there (ON CONFLICT DO NOTHING). position is the event's global index.
CREATE TABLE notifications (
    id         UUID        PRIMARY KEY,
    user_id    UUID        NOT NULL,
    type       TEXT        NOT NULL,
    title      TEXT        NOT NULL,
    message    TEXT        NOT NULL,
    data       JSONB       NOT NULL,
    event_id   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    position   BIGINT      NOT NULL
);

-- A user's list, newest first (a fact's notifications share created_at; then the event's order).
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, position DESC, id);

-- What the order events after the placement do not carry (who bought, the order's number), kept
-- by the same group from OrderPlacedEvent so that a replay needs no other read model.
CREATE TABLE notification_orders (
    id           UUID   PRIMARY KEY,
    order_number TEXT   NOT NULL,
    buyer_id     UUID,
    seller_id    UUID   NOT NULL,
    position     BIGINT NOT NULL
);

-- The offer's title for the B2B messages, from B2BOfferCreatedEvent.
CREATE TABLE notification_offers (
    id        UUID   PRIMARY KEY,
    seller_id UUID   NOT NULL,
    title     TEXT   NOT NULL,
    position  BIGINT NOT NULL
);

-- Read state is the user's own data, not folded from events: the replay truncates the three tables
-- above and never this one, and the rebuilt notifications come back under the same ids, so what a
-- user has read stays read. Written by the query side's read routes only.
CREATE TABLE notification_reads (
    notification_id UUID        PRIMARY KEY,
    user_id         UUID        NOT NULL,
    read_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_reads_user_idx ON notification_reads (user_id);
