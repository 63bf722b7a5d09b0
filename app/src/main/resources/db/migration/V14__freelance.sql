-- Freelance marketplace read model (API.md §10), folded by the "freelance" processing group from the
-- events of the Service, FreelanceOrder and PortfolioItem aggregates. position is, per row, the
-- global event-store index of the newest event of that row's aggregate folded into it, so a
-- redelivery or a replay changes nothing it already folded.
CREATE TABLE freelance_services (
    id                  UUID          PRIMARY KEY,
    slug                TEXT          NOT NULL,
    freelancer_id       UUID          NOT NULL,
    title               TEXT          NOT NULL,
    search_text         TEXT          NOT NULL,
    category            TEXT          NOT NULL,
    price_basic         NUMERIC(14,2) NOT NULL,
    details             JSONB         NOT NULL,
    cover_image_url     TEXT,
    cover_thumbnail_url TEXT,
    video_url           TEXT,
    deleted             BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    position            BIGINT        NOT NULL
);

CREATE INDEX freelance_services_listing_idx ON freelance_services (created_at DESC, id) WHERE NOT deleted;
CREATE INDEX freelance_services_freelancer_idx ON freelance_services (freelancer_id, created_at DESC) WHERE NOT deleted;
CREATE INDEX freelance_services_category_idx ON freelance_services (category) WHERE NOT deleted;
CREATE INDEX freelance_services_slug_idx ON freelance_services (slug);

-- A service's figures, moved by its orders' events (another aggregate, folded by another segment
-- perhaps before the service's own row exists), hence a row of their own, upserted: each order
-- counts once because its own row's insert (or its review's update) says whether the event is new.
CREATE TABLE freelance_service_stats (
    service_id    UUID    PRIMARY KEY,
    orders_count  INTEGER NOT NULL DEFAULT 0,
    reviews_count INTEGER NOT NULL DEFAULT 0,
    rating_sum    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE freelance_orders (
    id                  UUID          PRIMARY KEY,
    service_id          UUID          NOT NULL,
    service_title       TEXT          NOT NULL,
    service_slug        TEXT          NOT NULL,
    client_id           UUID          NOT NULL,
    freelancer_id       UUID          NOT NULL,
    pricing_tier        TEXT          NOT NULL,
    amount              NUMERIC(14,2) NOT NULL,
    status              TEXT          NOT NULL,
    requirements        TEXT,
    freelancer_notes    TEXT,
    due_date            TIMESTAMPTZ   NOT NULL,
    delivered_at        TIMESTAMPTZ,
    completed_at        TIMESTAMPTZ,
    delivery_files      JSONB         NOT NULL DEFAULT '[]',
    delivery_message    TEXT,
    revision_reason     TEXT,
    cancellation_reason TEXT,
    rating              SMALLINT,
    review              TEXT,
    reviewed_at         TIMESTAMPTZ,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    position            BIGINT        NOT NULL
);

CREATE INDEX freelance_orders_client_idx ON freelance_orders (client_id, created_at DESC, id);
CREATE INDEX freelance_orders_freelancer_idx ON freelance_orders (freelancer_id, created_at DESC, id);
CREATE INDEX freelance_orders_reviews_idx ON freelance_orders (service_id, reviewed_at DESC) WHERE rating IS NOT NULL;

CREATE TABLE freelance_portfolio (
    id            UUID        PRIMARY KEY,
    freelancer_id UUID        NOT NULL,
    type          TEXT        NOT NULL,
    media_url     TEXT        NOT NULL,
    thumbnail_url TEXT,
    title         TEXT,
    description   TEXT,
    service_id    UUID,
    display_order INTEGER     NOT NULL,
    removed       BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    position      BIGINT      NOT NULL
);

CREATE INDEX freelance_portfolio_freelancer_idx ON freelance_portfolio (freelancer_id, display_order, created_at)
    WHERE NOT removed;
