-- kit-kafka's ProcessedEventsPruner deletes the event ids older than the dedup retention
-- (bookstore.consumer.dedup-retention) in batches; this index finds them without reading
-- the whole table. Built in the migration's transaction, not CONCURRENTLY: Flyway holds a
-- transaction open for its lock, which a concurrent build waits for without end. Rows are
-- small, so even a table grown for months builds in seconds, during which other replicas'
-- consumers wait to insert.
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
