-- Carts read model (processing group "carts"). One carts row per cart, keyed by the cart's event
-- stream id (derived from the buyer's user id, see domain-core CartId) with the buyer in user_id;
-- position is the global event-store index of the newest event folded (idempotent replays,
-- read-your-writes). Items keep the position of the event that last wrote them.
CREATE TABLE carts (
    id         UUID        PRIMARY KEY,
    user_id    UUID        NOT NULL UNIQUE,
    position   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE cart_items (
    id         UUID        PRIMARY KEY,
    cart_id    UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    product_id UUID        NOT NULL,
    seller_id  UUID        NOT NULL,
    quantity   INTEGER     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    position   BIGINT      NOT NULL
);

CREATE INDEX cart_items_user_idx ON cart_items (user_id, created_at);
CREATE INDEX cart_items_product_idx ON cart_items (product_id);
