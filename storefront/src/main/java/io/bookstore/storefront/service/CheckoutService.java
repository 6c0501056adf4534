package io.bookstore.storefront.service;

import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.kit.http.Caller;
import io.bookstore.storefront.client.CatalogClient;
import io.bookstore.storefront.client.DownstreamProblemException;
import io.bookstore.storefront.client.DownstreamUnavailableException;
import io.bookstore.storefront.client.Downstreams;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.client.OrderRequest;
import io.bookstore.storefront.client.OrdersClient;
import io.bookstore.storefront.client.Reservation;
import io.bookstore.storefront.client.ReservationItem;
import io.bookstore.storefront.client.ReservationRequest;
import io.bookstore.storefront.domain.Checkout;
import io.bookstore.storefront.domain.CheckoutConflictException;
import io.bookstore.storefront.domain.IdempotencyKeyReusedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * A checkout: reserve the books' stock at catalog under the order's id, in one call that also
 * answers their prices, then create the order at those prices under that id. Reserving comes
 * first because creating the order publishes {@code order.created}, which starts the payment:
 * stock must be held by then.
 */
@ApplicationScoped
public class CheckoutService {

    private static final Logger LOG = Logger.getLogger(CheckoutService.class);

    private final CatalogClient catalog;
    private final OrdersClient orders;
    private final UnknownOutcomes unknownOutcomes;
    private final DownstreamPatience downstreamPatience;

    public CheckoutService(CatalogClient catalog, OrdersClient orders, UnknownOutcomes unknownOutcomes,
                           DownstreamPatience downstreamPatience) {
        this.catalog = catalog;
        this.orders = orders;
        this.unknownOutcomes = unknownOutcomes;
        this.downstreamPatience = downstreamPatience;
    }

    /**
     * The created order, or the one an earlier checkout with the same Idempotency-Key made.
     * A catalog or orders that fails fast is waited for ({@link DownstreamPatience}); {@code
     * firstWait} runs when the checkout starts to wait.
     *
     * @throws IdempotencyKeyReusedException (as the failure) when the key was used for another basket
     * @throws CheckoutConflictException (as the failure) when an earlier attempt's reservation was released without an order
     * @throws DownstreamProblemException (as the failure) when catalog or orders refused: catalog does not know a
     *                                     book (400), the books are sold in different currencies (422), insufficient stock
     * @throws DownstreamUnavailableException (as the failure) when catalog or orders gave no answer, even after waiting
     */
    public Uni<Order> checkout(Checkout checkout, Runnable firstWait) {
        UUID orderId = checkout.idempotencyKey()
                .map(key -> OrderIds.forKey(checkout.caller().tenant(), key))
                .orElseGet(UUID::randomUUID);
        DownstreamPatience.Patience patience = downstreamPatience.begin(firstWait);
        return reserve(checkout, orderId)
                .flatMap(reservation -> orderFor(checkout, orderId, reservation, patience))
                // Only the reservation calls catalog (a release after a refusal fails quietly).
                .onFailure(failure -> checkout.idempotencyKey().isPresent() && isUnavailable(failure, Downstreams.CATALOG))
                .recoverWithUni(catalogDown -> orderMadeEarlier(checkout, orderId, catalogDown))
                // catalog failed fast and no earlier order answers: the reservation again, waiting for catalog.
                .onFailure(failure -> isUnavailable(failure, Downstreams.CATALOG) && DownstreamPatience.waitsFor(failure))
                .recoverWithUni(() -> patience.waitFor(() -> reserve(checkout, orderId))
                        .flatMap(reservation -> orderFor(checkout, orderId, reservation, patience)))
                .invoke(order -> checkout.idempotencyKey().ifPresent(unknownOutcomes::forget))
                .onTermination().invoke(patience::end);
    }

    /** The order for the reservation, made at its prices, waiting for orders as the checkout's patience lets it. */
    private Uni<Order> orderFor(Checkout checkout, UUID orderId, Reservation reservation, DownstreamPatience.Patience patience) {
        return (reservation.isReleased() ? requireOrderOf(checkout.caller(), orderId) : Uni.createFrom().voidItem())
                .flatMap(ignored -> create(checkout, orderId, PricedCheckout.of(checkout.items(), reservation), reservation, patience));
    }

    /**
     * catalog gave no answer to a keyed checkout: when an earlier attempt with the key made the
     * order (its answer lost on the way, say), that order is the answer, as it would be with
     * catalog up; a shopper retrying to learn the outcome should not have to wait for catalog.
     * The books and quantities must be the ones asked for (the order does not show its payment
     * method). With no such order, or orders unavailable too, catalog's failure stands. Only a
     * failure costs the look-up.
     */
    private Uni<Order> orderMadeEarlier(Checkout checkout, UUID orderId, Throwable catalogDown) {
        return orders.find(checkout.caller(), orderId)
                .map(earlier -> PricedCheckout.atPricesOf(checkout.items(), earlier)
                        .map(priced -> earlier)
                        .orElseThrow(() -> new IdempotencyKeyReusedException(checkout.idempotencyKey().orElseThrow())))
                .onFailure(failure -> !(failure instanceof IdempotencyKeyReusedException))
                .transform(noOrderOrOrdersDown -> catalogDown);
    }

    private Uni<Reservation> reserve(Checkout checkout, UUID orderId) {
        List<ReservationItem> items = checkout.items().stream().map(item -> new ReservationItem(item.isbn(), item.qty())).toList();
        return catalog.reserve(checkout.caller(), new ReservationRequest(orderId, items))
                // Catalog holds other books under this order id: an earlier checkout with the key.
                .onFailure(failure -> checkout.idempotencyKey().isPresent() && isProblem(failure, ProblemType.CONFLICT))
                .transform(failure -> new IdempotencyKeyReusedException(checkout.idempotencyKey().orElseThrow()));
    }

    /**
     * A replayed reservation that is already released belongs to an earlier attempt under
     * the same key. If that attempt made an order (whose payment failed, say), the create
     * below replays it; if not, creating one now would sell stock that is no longer held.
     */
    private Uni<Void> requireOrderOf(Caller caller, UUID orderId) {
        return orders.find(caller, orderId)
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof DownstreamProblemException problem && problem.status() == 404)
                .transform(failure -> new CheckoutConflictException("the stock an earlier checkout with this Idempotency-Key "
                        + "reserved was released and no order was made; check out again with a new Idempotency-Key"));
    }

    /**
     * Creates the order under the reserved id. The reservation is released only when orders'
     * answer proves that no order holds it: a 400 writes nothing. A 409 or 422 means an order
     * under this id or key exists, and an unknown outcome (no answer even after the retries and
     * the checkout's patience, which replay under the same key) may have made one: the stock then stays reserved until
     * that order's payment fails, or, when none was made, until catalog's reaper releases it
     * after its window. orders refuses the order once the window has passed.
     */
    private Uni<Order> create(Checkout checkout, UUID orderId, PricedCheckout priced, Reservation reservation,
                              DownstreamPatience.Patience patience) {
        String key = checkout.idempotencyKey().orElse(orderId.toString());
        OrderRequest request = orderRequest(checkout, orderId, priced, reservation);
        return patience.waitFor(() -> orders.create(checkout.caller(), key, request))
                .onFailure(failure -> failure instanceof DownstreamProblemException problem && problem.status() == 400)
                .call(failure -> release(checkout.caller(), orderId))
                .onFailure(failure -> checkout.idempotencyKey().isPresent() && isProblem(failure, ProblemType.IDEMPOTENCY_KEY_REUSED))
                .recoverWithUni(failure -> replayAtFirstPrices(checkout, orderId, key, reservation))
                .onFailure(DownstreamUnavailableException.class)
                .transform(failure -> outcomeUnknown(checkout, orderId, (DownstreamUnavailableException) failure));
    }

    /**
     * orders gave no answer to the creation: the order may exist. The client is told so, and
     * that the same request with the same Idempotency-Key finds it (or makes it) once orders
     * answers; admission control lets that retry in ({@link UnknownOutcomes}).
     */
    private DownstreamUnavailableException outcomeUnknown(Checkout checkout, UUID orderId, DownstreamUnavailableException failure) {
        LOG.warnf("order %s: its creation has no known outcome, so its reservation stays: %s", orderId, failure.getMessage());
        checkout.idempotencyKey().ifPresent(unknownOutcomes::record);
        return failure.explained("; the order may have been made:"
                + " send the same checkout again with the same Idempotency-Key to learn its outcome");
    }

    /**
     * orders refused the key because the order it made was asked for differently. Prices are
     * read anew on every attempt, so a retry of the very same checkout differs when catalog
     * changed a price in between: when the order holds the client's books and quantities, the
     * request is made again at the order's own prices, which orders replays if the rest (the
     * payment method) is the same too. Only a refusal costs the look-up; the common path asks
     * orders once.
     */
    private Uni<Order> replayAtFirstPrices(Checkout checkout, UUID orderId, String key, Reservation reservation) {
        return orders.find(checkout.caller(), orderId)
                .map(first -> PricedCheckout.atPricesOf(checkout.items(), first)
                        .orElseThrow(() -> new IdempotencyKeyReusedException(key)))
                .flatMap(priced -> orders.create(checkout.caller(), key, orderRequest(checkout, orderId, priced, reservation)))
                // No order under the id (the key made one under another) or a different payment method.
                .onFailure(failure -> isProblem(failure, ProblemType.IDEMPOTENCY_KEY_REUSED)
                        || failure instanceof DownstreamProblemException problem && problem.status() == 404)
                .transform(failure -> new IdempotencyKeyReusedException(key));
    }

    private static OrderRequest orderRequest(Checkout checkout, UUID orderId, PricedCheckout priced, Reservation reservation) {
        return new OrderRequest(orderId, priced.currency(), checkout.paymentMethod(), priced.lines(), reservation.expiresAt());
    }

    /** Best effort: the client gets orders' refusal either way; a reservation left behind is logged for an operator. */
    private Uni<Void> release(Caller caller, UUID orderId) {
        return catalog.release(caller, orderId)
                .onFailure().invoke(failure -> LOG.errorf("order %s was refused but its reservation could not be released: %s",
                        orderId, failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static boolean isUnavailable(Throwable failure, String downstream) {
        return failure instanceof DownstreamUnavailableException unavailable && unavailable.downstream().equals(downstream);
    }

    private static boolean isProblem(Throwable failure, ProblemType type) {
        return failure instanceof DownstreamProblemException problem && problem.is(type.uri());
    }
}
