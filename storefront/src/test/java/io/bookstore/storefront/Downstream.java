package io.bookstore.storefront;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** A service behind the storefront, as the tests act on it through the {@link Platform}'s controls. */
enum Downstream {
    CATALOG(Platform.CATALOG),
    ORDERS(Platform.ORDERS),
    RECOMMENDATIONS(Platform.RECOMMENDATIONS);

    private final String name;

    Downstream(String name) {
        this.name = name;
    }

    /** Whether the service runs in this test run (recommendations needs its packaged jar). */
    boolean available() {
        return controls().containsKey(name + ".kill");
    }

    /** The URL the storefront calls it at (its proxy), also for the tests' own calls. */
    String url() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client." + name + ".url", String.class);
    }

    /** SIGKILL: the service is gone until {@link #start()}. */
    void kill() {
        run("kill");
    }

    /** Starts a new process on the same database and returns once it is ready. */
    void start() {
        run("start");
    }

    /** The service accepts connections and reads requests but never answers. */
    void silence() {
        run("silence");
    }

    /** Every connection to the service is reset: unreachable, though its process keeps running. */
    void refuse() {
        run("refuse");
    }

    /** Forwards to the service again after {@link #silence()} or {@link #refuse()}. */
    void resume() {
        run("resume");
    }

    /** TCP connections the storefront (or a test) opened to the service so far. */
    long connections() {
        return ((LongSupplier) control("connections")).getAsLong();
    }

    /** The spans every service (the storefront included) exported for the trace, as maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> spans(String traceId) {
        return ((Function<String, List<Map<String, String>>>) controls().get("spans")).apply(traceId);
    }

    private void run(String action) {
        ((Runnable) control(action)).run();
    }

    private Object control(String action) {
        Object control = controls().get(name + "." + action);
        if (control == null) {
            throw new IllegalStateException(name + " does not run in this test run");
        }
        return control;
    }

    private static Map<?, ?> controls() {
        Object controls = System.getProperties().get(Platform.CONTROLS);
        if (controls == null) {
            throw new IllegalStateException("the platform is not started");
        }
        return (Map<?, ?>) controls;
    }
}
