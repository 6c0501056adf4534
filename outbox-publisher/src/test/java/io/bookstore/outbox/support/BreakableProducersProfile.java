package io.bookstore.outbox.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Set;

/** The relay gets its producers from {@link BreakableKafkaClients}. */
public class BreakableProducersProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(BreakableKafkaClients.class);
    }
}
