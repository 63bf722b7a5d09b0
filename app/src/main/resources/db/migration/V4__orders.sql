-- Orders read model (API.md §6), folded by the "orders" processing group. Items are frozen at
-- checkout, so they live with their order as jsonb. position is the global event-store index of
-- the newest event folded into the row (replay guard and read-your-writes).

CREATE SEQUENCE order_number_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE orders (
    id                UUID PRIMARY KEY,
    order_number      TEXT          NOT NULL UNIQUE,
    checkout_id       TEXT          NOT NULL,
    user_id           UUID,
    seller_id         UUID          NOT NULL,
    customer_name     TEXT          NOT NULL,
    customer_email    TEXT,
    customer_phone    TEXT          NOT NULL,
    phone_key         TEXT          NOT NULL,
    shipping_address  TEXT          NOT NULL,
    customer_wilaya   TEXT          NOT NULL,
    wilaya_code       TEXT          NOT NULL,
    subtotal          NUMERIC(14, 2) NOT NULL,
    shipping_cost     NUMERIC(12, 2) NOT NULL,
    total             NUMERIC(14, 2) NOT NULL,
    status            TEXT          NOT NULL,
    payment_status    TEXT          NOT NULL,
    payment_method    TEXT          NOT NULL,
    delivery_date     TIMESTAMPTZ,
    tracking_number   TEXT,
    notes             TEXT,
    items             JSONB         NOT NULL,
    access_token_hash TEXT,
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    version           BIGINT        NOT NULL,
    position          BIGINT        NOT NULL
);

CREATE INDEX orders_buyer_idx ON orders (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX orders_seller_idx ON orders (seller_id, created_at DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC);
