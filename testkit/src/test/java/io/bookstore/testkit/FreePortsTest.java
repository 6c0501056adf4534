package io.bookstore.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FreePortsTest {

    @Test
    void aPortIsFreeAndBelowTheRangeOutgoingConnectionsTakeTheirPortsFrom() throws IOException {
        int ephemeralStart = FreePorts.ephemeralStart();
        assumeTrue(ephemeralStart > 11_000, "the kernel's ephemeral range is known (Linux)");

        for (int i = 0; i < 20; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(10_000, ephemeralStart - 1);
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
