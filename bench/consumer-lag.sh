#!/usr/bin/env bash
# How late each consumer hears of an order in a fresh stack's first minutes (issues 14, 17): per
# 15 s since the first checkout, the time from outbox-publisher's send of `order.created` to each
# consumer's receive span (the record waits in its partition's lane until then); how many records
# (of every type) payments-gateway's three lanes took in that window, and, of each `order.created`,
# the part of its lane's time up to its payment row's insert (the commit, the intent creation's
# start and the ack follow before the lane takes the next record). From the spans of a fresh stack as a user starts
# it (trained AOT caches if `up` trained them), RATE checkouts/s for DURATION, no warm-up.
#
#   bench/consumer-lag.sh            RATE=20 DURATION=150s
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rate=${RATE:-20}
duration=${DURATION:-150s}
out="$results/consumer-lag"
mkdir -p "$out"
trap stack_down EXIT

stack_up --fresh > "$out/up.log" 2>&1
bookstore load checkout --rate "$rate" --duration "$duration" --warmup 0s --kafka none --metrics-url none > "$out/load.txt" 2>&1
sleep 10 # the backlog drains and the last spans reach the devstack's receiver
stack_down
python3 - "$stack_dir/spans.jsonl" <<'PY' | tee "$out/summary.txt"
import collections, json, statistics, sys

CONSUMER, PRODUCER, WINDOW_S = 5, 4, 15
traces = collections.defaultdict(list)
for line in open(sys.argv[1]):
    span = json.loads(line)
    traces[span["traceId"]].append(span)
first = min(s["startEpochNanos"] for spans in traces.values() for s in spans if s["name"] == "POST /api/v2/checkout")
lags = collections.defaultdict(lambda: collections.defaultdict(list))
lane = collections.defaultdict(list)
taken = collections.Counter()
for spans in traces.values():
    for receive in (s for s in spans if s["kind"] == CONSUMER and s["service"] == "payments-gateway"):
        taken[int((receive["startEpochNanos"] - first) / 1e9 // WINDOW_S)] += 1
    sends = sorted((s for s in spans if s["kind"] == PRODUCER and s["service"] == "outbox-publisher"), key=lambda s: s["startEpochNanos"])
    if not sends:
        continue
    created = sends[0]  # an order's first event is order.created
    window = int((created["endEpochNanos"] - first) / 1e9 // WINDOW_S)
    for receive in (s for s in spans if s["kind"] == CONSUMER and s["parentSpanId"] == created["spanId"]):
        lags[window][receive["service"]].append((receive["startEpochNanos"] - created["endEpochNanos"]) / 1e6)
        if receive["service"] == "payments-gateway":
            inserted = [s["endEpochNanos"] for s in spans if s["service"] == "payments-gateway" and s["name"] == "INSERT payments"
                        and s["startEpochNanos"] >= receive["startEpochNanos"]]
            if inserted:
                lane[window].append((min(inserted) - receive["startEpochNanos"]) / 1e6)
services = sorted({service for by_service in lags.values() for service in by_service})
print("order.created: send -> receive, ms p50 / max, per %d s since the first checkout; payments-gateway's lanes" % WINDOW_S)
print("window  orders  " + "  ".join("%-22s" % service for service in services) + "  payments: records/s taken, receive -> row ms p50")
for window in sorted(lags):
    cells = []
    for service in services:
        values = sorted(lags[window].get(service, []))
        cells.append("%8.0f / %8.0f    " % (statistics.median(values), values[-1]) if values else " " * 22)
    per_record = statistics.median(lane[window]) if lane[window] else float("nan")
    count = max(len(v) for v in lags[window].values())
    print("%4d s  %6d  %s  %6.1f  %6.0f" % (window * WINDOW_S, count, "  ".join(cells), taken[window] / WINDOW_S, per_record))
PY
