package io.bookstore.psp.service;

import io.bookstore.psp.client.WebhookSender;
import io.bookstore.psp.domain.ApiError;
import io.bookstore.psp.domain.Faults;
import io.bookstore.psp.domain.Ids;
import io.bookstore.psp.domain.IntentStatus;
import io.bookstore.psp.domain.NewIntent;
import io.bookstore.psp.domain.PaymentIntent;
import io.bookstore.psp.domain.PaymentIntentList;
import io.bookstore.psp.domain.PaymentIntentQuery;
import io.bookstore.psp.domain.StripeException;
import io.bookstore.psp.domain.TestPaymentMethods;
import io.bookstore.psp.domain.WebhookEvent;
import io.bookstore.psp.repository.IntentStore;
import io.bookstore.psp.repository.IntentStore.StoredIntent;
import io.bookstore.psp.service.IdempotencyStore.Execution;
import io.bookstore.psp.service.IdempotencyStore.Fingerprint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Creates, confirms and reads payment intents the way Stripe's test mode does, with the fault
 * knobs applied around each request: latency first, then the injected 500s, then the
 * idempotent execution, then the webhooks of a first execution.
 */
@ApplicationScoped
public class PaymentIntentService {

    static final String CREATE = "POST /v1/payment_intents";

    private final FaultDefaults faultDefaults;
    private final IntentStore intents;
    private final IdempotencyStore idempotency;
    private final WebhookSender webhooks;
    private final IntentMetrics metrics;

    public PaymentIntentService(FaultDefaults faultDefaults, IntentStore intents, IdempotencyStore idempotency,
                                WebhookSender webhooks, IntentMetrics metrics) {
        this.faultDefaults = faultDefaults;
        this.intents = intents;
        this.idempotency = idempotency;
        this.webhooks = webhooks;
        this.metrics = metrics;
    }

    /** Who asked: the API key (idempotency keys are per key), the optional idempotency key, and the request's id. */
    public record Call(String apiKey, Optional<String> idempotencyKey, String requestId) {
    }

    public Uni<Execution> create(Call call, NewIntent params, SortedMap<String, List<String>> form) {
        Faults faults = Faults.resolve(faultDefaults.current(), params.metadata());
        if (faults.failAttempts() > 0 && call.idempotencyKey().isEmpty()) {
            throw StripeException.invalid("metadata[" + Faults.FAIL_ATTEMPTS + "]",
                    Faults.FAIL_ATTEMPTS + " counts the attempts of one Idempotency-Key: send the header with it.");
        }
        return afterLatency(faults.latency(), () -> execute(call, new Fingerprint(CREATE, form), faults, () -> createNow(call, params)));
    }

    /** {@code POST /v1/payment_intents/{id}/confirm}: the knobs are those of the intent's metadata. */
    public Uni<Execution> confirm(Call call, String id, Optional<String> paymentMethod, SortedMap<String, List<String>> form) {
        Faults faults = faultsOf(id);
        Fingerprint fingerprint = new Fingerprint("POST /v1/payment_intents/" + id + "/confirm", form);
        return afterLatency(faults.latency(), () -> execute(call, fingerprint, faults, () -> confirmNow(call, id, paymentMethod)));
    }

    /** {@code POST /v1/payment_intents/{id}/cancel}: like a confirm, the knobs are those of the intent's metadata. */
    public Uni<Execution> cancel(Call call, String id, Optional<String> reason, SortedMap<String, List<String>> form) {
        Faults faults = faultsOf(id);
        Fingerprint fingerprint = new Fingerprint("POST /v1/payment_intents/" + id + "/cancel", form);
        return afterLatency(faults.latency(), () -> execute(call, fingerprint, faults, () -> cancelNow(id, reason)));
    }

    /** The defaults in force with the knobs of the intent's metadata, or the defaults for an unknown id. */
    private Faults faultsOf(String id) {
        Faults defaults = faultDefaults.current();
        return intents.find(id)
                .map(stored -> Faults.resolve(defaults, stored.current().metadata()))
                .orElse(defaults);
    }

    /** The intent as it is now. Reads get the default latency and error rate (no metadata to override them). */
    public Uni<PaymentIntent> retrieve(String id) {
        return read(() -> intents.find(id).map(StoredIntent::current).orElseThrow(() -> IntentStore.noSuchIntent(id)));
    }

    /** One page of {@code GET /v1/payment_intents}, newest first; a read like {@link #retrieve}. */
    public Uni<PaymentIntentList> list(PaymentIntentQuery query) {
        return read(() -> intents.page(query));
    }

    private <T> Uni<T> read(Supplier<T> answer) {
        Faults faults = faultDefaults.current();
        return afterLatency(faults.latency(), () -> {
            failRandomly(faults);
            return answer.get();
        });
    }

    private Execution execute(Call call, Fingerprint fingerprint, Faults faults, Supplier<ApiResult> action) {
        failRandomly(faults);
        Execution execution = call.idempotencyKey()
                .map(key -> idempotency.execute(new IdempotencyStore.Key(call.apiKey(), key), fingerprint, failures -> {
                    if (failures < faults.failAttempts()) {
                        throw injectedError();
                    }
                    return action.get();
                }))
                .orElseGet(() -> new Execution(action.get(), false));
        if (!execution.replayed()) {
            webhooks.dispatch(execution.result().events(), faults);
        }
        return execution;
    }

    private ApiResult createNow(Call call, NewIntent params) {
        long now = Instant.now().getEpochSecond();
        PaymentIntent open = PaymentIntent.open(Ids.paymentIntent(), params, now);
        if (!params.confirm()) {
            intents.add(new StoredIntent(open, open));
            metrics.executed(open, false);
            return ApiResult.of(open, List.of());
        }
        PaymentIntent settled = charge(open, params.paymentMethod().orElseThrow());
        intents.add(new StoredIntent(settled, open));
        return settle(call, open, settled, now);
    }

    private ApiResult confirmNow(Call call, String id, Optional<String> paymentMethod) {
        long now = Instant.now().getEpochSecond();
        StoredIntent confirmed = intents.update(id, stored -> {
            PaymentIntent current = stored.current();
            if (!current.status().confirmable()) {
                throw StripeException.invalid(null, "payment_intent_unexpected_state", "You cannot confirm this PaymentIntent because it has a status of "
                        + current.status().wire() + ". Only a PaymentIntent with one of the following statuses may be confirmed: "
                        + "requires_confirmation, requires_payment_method.");
            }
            String method = paymentMethod.or(() -> Optional.ofNullable(current.paymentMethod()))
                    .orElseThrow(() -> StripeException.invalid("payment_method", "parameter_missing",
                            "You cannot confirm this PaymentIntent because it's missing a payment method. Pass payment_method."));
            return new StoredIntent(charge(current, method), stored.atCreation());
        });
        return settle(call, confirmed.atCreation(), confirmed.current(), now);
    }

    private ApiResult cancelNow(String id, Optional<String> reason) {
        long now = Instant.now().getEpochSecond();
        StoredIntent canceled = intents.update(id, stored -> {
            PaymentIntent current = stored.current();
            if (!current.status().cancelable()) {
                throw StripeException.invalid(null, "payment_intent_unexpected_state", "You cannot cancel this PaymentIntent because it has a status of "
                        + current.status().wire() + ". Only a PaymentIntent with one of the following statuses may be canceled: "
                        + "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
            }
            return new StoredIntent(current.canceled(now, reason.orElse(null)), stored.atCreation());
        });
        metrics.canceled();
        // Stripe raises payment_intent.canceled, which the platform's endpoint does not subscribe to: nothing is sent.
        return ApiResult.of(canceled.current(), List.of());
    }

    private static PaymentIntent charge(PaymentIntent intent, String paymentMethod) {
        TestPaymentMethods.Charge charge = TestPaymentMethods.charge(paymentMethod)
                .orElseThrow(() -> TestPaymentMethods.noSuch(paymentMethod));
        return charge.succeeds() ? intent.succeeded(paymentMethod) : intent.declined(charge.error(paymentMethod));
    }

    /** The answer and events of a confirmation: the creation event (sent only out of order) and the outcome's event. */
    private ApiResult settle(Call call, PaymentIntent atCreation, PaymentIntent settled, long now) {
        metrics.executed(settled, true);
        String type = settled.status() == IntentStatus.SUCCEEDED
                ? WebhookEvent.PAYMENT_INTENT_SUCCEEDED
                : WebhookEvent.PAYMENT_INTENT_PAYMENT_FAILED;
        List<WebhookEvent> events = List.of(
                WebhookEvent.of(WebhookEvent.PAYMENT_INTENT_CREATED, atCreation, atCreation.created(), call.requestId(),
                        call.idempotencyKey()),
                WebhookEvent.of(type, settled, now, call.requestId(), call.idempotencyKey()));
        return ApiResult.of(settled, events);
    }

    private void failRandomly(Faults faults) {
        if (Faults.draw(faults.errorRate())) {
            throw injectedError();
        }
    }

    private StripeException injectedError() {
        metrics.injectedError();
        return new StripeException(500, ApiError.of(ApiError.API_ERROR,
                "An unknown error occurred (injected by psp-simulator before anything was done; retrying is safe)."));
    }

    /** Runs the answer after the latency knob, on a timer rather than a sleeping thread. */
    private static <T> Uni<T> afterLatency(Duration latency, Supplier<T> answer) {
        Uni<T> now = Uni.createFrom().item(answer);
        return latency.isZero() ? now : Uni.createFrom().voidItem().onItem().delayIt().by(latency).onItem().transformToUni(ignored -> now);
    }
}
