package io.bookstore.outbox.health;

import io.bookstore.outbox.service.PublishHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the relay can publish, as its own recent sends tell ({@link PublishHealth}).
 * Asks nothing over the network: the "Kafka cluster" check does that.
 */
@Readiness
@ApplicationScoped
public class RelayReadinessCheck implements HealthCheck {

    private static final String NAME = "Outbox relay";

    private final PublishHealth health;

    public RelayReadinessCheck(PublishHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        PublishHealth.Status status = health.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(status.canPublish());
        if (status.lastError() != null) {
            response.withData("failing_for_seconds", status.failingFor().toSeconds())
                    .withData("error", status.lastError());
        }
        return response.build();
    }
}
