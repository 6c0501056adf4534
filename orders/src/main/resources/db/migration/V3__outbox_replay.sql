-- What lets outbox-publisher publish again the events a lost order topic took with it
-- (issue 13): a broker that lost its volume comes back with bookstore.orders.v1 empty,
-- and the events Kafka had acknowledged but consumers had not yet read are gone from it.
--
-- outbox-publisher moves each acknowledged row here instead of deleting it (one statement,
-- the same round trip), keeps it for its replay window (bookstore.outbox.replay-window,
-- default 15 minutes) and then prunes it. When it sees the topic under a new topic id, it
-- moves every row still here back into outbox, with its outbox id and event id, so it is
-- published again in per-order version order and consumers drop by ce_id what they had
-- already applied. Consumer lag older than the window does not survive a lost topic.

-- A published event, as the relay needs it to publish it again.
CREATE TABLE outbox_published (
    id               BIGINT      NOT NULL,                 -- its outbox id, taken back on replay
    event_id         UUID        PRIMARY KEY,              -- ce_id
    aggregate_id     UUID        NOT NULL,
    version          BIGINT      NOT NULL,
    event_type       TEXT        NOT NULL,
    tenant           TEXT        NOT NULL,
    payload          JSONB       NOT NULL,
    trace_context    JSONB       NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,                 -- when its outbox row was written
    published_at     TIMESTAMPTZ NOT NULL DEFAULT now()    -- when Kafka acknowledged it; the pruner's clock
);

CREATE INDEX outbox_published_published_at ON outbox_published (published_at);

-- Per topic, the Kafka topic id the relay last saw. A different id means the topic was
-- deleted and created again, also while no relay was running.
CREATE TABLE outbox_topic (
    topic            TEXT        PRIMARY KEY,
    topic_id         TEXT        NOT NULL,                 -- org.apache.kafka.common.Uuid as text
    seen_since       TIMESTAMPTZ NOT NULL DEFAULT now(),   -- when the relay first saw this id
    verified_at      TIMESTAMPTZ NOT NULL DEFAULT now()    -- when a relay last found the topic under it
);
