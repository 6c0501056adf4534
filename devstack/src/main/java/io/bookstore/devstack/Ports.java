package io.bookstore.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/** The fixed ports of the stack: checked before anything starts, so a clash is named up front. */
final class Ports {

    static final int KAFKA = 9092;
    /** Kafka's KRaft controller listener; 9093 is Alertmanager's in DESIGN.md. */
    static final int KAFKA_CONTROLLER = 9094;
    static final int OTLP_HTTP = 4318;
    /** Tempo's HTTP port: the stack answers Tempo's trace query API there. */
    static final int TEMPO_HTTP = 3200;
    static final int KEYCLOAK = 8180;

    private Ports() {
    }

    /** Throws, naming the first port another process holds and who in the stack needs it. */
    static void requireFree(Map<Integer, String> neededBy) {
        neededBy.forEach((port, user) -> {
            if (!isFree(port)) {
                throw new StackFailure("port " + port + ", which " + user + " needs, is taken by another process",
                        "stop that process (`ss -ltnp 'sport = :" + port + "'` names it), or run `./bookstore down` "
                                + "if it is a devstack started earlier");
            }
        });
    }

    /** Binding the wildcard address fails while any process listens on the port, on any address. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
