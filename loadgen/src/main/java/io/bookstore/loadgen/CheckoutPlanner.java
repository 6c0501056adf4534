package io.bookstore.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What each checkout buys and how it pays: 1–3 distinct books of one currency (books in
 * two currencies would be a 422), quantity 1, tenants {@code load-1…load-N} in turn, and a
 * card that succeeds, or with probability {@code declineShare} one the PSP declines.
 * Called from the scheduler thread only.
 */
final class CheckoutPlanner {

    static final List<String> SUCCEEDING_CARDS = List.of("pm_card_visa", "pm_card_mastercard");
    static final List<String> DECLINED_CARDS = List.of(
            "pm_card_chargeDeclined",
            "pm_card_chargeDeclinedInsufficientFunds",
            "pm_card_chargeDeclinedFraudulent",
            "pm_card_chargeDeclinedExpiredCard",
            "pm_card_chargeDeclinedIncorrectCvc",
            "pm_card_chargeDeclinedProcessingError");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One checkout to send. */
    record Plan(String tenant, List<Book> books, String paymentMethod, boolean expectDecline) {

        String body() {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode items = body.putArray("items");
            for (Book book : books) {
                items.addObject().put("isbn", book.isbn()).put("qty", 1);
            }
            body.put("payment_method", paymentMethod);
            try {
                return JSON.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The realm has this many load users, load-1..load-10, each the one user of its tenant. */
    static final int MAX_TENANTS = 10;

    private final List<Book> books;
    private final Map<String, List<Book>> byCurrency;
    private final int tenants;
    private final double declineShare;
    private final Random random;

    CheckoutPlanner(List<Book> books, int tenants, double declineShare, Random random) {
        if (books.isEmpty()) {
            throw new IllegalArgumentException("no books to buy");
        }
        this.books = List.copyOf(books);
        this.byCurrency = books.stream().collect(Collectors.groupingBy(Book::currency));
        this.tenants = tenants;
        this.declineShare = declineShare;
        this.random = random;
    }

    /** The tenants the checkouts go to, in turn. */
    List<String> tenants() {
        return IntStream.range(0, tenants).mapToObj(i -> tenant(i, tenants)).toList();
    }

    static String tenant(long index, int tenants) {
        return "load-" + (index % tenants + 1);
    }

    Plan next(long index) {
        Book first = books.get(random.nextInt(books.size()));
        List<Book> sameCurrency = new ArrayList<>(byCurrency.get(first.currency()));
        sameCurrency.remove(first);
        Collections.shuffle(sameCurrency, random);
        int count = 1 + random.nextInt(3);
        List<Book> chosen = new ArrayList<>();
        chosen.add(first);
        chosen.addAll(sameCurrency.subList(0, Math.min(count - 1, sameCurrency.size())));
        boolean decline = random.nextDouble() < declineShare;
        String card = decline
                ? DECLINED_CARDS.get(random.nextInt(DECLINED_CARDS.size()))
                : SUCCEEDING_CARDS.get(random.nextInt(SUCCEEDING_CARDS.size()));
        return new Plan(tenant(index, tenants), List.copyOf(chosen), card, decline);
    }
}
