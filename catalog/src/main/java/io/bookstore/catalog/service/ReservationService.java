package io.bookstore.catalog.service;

import io.bookstore.catalog.config.ForcedFailuresConfig;
import io.bookstore.catalog.domain.Book;
import io.bookstore.catalog.domain.ForcedFailureException;
import io.bookstore.catalog.domain.InsufficientStockException;
import io.bookstore.catalog.domain.Reservation;
import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.domain.ReservedItem;
import io.bookstore.catalog.domain.Transition;
import io.bookstore.catalog.repository.BookRepository;
import io.bookstore.catalog.repository.ReservationRepository;
import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.kit.http.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds stock for orders. Every status change of a reservation goes through
 * {@link #transition}, so the REST release and the order-event consumer (order.paid →
 * {@link #markSold}, order.payment_failed → {@link #release}, each inside the consumer's
 * own transaction) follow the same rules.
 */
@ApplicationScoped
public class ReservationService {

    /** Orders the lines of every transaction the same way, so that two reservations never deadlock. */
    private static final Comparator<ReservedItem> ISBN_ORDER = Comparator.comparing(item -> Isbn.digits(item.isbn()));

    private final Pool pool;
    private final BookRepository books;
    private final ReservationRepository reservations;
    private final ReservationMetrics metrics;
    private final ForcedFailuresConfig forcedFailures;

    public ReservationService(Pool pool, BookRepository books, ReservationRepository reservations, ReservationMetrics metrics,
                              ForcedFailuresConfig forcedFailures) {
        this.pool = pool;
        this.books = books;
        this.reservations = reservations;
        this.metrics = metrics;
        this.forcedFailures = forcedFailures;
    }

    /** The reservation of an order, and whether this call made it (false: it already existed). */
    public record Outcome(Reservation reservation, boolean created) {
    }

    /**
     * Takes the stock of every item, or none. Repeating the same items for the same order
     * returns the recorded reservation without taking stock again. {@code requested} is in
     * request order: errors name items by their position.
     */
    public Uni<Outcome> reserve(String tenant, UUID orderId, List<ReservedItem> requested) {
        List<FieldError> duplicates = duplicates(requested);
        if (!duplicates.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException("Each book may appear once per reservation", duplicates));
        }
        List<String> digits = requested.stream().map(item -> Isbn.digits(item.isbn())).toList();
        return pool.withTransaction(conn -> books.findByDigits(conn, digits)
                        .flatMap(found -> {
                            failIfForced(found);
                            List<ReservedItem> items = resolve(requested, found);
                            return reservations.insertIfAbsent(conn, orderId, tenant)
                                    .flatMap(inserted -> inserted
                                            ? takeStock(conn, orderId, tenant, items)
                                            : replay(conn, orderId, tenant, items));
                        }))
                .invoke(outcome -> {
                    if (outcome.created()) {
                        metrics.record(tenant, ReservationMetrics.RESERVED);
                    }
                })
                .onFailure(InsufficientStockException.class)
                .invoke(() -> metrics.record(tenant, ReservationMetrics.INSUFFICIENT_STOCK));
    }

    /**
     * Gives the stock of a {@code reserved} reservation back. True when stock was returned;
     * false when there was nothing to do (already released, or no reservation of this tenant).
     * Fails with {@link ReservationConflictException} when the order was already sold.
     */
    public Uni<Boolean> release(UUID orderId, String tenant) {
        return pool.withTransaction(conn -> release(conn, orderId, tenant))
                .invoke(transition -> committed(tenant, transition))
                .map(Transition::applied);
    }

    /**
     * Keeps the stock of a paid order for good. True when the reservation became {@code sold};
     * false when it already was, or there is none. Fails when it was released.
     */
    public Uni<Boolean> markSold(UUID orderId, String tenant) {
        return pool.withTransaction(conn -> markSold(conn, orderId, tenant))
                .invoke(transition -> committed(tenant, transition))
                .map(Transition::applied);
    }

    /**
     * {@link #release(UUID, String)} inside the caller's transaction, so that the caller can
     * record more in the same commit. Once it committed, the caller reports the transition
     * with {@link #committed}.
     */
    public Uni<Transition> release(SqlConnection conn, UUID orderId, String tenant) {
        return transition(conn, orderId, tenant, ReservationStatus.RELEASED);
    }

    /** {@link #markSold(UUID, String)} inside the caller's transaction; see {@link #release(SqlConnection, UUID, String)}. */
    public Uni<Transition> markSold(SqlConnection conn, UUID orderId, String tenant) {
        return transition(conn, orderId, tenant, ReservationStatus.SOLD);
    }

    /** Counts a transition whose transaction committed; a rolled-back one returned no stock and is not counted. */
    public void committed(String tenant, Transition transition) {
        if (transition.applied() && transition.target() == ReservationStatus.RELEASED) {
            metrics.record(tenant, ReservationMetrics.RELEASED);
        }
    }

    private void failIfForced(List<Book> found) {
        if (forcedFailures.enabled()) {
            found.stream().filter(Book::forcesFailure).findFirst().ifPresent(book -> {
                throw new ForcedFailureException(book.isbn());
            });
        }
    }

    private Uni<Transition> transition(SqlConnection conn, UUID orderId, String tenant, ReservationStatus target) {
        return reservations.findForUpdate(conn, orderId)
                .flatMap(found -> {
                    // Another tenant's order id is treated as unknown: its existence is not revealed.
                    if (found.isEmpty() || !found.get().tenant().equals(tenant)) {
                        return Uni.createFrom().item(new Transition(orderId, target, Transition.Result.NO_RESERVATION));
                    }
                    Reservation reservation = found.get();
                    if (reservation.status() == target) {
                        return Uni.createFrom().item(new Transition(orderId, target, Transition.Result.ALREADY_APPLIED));
                    }
                    if (!reservation.status().canBecome(target)) {
                        return Uni.createFrom().failure(new ReservationConflictException("The reservation of order %s is %s and cannot become %s"
                                .formatted(orderId, reservation.status().wire(), target.wire())));
                    }
                    Uni<Void> stock = target == ReservationStatus.RELEASED
                            ? putBack(conn, reservation.items())
                            : Uni.createFrom().voidItem();
                    return stock.flatMap(ignored -> reservations.updateStatus(conn, orderId, target))
                            .replaceWith(new Transition(orderId, target, Transition.Result.APPLIED));
                });
    }

    private Uni<Outcome> takeStock(SqlConnection conn, UUID orderId, String tenant, List<ReservedItem> items) {
        Uni<List<String>> lacking = Uni.createFrom().item(ArrayList::new);
        for (ReservedItem item : items) {
            lacking = lacking.flatMap(isbns -> books.take(conn, item.isbn(), item.qty()).map(taken -> {
                if (!taken) {
                    isbns.add(item.isbn());
                }
                return isbns;
            }));
        }
        return lacking.flatMap(isbns -> {
            if (!isbns.isEmpty()) {
                // Failing the transaction rolls back the stock already taken and the reservation row.
                return Uni.createFrom().failure(new InsufficientStockException(isbns));
            }
            return reservations.insertLines(conn, orderId, items)
                    .replaceWith(new Outcome(new Reservation(orderId, tenant, ReservationStatus.RESERVED, items), true));
        });
    }

    private Uni<Outcome> replay(SqlConnection conn, UUID orderId, String tenant, List<ReservedItem> items) {
        return reservations.find(conn, orderId).map(found -> {
            Reservation existing = found.orElseThrow(() -> new IllegalStateException("reservation " + orderId + " vanished"));
            if (!existing.tenant().equals(tenant) || !existing.items().equals(items)) {
                throw new ReservationConflictException("Order " + orderId + " already holds a reservation of other items");
            }
            return new Outcome(existing, false);
        });
    }

    private Uni<Void> putBack(SqlConnection conn, List<ReservedItem> items) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReservedItem item : items.stream().sorted(ISBN_ORDER).toList()) {
            chain = chain.flatMap(ignored -> books.putBack(conn, item.isbn(), item.qty()));
        }
        return chain;
    }

    /** The requested items spelled as the books table spells them, in ISBN order; unknown ISBNs fail the request. */
    private static List<ReservedItem> resolve(List<ReservedItem> requested, List<Book> found) {
        Map<String, Book> byDigits = found.stream()
                .collect(Collectors.toMap(book -> Isbn.digits(book.isbn()), Function.identity()));
        List<FieldError> unknown = new ArrayList<>();
        List<ReservedItem> items = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            ReservedItem item = requested.get(i);
            Book book = byDigits.get(Isbn.digits(item.isbn()));
            if (book == null) {
                unknown.add(new FieldError("items[" + i + "].isbn", "no book with this ISBN"));
            } else {
                items.add(new ReservedItem(book.isbn(), item.qty()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("The reservation names books that do not exist", unknown);
        }
        items.sort(ISBN_ORDER);
        return items;
    }

    private static List<FieldError> duplicates(List<ReservedItem> requested) {
        Map<String, Integer> firstIndex = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Integer first = firstIndex.putIfAbsent(Isbn.digits(requested.get(i).isbn()), i);
            if (first != null) {
                errors.add(new FieldError("items[" + i + "].isbn", "names the same book as items[" + first + "]"));
            }
        }
        return errors;
    }
}
