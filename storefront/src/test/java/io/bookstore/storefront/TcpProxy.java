package io.bookstore.storefront;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder between the storefront and one downstream service, on a fixed loopback
 * port. The storefront's client URL points here, so a test can kill the service, start a
 * new one on another port and re-point the proxy, or make the service fall silent.
 * While the service is dead, a connection is accepted and reset at once: what a client
 * sees of a crashed process behind a load balancer.
 */
final class TcpProxy implements AutoCloseable {

    /** What the proxy does with a new connection: forward it, hold it unanswered, or reset it. */
    private enum Mode { FORWARDING, SILENT, REFUSING }

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile int targetPort;
    private volatile Mode mode = Mode.FORWARDING;

    private TcpProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static TcpProxy start(String name, int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(server, targetPort);
            daemon(name + "-proxy-accept", proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a proxy for " + name, e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Connections accepted so far: a call that never reaches the network does not count. */
    long connections() {
        return accepted.get();
    }

    /** Forwards new connections to {@code port}; the open ones, to the old target, are cut. */
    void retarget(int port) {
        targetPort = port;
        resume();
    }

    /** Accepts connections and reads requests but never answers: a hung service. */
    void silence() {
        switchTo(Mode.SILENT);
    }

    /** Resets every connection at once: the service is unreachable, whatever its process does. */
    void refuse() {
        switchTo(Mode.REFUSING);
    }

    /** Forwards again. */
    void resume() {
        switchTo(Mode.FORWARDING);
    }

    /** What happens to new connections from now on; the open ones are cut. */
    private void switchTo(Mode next) {
        mode = next;
        cutAll();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listening socket only fails when it is closed already.
        }
        cutAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            open.add(client);
            if (mode == Mode.REFUSING) {
                reset(client);
                continue;
            }
            if (mode == Mode.SILENT) {
                daemon("proxy-silent", () -> drain(client)).start();
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
            } catch (IOException refused) {
                reset(client);
                continue;
            }
            open.add(upstream);
            daemon("proxy-up", () -> pump(client, upstream)).start();
            daemon("proxy-down", () -> pump(upstream, client)).start();
        }
    }

    /** Copies bytes one way until either side closes, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // One side went away: the connection is over.
        } finally {
            forget(from);
            forget(to);
        }
    }

    /** Reads and discards what the client sends, answering nothing. */
    private void drain(Socket client) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // Swallowed: a hung service reads the request and never answers.
            }
        } catch (IOException closed) {
            // The client gave up or the proxy cut the connection.
        } finally {
            forget(client);
        }
    }

    private void cutAll() {
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // Without linger the close is a FIN instead of a reset: the client fails just the same.
        }
        forget(socket);
    }

    private void forget(Socket socket) {
        closeQuietly(socket);
        open.remove(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
