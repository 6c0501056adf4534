#!/usr/bin/env bash
# Database statements and commits per checkout (issue 14). A fresh stack, IDLE seconds without
# load, then RATE checkouts/s for DURATION (far below capacity, so every order settles). Statements
# from the checkouts' traces: for each trace that ran from the storefront's checkout to
# recommendations' order.paid, its PostgreSQL client spans (one per statement the reactive SQL
# client sent; BEGIN and COMMIT have none) by service, and each service's statements by their first
# words. Commits from PostgreSQL's own count per database (pg_stat_database.xact_commit, each
# transaction and each statement run on its own), less the rate of the idle seconds (timers,
# polls), per order made. Counts, not times: the same on a slow machine as on a fast one.
#
#   bench/round-trips.sh            RATE=5 DURATION=30s
# Run it in another checkout (git worktree) to compare two builds; each builds what it misses.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rate=${RATE:-5}
duration=${DURATION:-30s}
idle=${IDLE:-30}
out="$results/round-trips"
mkdir -p "$out"
trap 'stack_down; put_trained_aot_caches_back' EXIT

commits() {
    psql -h 127.0.0.1 -U postgres -AtF ' ' -c "SELECT datname, xact_commit, extract(epoch FROM clock_timestamp())
        FROM pg_stat_database WHERE datname LIKE 'bookstore_%'"
}

set_trained_aot_caches_aside
BOOKSTORE_AOT_TRAINING=off stack_up --fresh > "$out/up.log" 2>&1
commits > "$out/commits.0"
sleep "$idle"
commits > "$out/commits.1"
bookstore load checkout --rate "$rate" --duration "$duration" --warmup 0s --kafka none --metrics-url none > "$out/load.txt" 2>&1
sleep 20 # the last payments settle, and their spans reach the devstack's receiver
commits > "$out/commits.2"
orders=$(psql -h 127.0.0.1 -U postgres -d bookstore_orders -Atc "SELECT count(*) FROM orders")
stack_down
python3 - "$out" "$orders" <<'PY' | tee "$out/commits.txt"
import sys

out, orders = sys.argv[1], int(sys.argv[2])
snap = [{line.split()[0]: (int(line.split()[1]), float(line.split()[2])) for line in open(f"{out}/commits.{i}")} for i in range(3)]
print("orders made: %d" % orders)
total = 0
for db in sorted(snap[0]):
    idle_rate = (snap[1][db][0] - snap[0][db][0]) / (snap[1][db][1] - snap[0][db][1])
    busy = snap[2][db][0] - snap[1][db][0] - idle_rate * (snap[2][db][1] - snap[1][db][1])
    total += busy
    print("  %-26s %5.2f commits per order (idle: %.2f/s)" % (db, busy / orders, idle_rate))
print("  %-26s %5.2f" % ("all", total / orders))
PY
python3 - "$stack_dir/spans.jsonl" <<'PY' | tee "$out/summary.txt"
import collections, json, re, statistics, sys

traces = collections.defaultdict(list)
for line in open(sys.argv[1]):
    span = json.loads(line)
    traces[span["traceId"]].append(span)

def is_statement(span):
    return span["kind"] == 3 and "db.statement" in span["attributes"]

def statement(span):
    text = span["attributes"].get("db.query.text") or span["attributes"].get("db.statement") or span["name"]
    words = re.sub(r"\s+", " ", text).strip().split(" ")
    return " ".join(words[:3])

def complete(spans):
    return (any(s["service"] == "storefront" and s["kind"] == 2 and "checkout" in s["name"] for s in spans)
            and any(s["service"] == "recommendations" and s["kind"] == 5 for s in spans))

checkouts = [spans for spans in traces.values() if complete(spans)]
print("complete checkout traces: %d (of %d traces)" % (len(checkouts), len(traces)))
if not checkouts:
    sys.exit(1)
by_service = collections.defaultdict(list)
statements = collections.defaultdict(collections.Counter)
for spans in checkouts:
    counts = collections.Counter(s["service"] for s in spans if is_statement(s))
    for service in {s["service"] for s in spans}:
        by_service[service].append(counts.get(service, 0))
    for s in spans:
        if is_statement(s):
            statements[s["service"]][statement(s)] += 1
totals = [sum(1 for s in spans if is_statement(s)) for spans in checkouts]
print("statements per checkout trace: median %s, min %s, max %s" % (statistics.median(totals), min(totals), max(totals)))
for service in sorted(by_service):
    print("  %-18s median %4s" % (service, statistics.median(by_service[service])))
for service in sorted(statements):
    print(service)
    for text, count in statements[service].most_common():
        print("  %6.2f  %s" % (count / len(checkouts), text))
PY
