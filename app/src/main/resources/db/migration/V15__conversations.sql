-- Conversations read model (API.md §13), folded by the "messages" processing group from the events
-- of the Conversation aggregate. A conversation's row keeps the sequence (version) and global
-- event-store index (position) of the newest event folded into it; every event first moves that row
-- guarded by its sequence, and changes nothing else when the row had folded it already, so a
-- redelivery or a replay never counts a message twice. Times come from the events.
CREATE TABLE conversations (
    id              UUID        PRIMARY KEY,
    subject_type    TEXT        NOT NULL,
    subject_id      UUID        NOT NULL,
    subject_title   TEXT,
    opened_by       UUID        NOT NULL,
    recipient_id    UUID        NOT NULL,
    last_message_id UUID,
    last_sender_id  UUID,
    last_content    TEXT,
    last_message_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL,
    position        BIGINT      NOT NULL
);

-- Each participant's side of a conversation: its unread count and when it last read, and the
-- conversation's last activity, for a user's list (most recently active first) and unread total.
CREATE TABLE conversation_members (
    conversation_id UUID        NOT NULL,
    user_id         UUID        NOT NULL,
    other_id        UUID        NOT NULL,
    unread_count    INTEGER     NOT NULL DEFAULT 0,
    read_at         TIMESTAMPTZ,
    active_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user_idx ON conversation_members (user_id, active_at DESC, conversation_id);
CREATE INDEX conversation_members_unread_idx ON conversation_members (user_id) WHERE unread_count > 0;

-- sequence is the message's event sequence in its conversation: the order every reader sees, and
-- the before= cursor, which messages arriving later never move.
CREATE TABLE messages (
    id              UUID        PRIMARY KEY,
    conversation_id UUID        NOT NULL,
    sequence        BIGINT      NOT NULL,
    sender_id       UUID        NOT NULL,
    content         TEXT        NOT NULL,
    attachments     JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    read_at         TIMESTAMPTZ,
    position        BIGINT      NOT NULL
);
CREATE UNIQUE INDEX messages_conversation_idx ON messages (conversation_id, sequence DESC);

-- The subject's title of each conversation for the message_new notifications, kept by the
-- notifications group from ConversationOpenedEvent (like notification_offers).
CREATE TABLE notification_conversations (
    id            UUID   PRIMARY KEY,
    subject_type  TEXT   NOT NULL,
    subject_title TEXT,
    position      BIGINT NOT NULL
);
