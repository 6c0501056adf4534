#!/usr/bin/env bash
# A checkout with `Prefer: wait=10` (issue 14): how soon the shopper hears "paid", how many
# times the storefront asked orders for it, and how many spans its trace has. A fresh stack,
# three minutes of checkouts at 20/s (the JIT's warm-up; no Prefer), 30 s for their payments
# to settle, then COUNT checkouts with `Prefer: wait=10`, one every 200 ms, each its own curl.
#
#   bench/prefer-wait.sh            COUNT=150
# Run it in another checkout (git worktree) to compare two builds; each builds what it misses.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

count=${COUNT:-150}
out="$results/prefer-wait"
mkdir -p "$out"
trap 'stack_down; put_trained_aot_caches_back' EXIT

set_trained_aot_caches_aside
BOOKSTORE_AOT_TRAINING=off stack_up --fresh > "$out/up.log" 2>&1
bookstore load checkout --rates 20,20,20 --duration 60s --warmup 0s --kafka none --metrics-url none > "$out/warm-up.txt" 2>&1
sleep 30
token=$(bookstore token --tenant acme)
for i in $(seq 1 "$count"); do
    curl -s -o "$out/body.$i" -w "%{http_code} %{time_total}\n" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -H 'Prefer: wait=10' \
        -d '{"items":[{"isbn":"978-0-13-468599-1","qty":1}],"payment_method":"pm_card_visa"}' \
        localhost:8080/api/v2/checkout > "$out/answer.$i" &
    sleep 0.2
done
wait
sleep 5 # the last spans reach the devstack's receiver
stack_down
python3 - "$out" "$stack_dir/spans.jsonl" "$count" <<'PY' | tee "$out/summary.txt"
import collections, json, statistics, sys

out, spans_file, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
answers = {}
for i in range(1, count + 1):
    status, seconds = open(f"{out}/answer.{i}").read().split()
    trace = json.load(open(f"{out}/body.{i}")).get("trace_id") if status in ("200", "202") else None
    answers[i] = (status, float(seconds) * 1000, trace)
traces = {trace for _, _, trace in answers.values() if trace}
spans, asks = collections.Counter(), collections.Counter()
for line in open(spans_file):
    span = json.loads(line)
    if span["traceId"] in traces:
        spans[span["traceId"]] += 1
        if span["service"] == "orders" and span["kind"] == 2 and span["name"] == "GET /orders/{id}":
            asks[span["traceId"]] += 1
paid = sorted(ms for status, ms, _ in answers.values() if status == "200")
print("answers by status:", dict(collections.Counter(status for status, _, _ in answers.values())))
print("answered 200 (final): p50 %.0f ms, p90 %.0f ms" % (statistics.median(paid), paid[int(len(paid) * 0.9)]))
print("spans per checkout trace: median %s, max %s" % (statistics.median(spans[t] for t in traces), max(spans[t] for t in traces)))
print("orders' GET /orders/{id} per checkout: mean %.2f, max %s" % (sum(asks[t] for t in traces) / len(traces), max(asks[t] for t in traces)))
PY
