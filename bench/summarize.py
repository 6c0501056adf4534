#!/usr/bin/env python3
"""Medians across runs of the loadgen's result.json files, as the Markdown tables of docs/benchmarks.md.

    bench/summarize.py bench/results/<time>            # every outbox and checkout run below it

Checkout: the highest rate whose p99 checkout → paid is at most 200 ms with no errors, per
run and its median. Outbox: commit → consume p50/p99 and the publisher's own bucket-derived
publish lag, per relay variant and rate.
"""
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

PAID_SLO_MS = 200.0


def load(root):
    for path in sorted(Path(root).rglob("result.json")):
        yield path, json.loads(path.read_text())


def measure(step, name):
    return next((m for m in step["measures"] if m["name"] == name), None)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def checkout_tables(runs):
    by_rate = defaultdict(list)
    ceilings = []
    for path, result in runs:
        passing = []
        for step in result["steps"]:
            rate = step["rate_asked"]
            answer, paid, failed = (measure(step, n) for n in ("checkout", "checkout→paid", "checkout→payment_failed"))
            errors = sum(m["error_count"] for m in (answer, paid, failed) if m)
            by_rate[rate].append((answer, paid, errors))
            if paid and paid["count"] and errors == 0 and paid["p99_ms"] <= PAID_SLO_MS:
                passing.append(rate)
        ceilings.append(max(passing) if passing else 0)
    lines = ["| rate asked /s | achieved /s | checkout p50 | p99 | checkout → paid p50 | p99 | p99.9 | errors (median) | runs |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for rate in sorted(by_rate):
        rows = by_rate[rate]
        lines.append("| " + " | ".join([
            fmt(rate, 0),
            fmt(median([a["achieved_per_s"] for a, _, _ in rows if a])),
            fmt(median([a["p50_ms"] for a, _, _ in rows if a])),
            fmt(median([a["p99_ms"] for a, _, _ in rows if a])),
            fmt(median([p["p50_ms"] for _, p, _ in rows if p and p["count"]])),
            fmt(median([p["p99_ms"] for _, p, _ in rows if p and p["count"]])),
            fmt(median([p["p99_9_ms"] for _, p, _ in rows if p and p["count"]])),
            fmt(median([e for _, _, e in rows]), 0),
            str(len(rows))]) + " |")
    lines.append("")
    lines.append(f"Highest rate with p99 checkout → paid ≤ {PAID_SLO_MS:.0f} ms and no errors, per run: "
                 + ", ".join(fmt(c, 0) for c in ceilings) + f"; median **{fmt(median(ceilings), 0)}/s**.")
    return "\n".join(lines)


def outbox_tables(runs):
    rows = defaultdict(list)
    for path, result in runs:
        label = result.get("label") or path.parent.name
        for step in result["steps"]:
            consume = measure(step, "commit→consume")
            lag = step.get("publish_lag") or {}
            rows[(label, step["rate_asked"])].append((consume, lag, step["details"].get("verdict")))
    lines = ["| relay | rate asked /s | achieved /s | commit → consume p50 ms | p99 | p99.9 | publish lag p50 (buckets) | p99 (buckets) | verdicts | runs |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for (label, rate) in sorted(rows, key=lambda key: (key[0], key[1])):
        entries = rows[(label, rate)]
        verdicts = defaultdict(int)
        for _, _, verdict in entries:
            verdicts["keeps up" if verdict == "keeps up" else "falls behind"] += 1
        lines.append("| " + " | ".join([
            label, fmt(rate, 0),
            fmt(median([c["achieved_per_s"] for c, _, _ in entries if c])),
            fmt(median([c["p50_ms"] for c, _, _ in entries if c and c["count"]]), 2),
            fmt(median([c["p99_ms"] for c, _, _ in entries if c and c["count"]]), 2),
            fmt(median([c["p99_9_ms"] for c, _, _ in entries if c and c["count"]]), 2),
            fmt(median([l.get("p50_ms") for _, l, _ in entries]), 2),
            fmt(median([l.get("p99_ms") for _, l, _ in entries]), 2),
            ", ".join(f"{n}× {v}" for v, n in sorted(verdicts.items())),
            str(len(entries))]) + " |")
    return "\n".join(lines)


def main(root):
    runs = list(load(root))
    checkout = defaultdict(list)
    outbox = []
    for path, result in runs:
        # The warm-up, profiling and JFR steps run at one rate for another purpose: not rate steps.
        if any(part in ("jit-warmup", "jfr") or part.startswith("profile") for part in path.parts):
            continue
        if result["scenario"] == "checkout":
            checkout[next((p for p in path.parts if p.startswith("checkout-")), "checkout")].append((path, result))
        else:
            outbox.append((path, result))
    if outbox:
        print("### Outbox relay\n")
        print(outbox_tables(outbox))
        print()
    for name, group in sorted(checkout.items()):
        print(f"### {name}\n")
        print(checkout_tables(group))
        print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
