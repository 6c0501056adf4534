#!/usr/bin/env bash
# CPU of every process of the stack per accepted checkout (issue 14), a few minutes after a fresh
# `up`: WARMUP (three minutes of checkouts at 20, 30, 30/s: the JIT's warm-up, not counted), then
# RUNS runs of DURATION seconds at RATE/s, each with a CPU snapshot of every process before and
# after (bench/lib.sh) and the orders made in between counted in the database (a checkout the
# stack refused as `overloaded` made none and is not counted). The AOT cache training is off, and
# trained caches of an earlier `up` are set aside (bench/lib.sh; BENCH_AOT=trained keeps them), so
# that two builds start alike. Each run also splits every JVM's CPU by thread kind (JIT compiler
# threads, GC, the rest: threads-per-checkout-N.txt).
#
#   bench/cpu-per-checkout.sh            RATE=30 DURATION=30 RUNS=3
# Run it in another checkout (git worktree) to compare two builds; each builds what it misses.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rate=${RATE:-30}
duration=${DURATION:-30}
runs=${RUNS:-3}
out="$results/cpu-per-checkout"
mkdir -p "$out"
trap 'stack_down; put_trained_aot_caches_back' EXIT

orders() {
    psql -h 127.0.0.1 -U postgres -d bookstore_orders -Atc "SELECT count(*) FROM orders"
}

set_trained_aot_caches_aside
BOOKSTORE_AOT_TRAINING=off stack_up --fresh > "$out/up.log" 2>&1
bookstore load checkout --rates 20,30,30 --duration 60s --warmup 0s --kafka none --metrics-url none > "$out/warm-up.txt" 2>&1
for run in $(seq 1 "$runs"); do
    before=$(orders)
    cpu_snapshot > "$out/cpu-before-$run.txt"
    thread_cpu_snapshot > "$out/threads-before-$run.txt"
    bookstore load checkout --rate "$rate" --duration "${duration}s" --warmup 0s --kafka none --metrics-url none \
        > "$out/run-$run.txt" 2>&1
    cpu_snapshot > "$out/cpu-after-$run.txt"
    thread_cpu_snapshot > "$out/threads-after-$run.txt"
    made=$(($(orders) - before))
    {
        echo "run $run: $made of $((rate * duration)) checkouts accepted; CPU ms per accepted checkout:"
        cpu_per_unit "$out/cpu-before-$run.txt" "$out/cpu-after-$run.txt" "$made"
    } | tee "$out/cpu-per-checkout-$run.txt"
    {
        echo "run $run: the JVMs' CPU ms per accepted checkout by thread kind (jit: compiler threads, gc, rest):"
        cpu_per_unit "$out/threads-before-$run.txt" "$out/threads-after-$run.txt" "$made" | grep -v '^total'
    } > "$out/threads-per-checkout-$run.txt"
done
