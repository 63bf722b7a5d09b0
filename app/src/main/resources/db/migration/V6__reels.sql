-- Reels read model (processing group "reels"), folded from the events of reels, likes, comments
-- and views. Every table keeps, per row, the global event-store index of the newest event folded
-- (position): older or redelivered events change nothing, and writes wait for it (read-your-writes).
-- The counters of a reel change only when a like, comment or viewer row really changes, so a
-- replay or a redelivery never counts twice.
CREATE TABLE reels (
    id                 UUID             PRIMARY KEY,
    product_id         UUID             NOT NULL,
    seller_id          UUID             NOT NULL,
    caption            TEXT,
    video_url          TEXT             NOT NULL,
    video_storage_path TEXT             NOT NULL,
    thumbnail_url      TEXT,
    duration_seconds   INTEGER,
    file_size_bytes    BIGINT,
    likes_count        BIGINT           NOT NULL DEFAULT 0,
    comments_count     BIGINT           NOT NULL DEFAULT 0,
    views_count        BIGINT           NOT NULL DEFAULT 0,
    -- log2 of the time-decayed engagement (domain-core ReelSort): higher is hotter
    trend_score        DOUBLE PRECISION NOT NULL,
    deleted            BOOLEAN          NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ      NOT NULL,
    updated_at         TIMESTAMPTZ      NOT NULL,
    position           BIGINT           NOT NULL
);

CREATE INDEX reels_recent_idx ON reels (created_at DESC, id DESC) WHERE NOT deleted;
CREATE INDEX reels_trending_idx ON reels (trend_score DESC, id DESC) WHERE NOT deleted;
CREATE INDEX reels_product_idx ON reels (product_id, created_at DESC) WHERE NOT deleted;
CREATE INDEX reels_seller_idx ON reels (seller_id, created_at DESC) WHERE NOT deleted;

-- One row per (reel, user) like stream; liked is false after an unlike.
CREATE TABLE reel_likes (
    id       UUID        PRIMARY KEY,
    reel_id  UUID        NOT NULL,
    user_id  UUID        NOT NULL,
    liked    BOOLEAN     NOT NULL,
    liked_at TIMESTAMPTZ NOT NULL,
    position BIGINT      NOT NULL
);

CREATE INDEX reel_likes_reel_idx ON reel_likes (reel_id, liked_at DESC, id DESC) WHERE liked;
CREATE INDEX reel_likes_user_idx ON reel_likes (user_id, reel_id) WHERE liked;

CREATE TABLE reel_comments (
    id         UUID        PRIMARY KEY,
    reel_id    UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    content    TEXT        NOT NULL,
    deleted    BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    position   BIGINT      NOT NULL
);

CREATE INDEX reel_comments_reel_idx ON reel_comments (reel_id, created_at DESC, id DESC) WHERE NOT deleted;

-- One row per (reel, viewer) view stream: how many times the viewer was counted.
CREATE TABLE reel_viewers (
    id             UUID        PRIMARY KEY,
    reel_id        UUID        NOT NULL,
    views          BIGINT      NOT NULL,
    last_viewed_at TIMESTAMPTZ NOT NULL,
    position       BIGINT      NOT NULL
);
