-- One payment per order. The order id is the key here and the Idempotency-Key at the PSP,
-- so neither a replayed event nor a retried call can make a second charge.
CREATE TABLE payments (
    order_id               UUID        PRIMARY KEY,
    tenant                 TEXT        NOT NULL,
    amount_cents           BIGINT      NOT NULL CHECK (amount_cents >= 0),
    currency               CHAR(3)     NOT NULL,
    payment_method         TEXT        NOT NULL,
    -- creating: no intent known yet; processing: the PSP has the intent, its outcome is
    -- awaited (webhook or polling); succeeded and failed are final.
    status                 TEXT        NOT NULL CHECK (status IN ('creating', 'processing', 'succeeded', 'failed')),
    intent_id              TEXT        UNIQUE,
    decline_code           TEXT,
    -- Every propagator key of the consumer span that registered the payment: sent to the
    -- PSP as intent metadata, so that webhooks and the settler continue the checkout trace.
    trace_context          JSONB       NOT NULL DEFAULT '{}',
    -- The settler's bookkeeping: tries of the current step, when it is due again (pushed
    -- forward while a replica holds the row: the lease), and why the last try failed.
    attempts               INT         NOT NULL DEFAULT 0,
    next_attempt_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error             TEXT,
    -- The order status PATCHed to orders once it answered 200; NULL until then.
    order_status_reported  TEXT        CHECK (order_status_reported IN ('paid', 'payment_failed')),
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What the settler claims: payments without an outcome, and outcomes orders has not heard of.
CREATE INDEX payments_due ON payments (next_attempt_at)
    WHERE status IN ('creating', 'processing') OR order_status_reported IS NULL;

-- The last line of defence for "an outcome never changes": whatever the code does, a final
-- status and a known intent id stay as they are.
CREATE FUNCTION payments_keep_outcome() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN ('succeeded', 'failed') AND NEW.status <> OLD.status THEN
        RAISE EXCEPTION 'payment of order % is % and cannot become %', OLD.order_id, OLD.status, NEW.status;
    END IF;
    IF OLD.intent_id IS NOT NULL AND NEW.intent_id IS DISTINCT FROM OLD.intent_id THEN
        RAISE EXCEPTION 'payment of order % has intent % and cannot take %', OLD.order_id, OLD.intent_id, NEW.intent_id;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER payments_keep_outcome BEFORE UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_keep_outcome();

-- Order events already handled, by ce_id: a redelivered record changes nothing.
CREATE TABLE processed_events (
    event_id      UUID        PRIMARY KEY,
    event_type    TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
