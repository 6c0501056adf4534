package io.bookstore.devstack;

/**
 * Who gets the CPU first when the machine is short of it, with {@code up --cpu-tiers on}: each
 * process runs at its tier's nice value, as Kubernetes shares a node's CPU in proportion to the
 * containers' requests. A service starts (and restarts after a crash) at 0 and takes its tier's
 * value once ready, a start-up boost; the Kafka broker, which is not restarted, runs at its tier's from the start.
 * <p>
 * A checkout is answered by the storefront, catalog, orders and PostgreSQL; everything after
 * the order's commit (the outbox relay, Kafka, payments-gateway, the PSP, recommendations) can
 * wait a moment, because the outbox and Kafka hold the work. Measured on two cores
 * ({@code docs/benchmarks.md#cpu-tiers}): a fresh stack with the tiers answered 25 checkouts/s
 * in its first minute where the flat one refused half, and at 40/s the tiered stack finished
 * more orders per second end to end; the chaos run's invariants held with it. It is off by
 * default because the storefront's admission limit sees only the answers' latency: past what
 * the asynchronous half can pay, the tiered stack keeps accepting and its payments fall behind
 * (checkout → paid p50 7 s at 40/s), a backlog that must stay within the catalog's reservation
 * window.
 * <p>
 * Only positive values, so no privilege is needed. PostgreSQL is not started by the devstack
 * and runs at 0, with the edge.
 */
enum CpuTier {

    /** The storefront: it answers and refuses checkouts. */
    EDGE(0),
    /** What a checkout's answer waits for: catalog and orders. */
    REQUEST(4),
    /** Work the outbox and Kafka hold, which catches up once the answers are given. */
    BACKGROUND(15);

    private final int niceness;

    CpuTier(int niceness) {
        this.niceness = niceness;
    }

    /** The nice value of the tier's processes. */
    int niceness() {
        return niceness;
    }
}
