package io.bookstore.outbox.health;

import io.bookstore.outbox.events.KafkaProbe;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kafka cluster answers; asks it with a bounded, non-blocking call. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "Kafka cluster";

    private final KafkaProbe kafka;

    public KafkaReadinessCheck(KafkaProbe kafka) {
        this.kafka = kafka;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return kafka.brokers()
                .map(brokers -> HealthCheckResponse.named(NAME).up().withData("brokers", brokers).build())
                .onFailure().recoverWithItem(error -> HealthCheckResponse.named(NAME).down()
                        .withData("error", error.getClass().getSimpleName() + ": " + error.getMessage())
                        .build());
    }
}
