-- The order events (ce_id) this service has applied. A consumer inserts the event id in
-- the same transaction as the reservation change it makes, so a redelivered record finds
-- its id here and changes nothing twice.
CREATE TABLE processed_events (
    event_id      UUID        PRIMARY KEY,
    event_type    TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
