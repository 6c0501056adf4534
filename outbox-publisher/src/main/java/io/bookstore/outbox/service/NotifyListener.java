package io.bookstore.outbox.service;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.jboss.logging.Logger;

/**
 * LISTENs on the channel that orders notifies after each commit and turns every
 * notification into a wake-up. A hint only: while the connection is down the timer
 * still delivers, and on every (re)subscription the relay is woken once to catch up on
 * hints it missed. The connection is re-established with back-off, forever.
 */
public final class NotifyListener {

    private static final Logger LOG = Logger.getLogger(NotifyListener.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final ExponentialBackoff backoff;
    private final Runnable onHint;

    private PgSubscriber subscriber;
    private volatile boolean stopped;

    public NotifyListener(Vertx vertx, PgConnectOptions options, String channel, ExponentialBackoff backoff, Runnable onHint) {
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.backoff = backoff;
        this.onHint = onHint;
    }

    public void start() {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(this::reconnectDelay);
        PgChannel notifications = subscriber.channel(channel);
        notifications.handler(payload -> onHint.run());
        notifications.subscribeHandler(ignored -> {
            LOG.infof("Listening for outbox hints on channel %s at %s:%d", channel, options.getHost(), options.getPort());
            onHint.run();
        });
        connect(1);
    }

    public void stop() {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** The subscriber retries a lost connection itself, but not a first connect that fails. */
    private void connect(int attempt) {
        subscriber.connect().onFailure(error -> {
            if (stopped) {
                return;
            }
            long delay = backoff.delay(attempt).toMillis();
            if (attempt == 1) {
                LOG.warnf("Cannot LISTEN on %s (retrying in %d ms, then less often; the poll timer delivers meanwhile): %s",
                        channel, delay, error.getMessage());
            }
            vertx.setTimer(delay, id -> connect(attempt + 1));
        });
    }

    /** Called by the subscriber with the retries so far after its connection closed. */
    private Long reconnectDelay(Integer retries) {
        if (stopped) {
            return -1L;
        }
        long delay = backoff.delay(retries + 1).toMillis();
        if (retries == 0) {
            LOG.warnf("LISTEN connection on %s lost; reconnecting in %d ms (the poll timer delivers meanwhile)", channel, delay);
        }
        return delay;
    }
}
