-- Orders and their lines. The version column increases with every state change and
-- orders the order's outbox events.
CREATE TABLE orders (
    id               UUID        PRIMARY KEY,
    tenant           TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('pending_payment', 'paid', 'payment_failed')),
    currency         CHAR(3)     NOT NULL,
    total_cents      BIGINT      NOT NULL CHECK (total_cents >= 0),
    payment_method   TEXT        NOT NULL,
    payment_id       TEXT,
    -- Idempotency: the key a client sent and a hash of its request body, so that a
    -- replay returns this order and a different body under the same key is refused.
    idempotency_key  TEXT,
    request_hash     TEXT,
    version          BIGINT      NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT orders_idempotency_key_unique UNIQUE (tenant, idempotency_key)
);

CREATE TABLE order_lines (
    order_id          UUID    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no           INT     NOT NULL,
    isbn              TEXT    NOT NULL,
    qty               INT     NOT NULL CHECK (qty BETWEEN 1 AND 100),
    unit_price_cents  BIGINT  NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, line_no)
);
