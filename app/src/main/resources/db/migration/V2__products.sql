-- Product read model (processing group "products"). Filter and sort columns are plain columns;
-- the descriptive rest is jsonb in the shape of the domain records. position is the global
-- event-store index of the last event folded into the row (idempotent replays, read-your-writes).
CREATE TABLE products (
    id              UUID          PRIMARY KEY,
    slug            TEXT          NOT NULL,
    seller_id       UUID          NOT NULL,
    seller_category TEXT          NOT NULL,
    name            TEXT          NOT NULL,
    brand           TEXT,
    search_text     TEXT          NOT NULL,
    category        TEXT          NOT NULL,
    price           NUMERIC(14,2) NOT NULL,
    stock           INTEGER       NOT NULL,
    in_stock        BOOLEAN       NOT NULL,
    rating          NUMERIC(3,2)  NOT NULL DEFAULT 0,
    viewers_count   INTEGER       NOT NULL DEFAULT 0,
    details         JSONB         NOT NULL,
    images          JSONB         NOT NULL DEFAULT '[]',
    deleted         BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    position        BIGINT        NOT NULL
);

CREATE INDEX products_listing_idx ON products (seller_category, in_stock, created_at DESC) WHERE NOT deleted;
CREATE INDEX products_seller_idx ON products (seller_id, created_at DESC) WHERE NOT deleted;
CREATE INDEX products_category_idx ON products (category) WHERE NOT deleted;
CREATE INDEX products_price_idx ON products (price) WHERE NOT deleted;
CREATE INDEX products_slug_idx ON products (slug);
