#!/usr/bin/env bash
# Checkout benchmark on the whole stack: rate steps (several runs each) for the highest rate
# with p99 checkout → paid ≤ 200 ms and no errors; each service's time to ready when started
# alone; CPU per checkout by process at fixed rates and a JFR profile (where the time goes);
# memory after load.
# TELEMETRY=off runs the same with tracing off (telemetry cost: compare the two result folders).
# The warm ceiling is C2's: the services run with the JVM's default JIT unless JIT=c1 (the
# devstack's default; docs/benchmarks.md#jit).
#
#   bench/checkout.sh               RUNS=3 RATES=40,60,80,100,120 PROFILE_RATES=20,60,100 TELEMETRY=on JIT=tiered
set -euo pipefail
JIT=${JIT:-tiered}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=${RUNS:-3}
rates=${RATES:-40,60,80,100,120}
duration=${DURATION:-20s}
warmup=${WARMUP:-10s}
profile_rate=${PROFILE_RATE:-20}
profile_duration=${PROFILE_DURATION:-30}
profile_rates=${PROFILE_RATES:-20,60,100}
telemetry=${TELEMETRY:-on}
out="$results/checkout-telemetry-$telemetry"
mkdir -p "$out"
trap stack_down EXIT

stack_up --fresh --one-at-a-time --telemetry "$telemetry" | tee "$out/up.txt"

# JIT warm-up, up to the highest profiled rate: the first minutes of a JVM say more about the
# compiler than about the code, and CPU figures are only comparable after the same warm-up.
bookstore load checkout --rates "$profile_rates" --duration 30s --warmup 0s --out "$out/jit-warmup" > "$out/jit-warmup.txt"

for run in $(seq 1 "$runs"); do
    bookstore load checkout --rates "$rates" --duration "$duration" --warmup "$warmup" --out "$out/run$run" \
        | tee "$out/run$run.txt"
done

# Where the time goes: CPU per process over a steady step (nothing else measuring), then a
# JFR recording of each service over a second one (Java frames by kind of work,
# bench/jfr-breakdown.py), since the recording costs CPU of its own.
: > "$out/cpu-per-checkout.txt"
for rate in ${profile_rates//,/ }; do
    cpu_snapshot > "$out/cpu-before-$rate.txt"
    bookstore load checkout --rate "$rate" --duration "${profile_duration}s" --warmup 0s --out "$out/profile-$rate" \
        > "$out/profile-$rate.txt"
    cpu_snapshot > "$out/cpu-after-$rate.txt"
    {
        echo "CPU ms per checkout at $rate checkouts/s for ${profile_duration}s (telemetry $telemetry):"
        cpu_per_unit "$out/cpu-before-$rate.txt" "$out/cpu-after-$rate.txt" $((rate * profile_duration))
    } >> "$out/cpu-per-checkout.txt"
done
while read -r name pid; do
    [[ "$name" == kafka ]] || jcmd "$pid" JFR.start name=bench settings=profile duration=30s \
        filename="$out/$name.jfr" > /dev/null
done < "$stack_dir/children.pid"
bookstore load checkout --rate "$profile_rate" --duration 30s --warmup 0s --out "$out/jfr" > "$out/jfr.txt"
sleep 5
for recording in "$out"/*.jfr; do
    jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording" > "${recording%.jfr}.samples"
    { echo "== $(basename "${recording%.jfr}")"; "$home/bench/jfr-breakdown.py" "${recording%.jfr}.samples"; } \
        >> "$out/jfr-breakdown.txt"
done
cat "$out/cpu-per-checkout.txt"

bookstore status --dir "$stack_dir" | tee "$out/status-after-load.txt"
echo "results in $out"
