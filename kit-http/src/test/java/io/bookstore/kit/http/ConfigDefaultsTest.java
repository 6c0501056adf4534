package io.bookstore.kit.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The kit's {@code META-INF/microprofile-config.properties}: what a service no longer repeats. */
@QuarkusTest
class ConfigDefaultsTest {

    /** The port Quarkus tests use when none is configured. */
    private static final int FIXED_TEST_PORT = 8081;

    @TestHTTPResource
    URI root;

    @Test
    void testsRunOnARandomPort() {
        assertThat(root.getPort()).isPositive().isNotEqualTo(FIXED_TEST_PORT);
    }

    @Test
    void theTransportLimitIsABackstopAboveTheApisLimit() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", String.class)).isEqualTo("1M");
        assertThat(ConfigProvider.getConfig().getValue("bookstore.http.max-body-size", String.class)).isEqualTo("64K");
    }
}
