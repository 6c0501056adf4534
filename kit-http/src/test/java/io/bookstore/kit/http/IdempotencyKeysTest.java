package io.bookstore.kit.http;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Idempotency-Key rules orders and the storefront answer with: one key, 1 to 255 visible ASCII characters. */
class IdempotencyKeysTest {

    @Test
    void noHeaderIsNoKey() {
        assertThat(IdempotencyKeys.read(null)).isEmpty();
        assertThat(IdempotencyKeys.read(List.of())).isEmpty();
    }

    @Test
    void oneVisibleAsciiTokenIsTheKey() {
        assertThat(IdempotencyKeys.read(List.of("8c1f-retry~1"))).contains("8c1f-retry~1");
        assertThat(IdempotencyKeys.read(List.of("k".repeat(255)))).contains("k".repeat(255));
    }

    @Test
    void aKeySentTwiceIsRefusedNamingTheHeader() {
        assertThat(refusal("a", "b")).containsExactly(new FieldError(HttpHeaders.IDEMPOTENCY_KEY, "must be sent once"));
    }

    @Test
    void anEmptyLongOrNonAsciiKeyIsRefusedNamingTheHeader() {
        FieldError error = new FieldError(HttpHeaders.IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        assertThat(refusal("")).containsExactly(error);
        assertThat(refusal("k".repeat(256))).containsExactly(error);
        assertThat(refusal("two words")).containsExactly(error);
        assertThat(refusal("caf\u00e9")).containsExactly(error);
    }

    private static List<FieldError> refusal(String... values) {
        return catchThrowableOfType(InvalidRequestException.class, () -> IdempotencyKeys.read(Arrays.asList(values))).errors();
    }
}
