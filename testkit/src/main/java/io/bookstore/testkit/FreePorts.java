package io.bookstore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback interface, so that parallel test runs never collide.
 * <p>
 * A port is chosen now and bound later, by a server that takes seconds to start (Keycloak,
 * Kafka, PostgreSQL). The kernel's ephemeral range, where {@code new ServerSocket(0)} finds one,
 * is also where every outgoing connection gets its local port, and on a busy test machine one
 * took a port in between ("Port already bound: 41827" from the test Keycloak). So on Linux the
 * port is a random free one below that range, which outgoing connections never use; elsewhere
 * the system's choice.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Ports below this stay for services of their own (the devstack's are all below 10000). */
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    public static int next() {
        int ephemeralStart = ephemeralStart();
        if (ephemeralStart > LOWEST + 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        return systemChosen();
    }

    /**
     * The first port of the kernel's ephemeral range; 0 when it cannot be read (not Linux). Read
     * by lines: {@code Files.readString} trusts the size a {@code /proc} file reports and returned
     * its first character.
     */
    static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int systemChosen() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
