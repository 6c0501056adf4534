#!/usr/bin/env bash
# The services' JIT (`./bookstore up --jit c1|tiered`) from a fresh stack as a user starts it:
# the first minute at 25 checkouts/s (no warm-up), then a warm-up at 40 and 60/s (WARMUP each),
# then rate steps with checkout → paid followed on Kafka, and the CPU of every process per
# checkout at 60/s after that. Each JIT on its own fresh stack, one after the other, REPEATS times.
#
#   bench/jit.sh                    JITS="tiered c1" REPEATS=1 WARMUP=60s RATES=60,80,100,120 TIERS=off
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

jits=${JITS:-tiered c1}
repeats=${REPEATS:-1}
rates=${RATES:-60,80,100,120}
warmup=${WARMUP:-60s}
tiers=${TIERS:-off}
trap stack_down EXIT

summary="$results/jit.txt"
for repeat in $(seq 1 "$repeats"); do
    for jit in $jits; do
        out="$results/$jit-$repeat"
        mkdir -p "$out"
        JIT=$jit stack_up --fresh --cpu-tiers "$tiers" > "$out/up.txt"
        bookstore load checkout --rates 25,25,25 --duration 20s --warmup 0s --kafka none --metrics-url none \
            --out "$out/first-minute" > "$out/first-minute.txt"
        bookstore load checkout --rates 40,60 --duration "$warmup" --warmup 0s --kafka none --metrics-url none \
            --out "$out/warm-up" > "$out/warm-up.txt"
        bookstore load checkout --rates "$rates" --duration 20s --warmup 10s --out "$out/steps" > "$out/steps.txt"
        cpu_snapshot > "$out/cpu-before.txt"
        bookstore load checkout --rate 60 --duration 30s --warmup 0s --kafka none --metrics-url none \
            --out "$out/cpu" > "$out/cpu.txt"
        cpu_snapshot > "$out/cpu-after.txt"
        accepted=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['steps'][0]['measures'][0]; print(m['count'])" \
            "$out/cpu/result.json")
        cpu_per_unit "$out/cpu-before.txt" "$out/cpu-after.txt" "$accepted" > "$out/cpu-per-checkout.txt"
        stack_down
        python3 - "$out" "$jit" "$repeat" >> "$summary" <<'PY'
import json, sys
from pathlib import Path
out, jit, repeat = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
def steps(name):
    return json.loads((out / name / "result.json").read_text())["steps"]
def measure(step, name):
    return next(m for m in step["measures"] if m["name"] == name)
first = [measure(s, "checkout") for s in steps("first-minute")]
line = [f"{jit} #{repeat}", "first minute at 25/s, accepted of 500 per 20 s:",
        ", ".join(f"{m['count']} (p50 {m['p50_ms']:.0f} ms)" for m in first)]
print(" ".join(line))
for s in steps("steps"):
    c, p = measure(s, "checkout"), next((m for m in s["measures"] if m["name"] != "checkout"), None)
    paid = f"checkout -> paid p50 {p['p50_ms']:.0f} / p99 {p['p99_ms']:.0f} ms" if p else ""
    print(f"  {s['rate_asked']:>5}/s: accepted {c['count']}, errors {c['error_count']}, checkout p50 {c['p50_ms']:.0f} / p99 {c['p99_ms']:.0f} ms, {paid}")
total = [l.split()[1] for l in (out / "cpu-per-checkout.txt").read_text().splitlines() if l.startswith("total")][0]
print(f"  warm-up: 40 and 60/s, {steps('warm-up')[0]['duration_s']:.0f} s each")
print(f"  CPU at 60/s after the steps: {total} ms per accepted checkout")
PY
    done
done
cat "$summary"
echo "results: $results"
