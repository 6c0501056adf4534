-- processed_events as every consuming service's migration creates it.
CREATE TABLE processed_events (
    event_id      UUID        PRIMARY KEY,
    event_type    TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The test consumer's work: one row per paid order it applied.
CREATE TABLE paid_orders (
    order_id    UUID PRIMARY KEY,
    tenant      TEXT NOT NULL,
    payment_id  TEXT NOT NULL
);
