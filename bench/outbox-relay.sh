#!/usr/bin/env bash
# Outbox relay benchmark: commit → Kafka, for the relay woken by NOTIFY (with its default two
# batches in flight, and with one at a time) and for timer-only relays polling every 100 ms and
# 500 ms, at several rates; then the highest rate the NOTIFY relay drains without a growing
# backlog. Only orders (for the schema) and outbox-publisher run: the rows are synthetic orders
# that no consumer should charge.
#
#   bench/outbox-relay.sh            RUNS=3 RATES=100,1000,5000 CEILING_RATES=500,1000,1500,2000,3000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=${RUNS:-3}
rates=${RATES:-100,1000,5000}
ceiling_rates=${CEILING_RATES:-500,1000,1500,2000,3000}
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
trap stack_down EXIT

# A step the relay cannot keep up with leaves rows behind; the next run starts from an empty outbox.
await_empty_outbox() {
    for _ in $(seq 1 240); do
        [[ "$(psql -h "${BOOKSTORE_PG_HOST:-127.0.0.1}" -p "${BOOKSTORE_PG_PORT:-5432}" -U "${BOOKSTORE_PG_USER:-postgres}" \
            -d bookstore_orders -tAc 'SELECT count(*) FROM outbox')" == 0 ]] && return
        sleep 1
    done
    echo "the outbox did not drain within 4 minutes" >&2
    exit 1
}

relay() { # variant, then the outbox-publisher settings that make it
    local variant=$1
    shift
    stack_up --fresh --only orders,outbox-publisher "$@" > "$results/up-$variant.txt"
    for run in $(seq 1 "$runs"); do
        bookstore load outbox --rates "$rates" --duration "$duration" --warmup "$warmup" --label "$variant" \
            --out "$results/outbox/$variant/run$run" | tee "$results/outbox-$variant-run$run.txt"
        await_empty_outbox
    done
    if [[ "$variant" == notify ]]; then
        bookstore load outbox --rates "$ceiling_rates" --duration "$duration" --warmup "$warmup" --label "$variant-ceiling" \
            --out "$results/outbox/ceiling" | tee "$results/outbox-ceiling.txt"
    fi
    stack_down
}

relay notify
relay one-batch-at-a-time --env BOOKSTORE_OUTBOX_BATCHES_IN_FLIGHT=1
relay timer-100ms --env BOOKSTORE_OUTBOX_NOTIFY_ENABLED=false --env BOOKSTORE_OUTBOX_POLL_INTERVAL=100ms
relay timer-500ms --env BOOKSTORE_OUTBOX_NOTIFY_ENABLED=false --env BOOKSTORE_OUTBOX_POLL_INTERVAL=500ms
echo "results in $results"
