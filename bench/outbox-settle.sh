#!/usr/bin/env bash
# The settle statement's database cost per 100-row batch: the plain DELETE the relay ran before
# issue 13, and the move to outbox_published it runs now (one statement either way). 1000
# batches over 100 000 synthetic rows in a scratch database of the local PostgreSQL, dropped after;
# one transaction for all, so commit and fsync are left out (they are the same for both).
#
#   bench/outbox-settle.sh
set -e
DB=replay_bench_$$
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null
trap 'psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $DB" >/dev/null' EXIT
M=$(dirname "${BASH_SOURCE[0]}")/../orders/src/main/resources/db/migration
psql -q -h 127.0.0.1 -U postgres -d "$DB" -f "$M"/V2__outbox.sql -f "$M"/V3__outbox_replay.sql >/dev/null
fill="INSERT INTO outbox (event_id, aggregate_id, version, event_type, tenant, payload, trace_context, occurred_at, claimed_by)
      SELECT gen_random_uuid(), gen_random_uuid(), 1, 'order.created', 'acme',
             jsonb_build_object('order_id', g, 'lines', jsonb_build_array(jsonb_build_object('isbn','978-0-13-468599-1','qty',1,'unit_price_cents',4999)), 'total_cents', 4999),
             '{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}', now(), 'r1'
        FROM generate_series(1, 100000) g;"
run() { # $1 = label, $2 = statement with :lo
  psql -q -h 127.0.0.1 -U postgres -d $DB -c "TRUNCATE outbox, outbox_published; ALTER SEQUENCE outbox_id_seq RESTART; $fill" -c "VACUUM ANALYZE outbox" >/dev/null
  printf '%s ' "$1"
  psql -qAt -h 127.0.0.1 -U postgres -d $DB <<SQL
\set QUIET on
DO \$\$
DECLARE t0 timestamptz := clock_timestamp(); lo bigint;
BEGIN
  FOR i IN 0..999 LOOP
    lo := i * 100 + 1;
    EXECUTE format('$2', lo, lo + 99);
  END LOOP;
  RAISE NOTICE '% ms per 100-row batch', round(extract(epoch FROM clock_timestamp() - t0) * 1000 / 1000, 3);
END \$\$;
SQL
}
run "delete:" "DELETE FROM outbox WHERE id BETWEEN %s AND %s AND claimed_by = ''r1''"
run "move:  " "WITH gone AS (DELETE FROM outbox WHERE id BETWEEN %s AND %s AND claimed_by = ''r1'' RETURNING *) INSERT INTO outbox_published (id, event_id, aggregate_id, version, event_type, tenant, payload, trace_context, occurred_at, created_at) SELECT id, event_id, aggregate_id, version, event_type, tenant, payload, trace_context, occurred_at, created_at FROM gone ON CONFLICT (event_id) DO UPDATE SET published_at = EXCLUDED.published_at"
