package io.bookstore.psp.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Stripe's test-mode payment methods the simulator knows, and what charging each one does.
 * The ids, codes and messages are Stripe's, so a client tested here behaves the same against
 * a Stripe test account.
 */
public final class TestPaymentMethods {

    /** What a charge to a payment method does: nothing to report when it succeeds, else Stripe's card error. */
    public record Charge(String code, String declineCode, String message) {

        static final Charge SUCCEEDS = new Charge(null, null, null);

        public boolean succeeds() {
            return code == null;
        }

        public ApiError error(String paymentMethod) {
            return new ApiError(ApiError.CARD_ERROR, code, declineCode, null, message, null, PaymentMethodRef.card(paymentMethod));
        }
    }

    private static final Map<String, Charge> CHARGES = Map.of(
            "pm_card_visa", Charge.SUCCEEDS,
            "pm_card_mastercard", Charge.SUCCEEDS,
            "pm_card_amex", Charge.SUCCEEDS,
            "pm_card_chargeDeclined", new Charge("card_declined", "generic_decline", "Your card was declined."),
            "pm_card_chargeDeclinedInsufficientFunds", new Charge("card_declined", "insufficient_funds", "Your card has insufficient funds."),
            "pm_card_chargeDeclinedFraudulent", new Charge("card_declined", "fraudulent", "Your card was declined."),
            "pm_card_chargeDeclinedExpiredCard", new Charge("expired_card", "expired_card", "Your card has expired."),
            "pm_card_chargeDeclinedIncorrectCvc", new Charge("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
            "pm_card_chargeDeclinedProcessingError", new Charge("processing_error", "processing_error",
                    "An error occurred while processing your card. Try again in a little bit."));

    private TestPaymentMethods() {
    }

    public static Optional<Charge> charge(String paymentMethod) {
        return Optional.ofNullable(CHARGES.get(paymentMethod));
    }

    /** Stripe's answer to a payment method it does not know. */
    public static StripeException noSuch(String paymentMethod) {
        return StripeException.invalid("payment_method", "resource_missing", "No such PaymentMethod: '" + paymentMethod + "'");
    }
}
