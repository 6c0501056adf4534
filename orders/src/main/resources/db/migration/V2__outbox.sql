-- The transactional outbox. orders inserts a row in the same transaction as the order
-- change; outbox-publisher claims rows with a lease, produces them to Kafka and deletes
-- them once acknowledged. Only what a row holds is published.
CREATE TABLE outbox (
    id               BIGSERIAL   PRIMARY KEY,
    event_id         UUID        NOT NULL UNIQUE,          -- ce_id: the consumers' deduplication key
    aggregate_id     UUID        NOT NULL,                 -- the order id: Kafka key and ce_subject
    version          BIGINT      NOT NULL,                 -- the order's version after the change
    event_type       TEXT        NOT NULL,                 -- ce_type
    tenant           TEXT        NOT NULL,                 -- ce_tenant
    payload          JSONB       NOT NULL,                 -- the record value
    trace_context    JSONB       NOT NULL DEFAULT '{}',    -- every propagator key of the writer's context
    occurred_at      TIMESTAMPTZ NOT NULL,                 -- ce_time
    created_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- The relay's bookkeeping: the lease of the replica working on the row, and the
    -- back-off of a row whose last attempt failed for a passing reason.
    claimed_by       TEXT,
    claim_until      TIMESTAMPTZ,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    last_error       TEXT,
    CONSTRAINT outbox_aggregate_version_unique UNIQUE (aggregate_id, version)
);

-- A row that can never be sent: kept whole for a person to inspect and replay.
CREATE TABLE outbox_dead (
    id               BIGINT      PRIMARY KEY,
    event_id         UUID        NOT NULL UNIQUE,
    aggregate_id     UUID        NOT NULL,
    version          BIGINT      NOT NULL,
    event_type       TEXT        NOT NULL,
    tenant           TEXT        NOT NULL,
    payload          JSONB       NOT NULL,
    trace_context    JSONB       NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    attempts         INT         NOT NULL,
    error            TEXT        NOT NULL,
    dead_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
