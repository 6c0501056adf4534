#!/usr/bin/env bash
# The first minute of a fresh stack, as a user starts it: `./bookstore up` (all services at
# once), then checkouts at a low rate in three consecutive steps (5 s, 10 s and 20 s measured,
# each after 2 s of warm-up). Per step: checkout latency (p50, p99), errors, and CPU per
# checkout by process. The JIT compiles while the steps run, so the steps show how fast the
# stack gets fast; CPU per checkout is the steadier figure on a busy 2-core machine.
#
#   bench/first-minute.sh            RATE=5 REPEATS=2
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rate=${RATE:-5}
repeats=${REPEATS:-2}
trap stack_down EXIT

summary="$results/first-minute.txt"
printf '%-7s %-5s %9s %9s %7s %12s\n' repeat step p50_ms p99_ms errors cpu_ms/chk > "$summary"
for repeat in $(seq 1 "$repeats"); do
    out="$results/first-minute-$repeat"
    mkdir -p "$out"
    stack_up --fresh --telemetry on > "$out/up.txt"
    step=0
    for duration in 5s 10s 20s; do
        step=$((step + 1))
        cpu_snapshot > "$out/cpu-before-$step.txt"
        bookstore load checkout --rate "$rate" --duration "$duration" --warmup 2s --out "$out/step-$step" > "$out/step-$step.txt"
        cpu_snapshot > "$out/cpu-after-$step.txt"
        checkouts=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['steps'][0]; print(s['measures'][0]['count'] + s['measures'][0]['warmup']['count'])" "$out/step-$step/result.json")
        cpu_per_unit "$out/cpu-before-$step.txt" "$out/cpu-after-$step.txt" "$checkouts" > "$out/cpu-per-checkout-$step.txt"
        python3 - "$out/step-$step/result.json" "$out/cpu-per-checkout-$step.txt" "$repeat" "$step" >> "$summary" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))['steps'][0]['measures'][0]
total = [line.split()[1] for line in open(sys.argv[2]) if line.startswith('total')][0]
print(f"{sys.argv[3]:<7} {sys.argv[4]:<5} {m['p50_ms']:9.0f} {m['p99_ms']:9.0f} {m['error_count']:7d} {float(total):12.1f}")
PY
    done
    stack_down
done
cat "$summary"
echo "results: $results"
