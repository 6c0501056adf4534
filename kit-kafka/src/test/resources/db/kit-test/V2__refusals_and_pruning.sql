-- What a database refuses for good: PaidOrdersConsumer.REFUSED_BY_DATABASE breaks this rule
-- (SQLSTATE 23514), however often it is tried.
ALTER TABLE paid_orders ADD CONSTRAINT paid_orders_not_refused CHECK (payment_id <> 'refused-by-database');

-- As every consuming service's migration adds it, for ProcessedEventsPruner.
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
