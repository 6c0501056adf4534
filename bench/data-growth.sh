#!/usr/bin/env bash
# Cost as data grows (issue 14): checkout latency and CPU per checkout on the stack's empty
# databases, then again after loading what a busy year leaves behind: 1M orders with their
# lines, reservations and payments, 100k more books, 10M deduplication rows across the three
# consumers (inside their retention, so the pruner keeps them) and 5M co-purchase pairs. The
# rows belong to the load's tenants; the load buys the same 100 books on both sides (the first
# by ISBN: the seed's 50 and 50 added before the first measurement), so only the size of the
# tables differs. Each side is measured twice, after the same JIT warm-up.
#
#   bench/data-growth.sh            RATE=20 DURATION=60 ORDERS=1000000 BOOKS=100000 DEDUP=10000000 PAIRS=5000000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rate=${RATE:-20}
duration=${DURATION:-60}
orders=${ORDERS:-1000000}
books=${BOOKS:-100000}
dedup=${DEDUP:-10000000}
pairs=${PAIRS:-5000000}
out="$results/data-growth"
mkdir -p "$out"
trap stack_down EXIT

sql() { # database, psql options; the SQL on stdin
    local database=$1
    shift
    psql -h "${BOOKSTORE_PG_HOST:-127.0.0.1}" -p "${BOOKSTORE_PG_PORT:-5432}" -U "${BOOKSTORE_PG_USER:-postgres}" \
        -d "$database" -v ON_ERROR_STOP=1 -q "$@"
}

# Valid ISBN-13s (the storefront checks the check digit), 979-9-nnnnnn-00-c, sorting after the seed's 978s.
isbn_functions=$(cat <<'SQL'
CREATE FUNCTION pg_temp.check_digit(prefix text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT ((10 - sum(substr(prefix, i, 1)::int * (1 + 2 * ((i + 1) % 2))) % 10) % 10)::text FROM generate_series(1, 12) AS i
$$;
CREATE FUNCTION pg_temp.isbn(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT '979-9-' || lpad(n::text, 6, '0') || '-00-' || pg_temp.check_digit('9799' || lpad(n::text, 6, '0') || '00')
$$;
CREATE FUNCTION pg_temp.isbn_digits(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(pg_temp.isbn(n), '-', '')
$$;
SQL
)

# The load buys the first 100 books by ISBN: the seed's 50 and, on both sides, the first 50 added.
add_books() { # first, last
    sql bookstore_catalog <<SQL
$isbn_functions
INSERT INTO books (isbn, title, author, price_cents, currency, stock)
SELECT pg_temp.isbn(n), 'Grown title ' || n, 'Author ' || (n % 5000), 1000 + n % 4000, 'EUR', 1000000
  FROM generate_series($1, $2) AS n;
SQL
}

measure() { # label
    bookstore load checkout --rate "$rate" --duration 20s --warmup 0s --kafka none --metrics-url none \
        --out "$out/$1-warmup" > "$out/$1-warmup.txt"
    cpu_snapshot > "$out/cpu-before-$1.txt"
    bookstore load checkout --rate "$rate" --duration "${duration}s" --warmup 0s --out "$out/$1" | tee "$out/$1.txt"
    cpu_snapshot > "$out/cpu-after-$1.txt"
    {
        echo "CPU ms per checkout at $rate checkouts/s for ${duration}s, $1 databases:"
        cpu_per_unit "$out/cpu-before-$1.txt" "$out/cpu-after-$1.txt" $((rate * duration))
    } | tee "$out/cpu-per-checkout-$1.txt"
}

stack_up --fresh | tee "$out/up.txt"
add_books 0 49
# JIT warm-up: CPU figures are only comparable after the same warm-up.
bookstore load checkout --rates 15,30 --duration 60s --warmup 5s --kafka none --metrics-url none \
    --out "$out/jit-warmup" > "$out/jit-warmup.txt"
# Twice on each side: the difference between a side's two runs is what the JIT still changed,
# not the data.
measure empty-1
measure empty-2

echo "Loading $orders orders, $books books, $dedup deduplication rows, $pairs co-purchase pairs ..."
start=$(date +%s)
per_consumer=$((dedup / 3))
add_books 50 $((books - 1))
sql bookstore_orders <<SQL
$isbn_functions
INSERT INTO orders (id, tenant, status, currency, total_cents, payment_method, payment_id, idempotency_key,
                    request_hash, version, created_at, updated_at)
SELECT md5('order' || n)::uuid, 'load-' || (n % 3 + 1), CASE WHEN n % 10 = 0 THEN 'payment_failed' ELSE 'paid' END,
       'EUR', 4000 + n % 5000, 'pm_card_visa', 'pi_grown_' || n, 'grown-' || n, md5('body' || n), 3,
       now() - make_interval(secs => n % 31536000), now() - make_interval(secs => n % 31536000)
  FROM generate_series(1, $orders) AS n;
INSERT INTO order_lines (order_id, line_no, isbn, qty, unit_price_cents)
SELECT md5('order' || n)::uuid, line, pg_temp.isbn((n * 7 + line) % $books), 1, 2000
  FROM generate_series(1, $orders) AS n, generate_series(1, 2) AS line;
SQL
sql bookstore_catalog <<SQL
$isbn_functions
INSERT INTO reservations (order_id, tenant, status, created_at, updated_at, ordered_at, release_reason)
SELECT md5('order' || n)::uuid, 'load-' || (n % 3 + 1), CASE WHEN n % 10 = 0 THEN 'released' ELSE 'sold' END, now(), now(),
       now(), CASE WHEN n % 10 = 0 THEN 'payment_failed' END
  FROM generate_series(1, $orders) AS n;
INSERT INTO reservation_lines (order_id, isbn, qty)
SELECT md5('order' || n)::uuid, pg_temp.isbn((n * 7 + line) % $books), 1
  FROM generate_series(1, $orders) AS n, generate_series(1, 2) AS line;
INSERT INTO processed_events (event_id, event_type, processed_at)
SELECT md5('catalog' || n)::uuid, 'order.paid', now() - make_interval(secs => n % 86400)
  FROM generate_series(1, $per_consumer) AS n;
SQL
sql bookstore_payments <<SQL
INSERT INTO payments (order_id, tenant, amount_cents, currency, payment_method, status, intent_id, order_status_reported,
                      deadline)
SELECT md5('order' || n)::uuid, 'load-' || (n % 3 + 1), 4000 + n % 5000, 'EUR', 'pm_card_visa',
       CASE WHEN n % 10 = 0 THEN 'failed' ELSE 'succeeded' END, 'pi_grown_' || n,
       CASE WHEN n % 10 = 0 THEN 'payment_failed' ELSE 'paid' END, now() + interval '23 hours'
  FROM generate_series(1, $orders) AS n;
INSERT INTO processed_events (event_id, event_type, processed_at)
SELECT md5('payments' || n)::uuid, 'order.created', now() - make_interval(secs => n % 86400)
  FROM generate_series(1, $per_consumer) AS n;
SQL
sql bookstore_recommendations <<SQL
$isbn_functions
INSERT INTO popularity (tenant, isbn, copies_sold, orders_count)
SELECT 'load-' || t, pg_temp.isbn_digits(n), 1 + n % 50, 1 + n % 50
  FROM generate_series(1, 3) AS t, generate_series(0, $books - 1) AS n
ON CONFLICT DO NOTHING;
INSERT INTO co_purchases (tenant, isbn, other_isbn, orders_count)
SELECT 'load-' || (n % 3 + 1), pg_temp.isbn_digits(n % $books),
       pg_temp.isbn_digits((n / $books + 1 + n % $books) % $books), 1 + n % 7
  FROM generate_series(0, $pairs - 1) AS n
ON CONFLICT DO NOTHING;
INSERT INTO processed_events (event_id, event_type, processed_at)
SELECT md5('recommendations' || n)::uuid, 'order.paid', now() - make_interval(secs => n % 86400)
  FROM generate_series(1, $per_consumer) AS n;
SQL
for database in bookstore_orders bookstore_catalog bookstore_payments bookstore_recommendations; do
    echo "VACUUM ANALYZE" | sql "$database"
done
echo "loaded in $(( $(date +%s) - start )) s" | tee "$out/load.txt"
for database in bookstore_orders bookstore_catalog bookstore_payments bookstore_recommendations; do
    echo "SELECT '$database', pg_size_pretty(pg_database_size('$database'))" | sql "$database" -tA
done | tee -a "$out/load.txt"
measure grown-1
measure grown-2

echo "results in $out"
