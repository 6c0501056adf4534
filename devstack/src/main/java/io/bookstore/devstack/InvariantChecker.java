package io.bookstore.devstack;

import io.bookstore.contracts.EventTypes;
import io.bookstore.loadgen.ChaosLoad;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The independent check after a chaos run: what the databases, the topic, the PSP and the load
 * generator each recorded, held against the promises of issue 13, one invariant at a time.
 * Each invariant counts what it checked and lists what broke it.
 */
final class InvariantChecker {

    /** One broken promise: of which invariant, about what (an order, a book, a row), and how. */
    record Violation(int invariant, String subject, String detail) {
    }

    /** One invariant's outcome; {@code note} says what could not be checked. */
    record Outcome(int number, String title, long checked, long violations, String note) {
        String verdict() {
            if (violations > 0) {
                return "VIOLATED";
            }
            return note.startsWith("not checked") ? "not checked" : "holds";
        }
    }

    static final Map<Integer, String> TITLES = Map.of(
            1, "accepted checkouts exist as orders and end (none stuck)",
            2, "a paid order has one succeeded charge, a failed one none, no charge without an order",
            3, "stock conserved per book; a final order holds no reservation",
            4, "per order on Kafka: order.created first, versions in order, a duplicate keeps its ce_id",
            5, "consumers applied each event once (catalog's sales, recommendations' counts)",
            6, "outbox and outbox_dead empty",
            7, "a refused checkout left nothing behind");

    private static final Set<String> FINAL = Set.of("paid", "payment_failed");

    /** {@code settledMillis}: from the order's creation to its last status change, on the database's clock. */
    private record Order(String id, String tenant, String status, String idempotencyKey, long settledMillis) {
    }

    private record Line(String orderId, String isbn, int qty) {
    }

    private final List<Violation> violations = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<Line> orderLines = new ArrayList<>();
    private final Map<String, String> reservations = new HashMap<>();
    private final List<Line> reservationLines = new ArrayList<>();
    private final Map<String, Integer> stock = new TreeMap<>();
    private final Map<String, String> payments = new HashMap<>();

    /** Every violation, all invariants together. */
    List<Violation> violations() {
        return List.copyOf(violations);
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** An order's status and the milliseconds from its creation to its last change, as orders' database has them. */
    Optional<Map.Entry<String, Long>> statusOf(String orderId) {
        return Optional.ofNullable(orders.get(orderId)).map(order -> Map.entry(order.status(), order.settledMillis()));
    }

    /** For every paid order, how long from its creation to its payment, in milliseconds, ascending. */
    List<Long> millisToPaid() {
        return orders.values().stream().filter(order -> order.status().equals("paid")).map(Order::settledMillis).sorted().toList();
    }

    /** Reads every source and checks invariants 1-7 in turn. */
    void check(PostgresServer postgres, Map<String, Integer> initialStock, ChaosLoad.Result load, List<TopicRecorder.Event> events,
               Optional<List<PspIntents.Intent>> intents) throws SQLException {
        read(postgres);
        acceptedCheckoutsEnd(load);
        oneChargePerPaidOrder(intents);
        stockIsConserved(initialStock);
        eventsInOrder(events);
        consumersAppliedOnce(postgres);
        outboxDrained(postgres);
        refusalsLeftNothing(load);
    }

    private void read(PostgresServer postgres) throws SQLException {
        query(postgres, "bookstore_orders", "SELECT id, tenant, status, idempotency_key,"
                + " (extract(epoch FROM updated_at - created_at) * 1000)::bigint FROM orders", row ->
                orders.put(row.getString(1), new Order(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getLong(5))));
        query(postgres, "bookstore_orders", "SELECT order_id, isbn, qty FROM order_lines", row ->
                orderLines.add(new Line(row.getString(1), row.getString(2), row.getInt(3))));
        query(postgres, "bookstore_catalog", "SELECT order_id, status FROM reservations", row ->
                reservations.put(row.getString(1), row.getString(2)));
        query(postgres, "bookstore_catalog", "SELECT order_id, isbn, qty FROM reservation_lines", row ->
                reservationLines.add(new Line(row.getString(1), row.getString(2), row.getInt(3))));
        query(postgres, "bookstore_catalog", "SELECT isbn, stock FROM books", row -> stock.put(row.getString(1), row.getInt(2)));
        query(postgres, "bookstore_payments", "SELECT order_id, status FROM payments", row ->
                payments.put(row.getString(1), row.getString(2)));
    }

    /** 1: every 2xx checkout's order exists and is final; so is every other order in the database. */
    private void acceptedCheckoutsEnd(ChaosLoad.Result load) {
        long checked = 0;
        long before = violations.size();
        Set<String> accepted = new HashSet<>();
        for (ChaosLoad.Checkout checkout : load.checkouts()) {
            if (checkout.answer() != ChaosLoad.Answer.ACCEPTED) {
                continue;
            }
            checked++;
            String id = checkout.orderId().orElse("");
            accepted.add(id);
            Order order = orders.get(id);
            if (order == null) {
                violate(1, "order " + id, "checkout #" + checkout.index() + " was answered " + checkout.status()
                        + " but the order does not exist");
            } else if (!FINAL.contains(order.status())) {
                violate(1, "order " + id, "accepted, still " + order.status() + " after the drain");
            }
        }
        for (Order order : orders.values()) {
            if (!accepted.contains(order.id())) {
                checked++;
                if (!FINAL.contains(order.status())) {
                    violate(1, "order " + order.id(), "not answered 2xx to the client, still " + order.status() + " after the drain");
                }
            }
        }
        outcome(1, checked, before, "");
    }

    /** 2: the gateway's payments and, where the simulator lists them, the PSP's intents. */
    private void oneChargePerPaidOrder(Optional<List<PspIntents.Intent>> intents) {
        long before = violations.size();
        long checked = 0;
        for (Order order : orders.values()) {
            checked++;
            String payment = payments.get(order.id());
            if (order.status().equals("paid") && !"succeeded".equals(payment)) {
                violate(2, "order " + order.id(), "paid, but the gateway's payment is " + payment);
            } else if (order.status().equals("payment_failed") && "succeeded".equals(payment)) {
                violate(2, "order " + order.id(), "payment_failed, but the gateway's payment succeeded (charged)");
            }
        }
        for (Map.Entry<String, String> payment : payments.entrySet()) {
            if (!orders.containsKey(payment.getKey())) {
                checked++;
                violate(2, "payment " + payment.getKey(), "a " + payment.getValue() + " payment without an order");
            }
        }
        String note;
        if (intents.isEmpty()) {
            note = "PSP part not checked: the simulator has no list endpoint (GET /v1/payment_intents answered 404)";
        } else {
            Map<String, Long> succeeded = new HashMap<>();
            for (PspIntents.Intent intent : intents.get()) {
                checked++;
                if (intent.status().equals("succeeded")) {
                    succeeded.merge(intent.orderId(), 1L, Long::sum);
                    if (!orders.containsKey(intent.orderId())) {
                        violate(2, "intent " + intent.id(), "succeeded for order '" + intent.orderId() + "', which does not exist");
                    }
                }
            }
            for (Order order : orders.values()) {
                long charges = succeeded.getOrDefault(order.id(), 0L);
                if (order.status().equals("paid") && charges != 1) {
                    violate(2, "order " + order.id(), "paid with " + charges + " succeeded PSP charges");
                } else if (order.status().equals("payment_failed") && charges != 0) {
                    violate(2, "order " + order.id(), "payment_failed with " + charges + " succeeded PSP charges");
                }
            }
            note = intents.get().size() + " PSP intents read";
        }
        outcome(2, checked, before, note);
    }

    /** 3: initial = on hand + sold + held, per book; no reservation held for a final or missing order. */
    private void stockIsConserved(Map<String, Integer> initialStock) {
        long before = violations.size();
        Map<String, Integer> sold = new HashMap<>();
        Map<String, Integer> held = new HashMap<>();
        for (Line line : reservationLines) {
            String status = reservations.get(line.orderId());
            if ("sold".equals(status)) {
                sold.merge(line.isbn(), line.qty(), Integer::sum);
            } else if ("reserved".equals(status)) {
                held.merge(line.isbn(), line.qty(), Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> book : initialStock.entrySet()) {
            String isbn = book.getKey();
            int onHand = stock.getOrDefault(isbn, 0);
            int accounted = onHand + sold.getOrDefault(isbn, 0) + held.getOrDefault(isbn, 0);
            if (accounted != book.getValue()) {
                violate(3, "book " + isbn, "initial " + book.getValue() + " but on hand " + onHand + " + sold " + sold.getOrDefault(isbn, 0)
                        + " + held " + held.getOrDefault(isbn, 0) + " = " + accounted);
            }
        }
        long checked = initialStock.size();
        for (Map.Entry<String, String> reservation : reservations.entrySet()) {
            if (!reservation.getValue().equals("reserved")) {
                continue;
            }
            checked++;
            Order order = orders.get(reservation.getKey());
            if (order == null) {
                violate(3, "reservation " + reservation.getKey(), "holds stock for an order that does not exist");
            } else if (FINAL.contains(order.status())) {
                violate(3, "reservation " + reservation.getKey(), "holds stock for an order that is " + order.status());
            }
        }
        outcome(3, checked, before, "");
    }

    /** 4: per order, in the order the topic holds them. */
    private void eventsInOrder(List<TopicRecorder.Event> events) {
        long before = violations.size();
        Map<String, List<TopicRecorder.Event>> byOrder = new LinkedHashMap<>();
        events.forEach(event -> byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event));
        for (Map.Entry<String, List<TopicRecorder.Event>> order : byOrder.entrySet()) {
            List<TopicRecorder.Event> its = order.getValue();
            if (!its.get(0).type().equals(EventTypes.ORDER_CREATED)) {
                violate(4, "order " + order.getKey(), "first event on the topic is " + its.get(0).type() + " v" + its.get(0).version());
            }
            Map<Long, String> idByVersion = new HashMap<>();
            long highest = Long.MIN_VALUE;
            for (TopicRecorder.Event event : its) {
                String earlier = idByVersion.putIfAbsent(event.version(), event.eventId());
                if (earlier != null && !earlier.equals(event.eventId())) {
                    violate(4, "order " + order.getKey(), "version " + event.version() + " twice with different ce_id");
                }
                if (event.version() < highest && earlier == null) {
                    violate(4, "order " + order.getKey(), event.type() + " v" + event.version() + " after v" + highest);
                }
                highest = Math.max(highest, event.version());
            }
        }
        long missing = 0;
        for (Order order : orders.values()) {
            List<TopicRecorder.Event> its = byOrder.getOrDefault(order.id(), List.of());
            String finalType = order.status().equals("paid") ? EventTypes.ORDER_PAID
                    : order.status().equals("payment_failed") ? EventTypes.ORDER_PAYMENT_FAILED : null;
            boolean created = its.stream().anyMatch(event -> event.type().equals(EventTypes.ORDER_CREATED));
            boolean ended = finalType == null || its.stream().anyMatch(event -> event.type().equals(finalType));
            if (!created || !ended) {
                missing++;
                violate(4, "order " + order.id(), "never on the topic: " + (created ? "" : EventTypes.ORDER_CREATED + " ")
                        + (ended ? "" : finalType));
            }
        }
        outcome(4, byOrder.size() + orders.size(), before, events.size() + " records of " + byOrder.size() + " orders"
                + (missing > 0 ? ", " + missing + " orders with an event never published" : ""));
    }

    /** 5: catalog sold what was paid (and released what failed); recommendations counted each paid order once. */
    private void consumersAppliedOnce(PostgresServer postgres) throws SQLException {
        long before = violations.size();
        long checked = 0;
        for (Order order : orders.values()) {
            String reservation = reservations.get(order.id());
            if (order.status().equals("paid")) {
                checked++;
                if (!"sold".equals(reservation)) {
                    violate(5, "order " + order.id(), "paid, but catalog's reservation is " + reservation);
                }
            } else if (order.status().equals("payment_failed")) {
                checked++;
                if ("sold".equals(reservation) || "reserved".equals(reservation)) {
                    violate(5, "order " + order.id(), "payment_failed, but catalog's reservation is " + reservation);
                }
            }
        }
        Map<String, long[]> expected = new TreeMap<>();
        Map<String, Set<String>> ordersOf = new HashMap<>();
        for (Line line : orderLines) {
            Order order = orders.get(line.orderId());
            if (order != null && order.status().equals("paid")) {
                String key = order.tenant() + " " + line.isbn().replace("-", "");
                expected.computeIfAbsent(key, k -> new long[2])[0] += line.qty();
                if (ordersOf.computeIfAbsent(key, k -> new HashSet<>()).add(order.id())) {
                    expected.get(key)[1]++;
                }
            }
        }
        Map<String, long[]> counted = new TreeMap<>();
        query(postgres, "bookstore_recommendations", "SELECT tenant, isbn, copies_sold, orders_count FROM popularity", row ->
                counted.put(row.getString(1) + " " + row.getString(2), new long[] {row.getLong(3), row.getLong(4)}));
        Set<String> keys = new HashSet<>(expected.keySet());
        keys.addAll(counted.keySet());
        for (String key : keys) {
            checked++;
            long[] want = expected.getOrDefault(key, new long[2]);
            long[] got = counted.getOrDefault(key, new long[2]);
            if (want[0] != got[0] || want[1] != got[1]) {
                violate(5, "popularity " + key, "paid orders sold " + want[0] + " copies in " + want[1]
                        + " orders; recommendations counted " + got[0] + " in " + got[1]);
            }
        }
        outcome(5, checked, before, "");
    }

    /** 6: nothing left to publish, nothing dead. */
    private void outboxDrained(PostgresServer postgres) throws SQLException {
        long before = violations.size();
        long[] checked = {0};
        query(postgres, "bookstore_orders", "SELECT aggregate_id, event_type, version, attempts, last_error FROM outbox", row -> {
            checked[0]++;
            violate(6, "outbox " + row.getString(1), row.getString(2) + " v" + row.getLong(3) + " still unpublished after "
                    + row.getInt(4) + " attempts" + (row.getString(5) == null ? "" : ": " + row.getString(5)));
        });
        query(postgres, "bookstore_orders", "SELECT aggregate_id, event_type, version, attempts, error FROM outbox_dead", row -> {
            checked[0]++;
            violate(6, "outbox_dead " + row.getString(1), row.getString(2) + " v" + row.getLong(3) + " dead after "
                    + row.getInt(4) + " attempts: " + row.getString(5));
        });
        outcome(6, checked[0], before, checked[0] == 0 ? "both empty" : "");
    }

    /** 7: no order under a refused checkout's Idempotency-Key (its stock: invariant 3's reservations without an order). */
    private void refusalsLeftNothing(ChaosLoad.Result load) {
        long before = violations.size();
        Map<String, Order> byKey = new HashMap<>();
        orders.values().forEach(order -> byKey.put(order.tenant() + " " + order.idempotencyKey(), order));
        long checked = 0;
        for (ChaosLoad.Checkout checkout : load.checkouts()) {
            if (checkout.answer() != ChaosLoad.Answer.REFUSED_4XX && checkout.answer() != ChaosLoad.Answer.REFUSED_5XX) {
                continue;
            }
            checked++;
            Order left = byKey.get(checkout.tenant() + " " + checkout.idempotencyKey());
            if (left != null) {
                violate(7, "order " + left.id(), "checkout #" + checkout.index() + " was refused " + checkout.status()
                        + " (" + checkout.error().orElse("") + ") but its order exists, " + left.status());
            }
        }
        long orphans = reservations.entrySet().stream()
                .filter(reservation -> reservation.getValue().equals("reserved") && !orders.containsKey(reservation.getKey())).count();
        outcome(7, checked, before, orphans == 0 ? "" : orphans + " reservations without an order still hold stock (see 3)");
    }

    private void violate(int invariant, String subject, String detail) {
        violations.add(new Violation(invariant, subject, detail));
    }

    private void outcome(int number, long checked, long violationsBefore, String note) {
        outcomes.add(new Outcome(number, TITLES.get(number), checked, violations.size() - violationsBefore, note));
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(PostgresServer postgres, String database, String sql, RowReader reader) throws SQLException {
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    /** The stock of every book now: taken before the load, as invariant 3's starting point. */
    static Map<String, Integer> stock(PostgresServer postgres) throws SQLException {
        Map<String, Integer> stock = new TreeMap<>();
        query(postgres, "bookstore_catalog", "SELECT isbn, stock FROM books", row -> stock.put(row.getString(1), row.getInt(2)));
        return stock;
    }
}
