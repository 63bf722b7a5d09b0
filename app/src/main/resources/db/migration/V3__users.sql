-- Users read model (owned by the "users" projection, rebuilt on replay) and the credentials of
-- development sign-in (API.md §2), which Clerk replaces in production.

CREATE TABLE users (
    id              UUID        PRIMARY KEY,
    clerk_id        TEXT        NOT NULL UNIQUE,
    email           TEXT,
    full_name       TEXT,
    avatar_url      TEXT,
    phone           TEXT,
    wilaya          TEXT,
    bio             TEXT,
    role            TEXT        NOT NULL,
    seller_category TEXT,
    is_verified     BOOLEAN     NOT NULL DEFAULT FALSE,
    is_active       BOOLEAN     NOT NULL DEFAULT TRUE,
    push_token      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL,
    position        BIGINT      NOT NULL
);
CREATE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_role_idx ON users (role, seller_category);

CREATE TABLE dev_credentials (
    email         TEXT        PRIMARY KEY,
    subject       TEXT        NOT NULL UNIQUE,
    password_hash TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
