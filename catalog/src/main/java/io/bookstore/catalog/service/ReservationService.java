package io.bookstore.catalog.service;

import io.bookstore.catalog.config.ForcedFailuresConfig;
import io.bookstore.catalog.config.ReservationsConfig;
import io.bookstore.catalog.domain.Book;
import io.bookstore.catalog.domain.ForcedFailureException;
import io.bookstore.catalog.domain.InsufficientStockException;
import io.bookstore.catalog.domain.MixedCurrenciesException;
import io.bookstore.catalog.domain.ReleaseReason;
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
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds stock for orders. Every status change of a reservation goes through
 * {@link #transition}, so the REST release and the order-event consumer (order.paid →
 * {@link #markSold}, order.payment_failed → {@link #release}, each inside the consumer's
 * own transaction) follow the same rules. A reservation expires
 * {@code bookstore.reservations.window} after it is made unless its order is created
 * (order.created → {@link #markOrdered}); {@link #releaseExpired} releases the expired ones.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    /** Orders the lines of every transaction the same way, so that two reservations never deadlock. */
    private static final Comparator<ReservedItem> ISBN_ORDER = Comparator.comparing(item -> Isbn.digits(item.isbn()));

    private final Pool pool;
    private final BookRepository books;
    private final ReservationRepository reservations;
    private final ReservationMetrics metrics;
    private final ForcedFailuresConfig forcedFailures;
    private final ReservationsConfig config;

    public ReservationService(Pool pool, BookRepository books, ReservationRepository reservations, ReservationMetrics metrics,
                              ForcedFailuresConfig forcedFailures, ReservationsConfig config) {
        this.pool = pool;
        this.books = books;
        this.reservations = reservations;
        this.metrics = metrics;
        this.forcedFailures = forcedFailures;
        this.config = config;
    }

    /**
     * The reservation of an order, whether this call made it (false: it already existed), and
     * its books as they are sold now, all in one currency: what the order's lines cost.
     */
    public record Outcome(Reservation reservation, boolean created, List<Book> books) {

        public Outcome {
            books = List.copyOf(books);
        }
    }

    /**
     * Takes the stock of every item, or none. Repeating the same items for the same order
     * returns the recorded reservation without taking stock again. Either way the outcome has
     * the books' prices, read in the same call, so that a checkout asks catalog once. The
     * books of one reservation must be sold in one currency, as one order is paid in one.
     * {@code requested} is in request order: errors name items by their position.
     *
     * @throws InvalidRequestException (as the failure) when a book is named twice or does not exist
     * @throws MixedCurrenciesException (as the failure) when the books are sold in different currencies
     * @throws InsufficientStockException (as the failure) when a book lacks the copies; nothing was reserved
     * @throws ReservationConflictException (as the failure) when the order holds other items, or is another tenant's
     */
    public Uni<Outcome> reserve(String tenant, UUID orderId, List<ReservedItem> requested) {
        List<FieldError> duplicates = duplicates(requested);
        if (!duplicates.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException("Each book may appear once per reservation", duplicates));
        }
        List<String> digits = requested.stream().map(item -> Isbn.digits(item.isbn())).toList();
        // No transaction: the reservation is one statement, all or nothing by itself, which holds
        // the books' row locks for its own round trip only; the reads around it lock nothing.
        return pool.withConnection(conn -> books.findByDigits(conn, digits)
                        .flatMap(found -> {
                            failIfForced(found);
                            List<ReservedItem> items = resolve(requested, found);
                            requireOneCurrency(requested, found);
                            return reservations.reserve(conn, orderId, tenant, config.window(), items)
                                    .flatMap(reserved -> reserved.expiresAt().isPresent()
                                            ? Uni.createFrom().item(new Outcome(new Reservation(orderId, tenant,
                                                    ReservationStatus.RESERVED, items, reserved.expiresAt().get(), false, null), true, found))
                                            : replay(conn, orderId, tenant, items, reserved.lacking(), found));
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
        return pool.withTransaction(conn -> release(conn, orderId, tenant, ReleaseReason.CANCELLED))
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
    public Uni<Transition> release(SqlConnection conn, UUID orderId, String tenant, ReleaseReason reason) {
        return transition(conn, orderId, tenant, ReservationStatus.RELEASED, reason);
    }

    /**
     * {@link #markSold(UUID, String)} inside the caller's transaction; see {@link #release(SqlConnection, UUID, String, ReleaseReason)}.
     * A paid order proves that the order exists: when its order.created never came here (lost
     * with a topic, say) and the reaper released the reservation, the stock is taken again as
     * a late order.created would, and sold; when it is gone, the sale fails as a conflict.
     */
    public Uni<Transition> markSold(SqlConnection conn, UUID orderId, String tenant) {
        return reservations.sellIfReserved(conn, orderId, tenant).flatMap(sold -> sold
                ? Uni.createFrom().item(new Transition(orderId, ReservationStatus.SOLD, Transition.Result.APPLIED))
                : markSoldUnderLock(conn, orderId, tenant));
    }

    /** The sale that the common case's statement did not make: why, and what to do, from the reservation as it is, locked. */
    private Uni<Transition> markSoldUnderLock(SqlConnection conn, UUID orderId, String tenant) {
        return owned(conn, orderId, tenant).flatMap(found -> {
            if (found.isPresent() && found.get().releaseReason() == ReleaseReason.EXPIRED && !found.get().ordered()) {
                return reinstate(conn, found.get()).flatMap(reinstated -> reinstated.result() == Transition.Result.REINSTATED
                        ? reservations.updateStatus(conn, orderId, ReservationStatus.SOLD, null)
                                .replaceWith(new Transition(orderId, ReservationStatus.SOLD, Transition.Result.REINSTATED))
                        : Uni.createFrom().failure(new ReservationConflictException(("The reservation of order %s expired before"
                                + " its order was known here, and the stock of %s is gone: the paid order holds no stock")
                                .formatted(orderId, String.join(", ", reinstated.lacking())))));
            }
            return transition(conn, orderId, ReservationStatus.SOLD, null, found);
        });
    }

    /**
     * The order exists (order.created), inside the caller's transaction: its reservation no
     * longer expires; the order's payment outcome ends it. A reservation already released
     * before its order was known (order.created came later than the window and its grace)
     * takes its stock again ({@code REINSTATED}) or, when the stock is gone, stays released
     * ({@code SHORTFALL}, naming the books): either way it is marked ordered.
     */
    public Uni<Transition> markOrdered(SqlConnection conn, UUID orderId, String tenant) {
        return reservations.markOrderedIfReserved(conn, orderId, tenant).flatMap(marked -> marked
                ? Uni.createFrom().item(new Transition(orderId, ReservationStatus.RESERVED, Transition.Result.APPLIED))
                : markOrderedUnderLock(conn, orderId, tenant));
    }

    /** The mark that the common case's statement did not make: why, and what to do, from the reservation as it is, locked. */
    private Uni<Transition> markOrderedUnderLock(SqlConnection conn, UUID orderId, String tenant) {
        return owned(conn, orderId, tenant).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new Transition(orderId, ReservationStatus.RESERVED, Transition.Result.NO_RESERVATION));
            }
            Reservation reservation = found.get();
            if (reservation.ordered() || reservation.status() == ReservationStatus.SOLD) {
                return Uni.createFrom().item(new Transition(orderId, ReservationStatus.RESERVED, Transition.Result.ALREADY_APPLIED));
            }
            if (reservation.status() == ReservationStatus.RESERVED) {
                return reservations.markOrdered(conn, orderId)
                        .replaceWith(new Transition(orderId, ReservationStatus.RESERVED, Transition.Result.APPLIED));
            }
            return reinstate(conn, reservation);
        });
    }

    /**
     * One round of the reaper: releases up to {@code bookstore.reservations.reap-batch-size}
     * reservations that no order claimed within their window and its grace, and puts their
     * stock back, in one transaction. Returns how many it released.
     */
    public Uni<Integer> releaseExpired() {
        return pool.withTransaction(conn -> reservations.releaseExpired(conn, config.expiryGrace(), config.reapBatchSize())
                        .call(expired -> expired.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : reservations.totalLines(conn, expired.stream().map(ReservationRepository.Expired::orderId).toList())
                                        .flatMap(lines -> putBack(conn, lines))))
                .invoke(expired -> expired.forEach(reservation -> {
                    metrics.record(reservation.tenant(), ReservationMetrics.EXPIRED);
                    LOG.infof("The reservation of order %s (tenant %s) expired at %s with no order: its stock is back",
                            reservation.orderId(), reservation.tenant(), reservation.expiresAt());
                }))
                .map(List::size);
    }

    /** Counts a transition whose transaction committed; a rolled-back one changed no stock and is not counted. */
    public void committed(String tenant, Transition transition) {
        if (transition.applied() && transition.target() == ReservationStatus.RELEASED) {
            metrics.record(tenant, ReservationMetrics.RELEASED);
        }
        switch (transition.result()) {
            case REINSTATED -> {
                metrics.record(tenant, ReservationMetrics.REINSTATED);
                LOG.warnf("Order %s was created after its reservation had expired; its stock is reserved again", transition.orderId());
            }
            case SHORTFALL -> {
                metrics.record(tenant, ReservationMetrics.SHORTFALL);
                LOG.errorf("Order %s (tenant %s) was created after its reservation had expired, and the stock of %s is gone: "
                                + "the order holds no stock; if it is paid, its order.paid is dead-lettered and the sale needs a person",
                        transition.orderId(), tenant, String.join(", ", transition.lacking()));
            }
            default -> {
            }
        }
    }

    private void failIfForced(List<Book> found) {
        if (forcedFailures.enabled()) {
            found.stream().filter(Book::forcesFailure).findFirst().ifPresent(book -> {
                throw new ForcedFailureException(book.isbn());
            });
        }
    }

    /** The order's reservation, locked, if it is the tenant's: another tenant's order id is treated as unknown. */
    private Uni<Optional<Reservation>> owned(SqlConnection conn, UUID orderId, String tenant) {
        return reservations.findForUpdate(conn, orderId)
                .map(found -> found.filter(reservation -> reservation.tenant().equals(tenant)));
    }

    private Uni<Transition> transition(SqlConnection conn, UUID orderId, String tenant, ReservationStatus target,
                                       ReleaseReason reason) {
        return owned(conn, orderId, tenant).flatMap(found -> transition(conn, orderId, target, reason, found));
    }

    private Uni<Transition> transition(SqlConnection conn, UUID orderId, ReservationStatus target, ReleaseReason reason,
                                       Optional<Reservation> found) {
        if (found.isEmpty()) {
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
        return stock.flatMap(ignored -> reservations.updateStatus(conn, orderId, target, reason))
                .replaceWith(new Transition(orderId, target, Transition.Result.APPLIED));
    }

    /**
     * Takes the stock of a released reservation again, all or nothing. The transaction also
     * records the event, so it must commit either way: what was taken before a line fell
     * short is put back rather than rolled back (the rows stay locked, so nothing else saw it).
     */
    private Uni<Transition> reinstate(SqlConnection conn, Reservation reservation) {
        UUID orderId = reservation.orderId();
        return take(conn, reservation.items()).flatMap(lacking -> {
            if (lacking.isEmpty()) {
                return reservations.reinstate(conn, orderId)
                        .replaceWith(new Transition(orderId, ReservationStatus.RESERVED, Transition.Result.REINSTATED));
            }
            List<ReservedItem> taken = reservation.items().stream().filter(item -> !lacking.contains(item.isbn())).toList();
            return putBack(conn, taken)
                    .flatMap(ignored -> reservations.markOrdered(conn, orderId))
                    .replaceWith(new Transition(orderId, ReservationStatus.RESERVED, Transition.Result.SHORTFALL, lacking));
        });
    }

    /** Takes every item that is in stock, in the order given (ISBN order); returns the ISBNs that were not. */
    private Uni<List<String>> take(SqlConnection conn, List<ReservedItem> items) {
        Uni<List<String>> lacking = Uni.createFrom().item(ArrayList::new);
        for (ReservedItem item : items) {
            lacking = lacking.flatMap(isbns -> books.take(conn, item.isbn(), item.qty()).map(taken -> {
                if (!taken) {
                    isbns.add(item.isbn());
                }
                return isbns;
            }));
        }
        return lacking;
    }

    /**
     * The reservation statement changed nothing: the order has a reservation already (a repeated
     * request, whose stock was taken the first time, even if none is left now), or a book is short.
     */
    private Uni<Outcome> replay(SqlConnection conn, UUID orderId, String tenant, List<ReservedItem> items, List<String> lacking,
                                List<Book> books) {
        return reservations.find(conn, orderId).map(found -> {
            if (found.isEmpty()) {
                if (lacking.isEmpty()) {
                    throw new IllegalStateException("reservation " + orderId + " was neither made nor found");
                }
                throw new InsufficientStockException(lacking);
            }
            Reservation existing = found.get();
            if (!existing.tenant().equals(tenant) || !existing.items().equals(items)) {
                throw new ReservationConflictException("Order " + orderId + " already holds a reservation of other items");
            }
            return new Outcome(existing, false, books);
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
            // The storefront passes this on to its shopper as it is.
            throw new InvalidRequestException(unknown.size() == 1 ? "1 book is not in the catalog"
                    : unknown.size() + " books are not in the catalog", unknown);
        }
        items.sort(ISBN_ORDER);
        return items;
    }

    /** Fails naming each requested item (by position) sold in another currency than the first; every book was found. */
    private static void requireOneCurrency(List<ReservedItem> requested, List<Book> found) {
        Map<String, String> currencyByDigits = found.stream()
                .collect(Collectors.toMap(book -> Isbn.digits(book.isbn()), Book::currency));
        String currency = currencyByDigits.get(Isbn.digits(requested.get(0).isbn()));
        List<FieldError> otherCurrency = new ArrayList<>();
        for (int i = 1; i < requested.size(); i++) {
            String other = currencyByDigits.get(Isbn.digits(requested.get(i).isbn()));
            if (!other.equals(currency)) {
                otherCurrency.add(new FieldError("items[" + i + "].isbn", "is sold in " + other));
            }
        }
        if (!otherCurrency.isEmpty()) {
            throw new MixedCurrenciesException(currency, otherCurrency);
        }
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
