package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool skips the tests that need it, naming the package to install; it never passes them. */
class ToolTest {

    @Test
    void aMissingToolSkipsWithTheInstallCommand() {
        assertThat(Tool.find("bookstore-no-such-tool")).isEmpty();

        assertThatThrownBy(() -> Tool.require("bookstore-no-such-tool"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("bookstore-no-such-tool is not installed")
                .hasMessageContaining(Tool.INSTALL_HINT);
    }
}
