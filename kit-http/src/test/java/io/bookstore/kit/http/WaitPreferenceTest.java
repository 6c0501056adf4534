package io.bookstore.kit.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WaitPreferenceTest {

    @Test
    void readsTheWaitAmongOtherPreferences() {
        assertThat(seconds("wait=5")).contains(5);
        assertThat(seconds("respond-async, wait=3")).contains(3);
        assertThat(seconds(" Wait = 4 ")).contains(4);
        assertThat(seconds("wait=\"7\"")).contains(7);
        assertThat(seconds("wait=6; foo=bar")).contains(6);
        assertThat(WaitPreference.parse(List.of("handling=lenient", "wait=2, wait=9")).map(WaitPreference::seconds))
                .as("the first wait of the first header that has one").contains(2);
    }

    @Test
    void capsTheWaitAtTenSeconds() {
        assertThat(seconds("wait=11")).contains(10);
        assertThat(seconds("wait=999999999")).contains(10);
        assertThat(WaitPreference.parse(List.of("wait=60")).orElseThrow().applied()).isEqualTo("wait=10");
    }

    @Test
    void ignoresWhatIsNotAWholeNumberOfSeconds() {
        for (String prefer : List.of("wait", "wait=", "wait=soon", "wait=-1", "wait=1.5", "wait=1234567890", "waiting=3")) {
            assertThat(seconds(prefer)).as(prefer).isEmpty();
        }
        assertThat(WaitPreference.parse(null)).isEmpty();
    }

    private static Optional<Integer> seconds(String prefer) {
        return WaitPreference.parse(List.of(prefer)).map(WaitPreference::seconds);
    }
}
