package io.bookstore.outbox.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** Names a replica in {@code claimed_by}: unique even when two processes share a host name. */
final class ReplicaIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReplicaIds() {
    }

    static String resolve(Optional<String> configured) {
        return configured(configured).orElseGet(() -> hostName() + "-" + suffix());
    }

    /** The configured id, if one is: it names the replica across its restarts. */
    static Optional<String> configured(Optional<String> configured) {
        return configured.filter(id -> !id.isBlank());
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "outbox-publisher";
        }
    }

    private static String suffix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
