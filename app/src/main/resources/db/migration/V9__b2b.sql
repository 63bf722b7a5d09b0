-- B2B offers read model (API.md §8), folded by the "b2b" processing group from the events of the
-- B2BOffer aggregate, which owns its responses. position is, per row, the global event-store index
-- of the newest event folded into it: an event that touches an offer and some of its responses
-- guards each row on its own, so a redelivery or a replay changes nothing it already folded.
CREATE TABLE b2b_offers (
    id                 UUID           PRIMARY KEY,
    seller_id          UUID           NOT NULL,
    title              TEXT           NOT NULL,
    description        TEXT,
    images             JSONB          NOT NULL,
    tags               JSONB          NOT NULL,
    base_price         NUMERIC(14, 2) NOT NULL,
    min_quantity       INTEGER        NOT NULL,
    available_quantity INTEGER        NOT NULL,
    offer_type         TEXT           NOT NULL,
    status             TEXT           NOT NULL,
    current_bid        NUMERIC(14, 2),
    highest_bidder_id  UUID,
    starts_at          TIMESTAMPTZ    NOT NULL,
    ends_at            TIMESTAMPTZ,
    target_category    TEXT           NOT NULL,
    responses_count    BIGINT         NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ    NOT NULL,
    updated_at         TIMESTAMPTZ    NOT NULL,
    version            BIGINT         NOT NULL,
    position           BIGINT         NOT NULL
);

-- A seller's list: the offers targeted at its tier in one status, newest first.
CREATE INDEX b2b_offers_target_idx ON b2b_offers (target_category, status, created_at DESC, id);
-- Its own offers (my-offers, and the "plus its own" half of the list).
CREATE INDEX b2b_offers_seller_idx ON b2b_offers (seller_id, created_at DESC, id);
-- An admin's list by status.
CREATE INDEX b2b_offers_status_idx ON b2b_offers (status, created_at DESC, id);

CREATE TABLE b2b_responses (
    id            UUID           PRIMARY KEY,
    offer_id      UUID           NOT NULL,
    buyer_id      UUID           NOT NULL,
    response_type TEXT           NOT NULL,
    status        TEXT           NOT NULL,
    amount        NUMERIC(14, 2) NOT NULL,
    quantity      INTEGER        NOT NULL,
    message       TEXT,
    created_at    TIMESTAMPTZ    NOT NULL,
    updated_at    TIMESTAMPTZ    NOT NULL,
    position      BIGINT         NOT NULL
);

CREATE INDEX b2b_responses_offer_idx ON b2b_responses (offer_id, created_at DESC, id);
CREATE INDEX b2b_responses_buyer_idx ON b2b_responses (buyer_id, created_at DESC, id);
