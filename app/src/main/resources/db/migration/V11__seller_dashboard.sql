-- The sellers' dashboard (API.md §9), kept by the dashboard projection so that no request ever
-- reads a seller's orders: a seller's figures are one row, its days one row each, its products one
-- row each. The figures rows only move by the changes of the per-order, per-product and per-reel
-- rows below, which keep each aggregate's state and the position of its newest event folded.

CREATE TABLE dashboard_sellers (
    seller_id             UUID PRIMARY KEY,
    products_total        BIGINT         NOT NULL DEFAULT 0,
    products_active       BIGINT         NOT NULL DEFAULT 0,
    products_out_of_stock BIGINT         NOT NULL DEFAULT 0,
    orders_total          BIGINT         NOT NULL DEFAULT 0,
    orders_pending        BIGINT         NOT NULL DEFAULT 0,
    paid_orders           BIGINT         NOT NULL DEFAULT 0,
    revenue               NUMERIC(18, 2) NOT NULL DEFAULT 0,
    reels_total           BIGINT         NOT NULL DEFAULT 0,
    reel_views            BIGINT         NOT NULL DEFAULT 0
);

-- Per Africa/Algiers day: revenue of the orders paid that day (and not returned since), orders placed.
CREATE TABLE dashboard_seller_days (
    seller_id   UUID           NOT NULL,
    day         DATE           NOT NULL,
    revenue     NUMERIC(18, 2) NOT NULL DEFAULT 0,
    paid_orders BIGINT         NOT NULL DEFAULT 0,
    order_count BIGINT         NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, day)
);

-- Per product: its state as the product's events left it (listed once its creation is folded) and
-- its sales, which order events add up and may reach before the creation does.
CREATE TABLE dashboard_products (
    product_id    UUID PRIMARY KEY,
    seller_id     UUID           NOT NULL,
    name          TEXT           NOT NULL,
    listed        BOOLEAN        NOT NULL DEFAULT FALSE,
    deleted       BOOLEAN        NOT NULL DEFAULT FALSE,
    stock         INTEGER        NOT NULL DEFAULT 0,
    sold_quantity BIGINT         NOT NULL DEFAULT 0,
    revenue       NUMERIC(18, 2) NOT NULL DEFAULT 0,
    position      BIGINT         NOT NULL DEFAULT -1
);
CREATE INDEX dashboard_products_top_idx ON dashboard_products (seller_id, revenue DESC, product_id);

-- Per order: what its figures depend on; items are [{productId, productName, quantity, subtotal}].
CREATE TABLE dashboard_orders (
    order_id  UUID PRIMARY KEY,
    seller_id UUID           NOT NULL,
    status    TEXT           NOT NULL,
    paid      BOOLEAN        NOT NULL DEFAULT FALSE,
    amount    NUMERIC(16, 2) NOT NULL DEFAULT 0,
    paid_day  DATE,
    items     JSONB          NOT NULL,
    position  BIGINT         NOT NULL
);

CREATE TABLE dashboard_reels (
    reel_id   UUID PRIMARY KEY,
    seller_id UUID    NOT NULL,
    deleted   BOOLEAN NOT NULL DEFAULT FALSE,
    views     BIGINT  NOT NULL DEFAULT 0,
    position  BIGINT  NOT NULL
);
