package io.bookstore.testkit;

/** Tears down what a test started (services, proxies, databases), each one even when another fails to stop. */
public final class Cleanup {

    private Cleanup() {
    }

    /** Closes each in the order given, skipping nulls and going on past one that fails: stopping the next matters more. */
    public static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Stopping the others matters more.
            }
        }
    }

    /** {@link PostgresDatabase#drop()} as a closeable, or null when there is no database. */
    public static AutoCloseable dropping(PostgresDatabase database) {
        return database == null ? null : database::drop;
    }
}
