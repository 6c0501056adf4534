package io.bookstore.kit.http;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Refuses to start a service in the {@code prod} profile while one of its secrets (the
 * properties it lists in {@value #CHECKED}) still has the value the repository's
 * {@code application.properties} ships: a development default, public on GitHub, must never
 * guard a deployment. The message names each property and the environment variable that sets
 * it. A development stack on a laptop (the devstack, the tests' packaged services) says so
 * with {@value #ALLOW_DEFAULTS}{@code =true}.
 */
@Singleton
public class RepositorySecrets {

    /** The service's secret properties, comma-separated. */
    public static final String CHECKED = "bookstore.secrets.checked";
    /** Set by a development stack that knowingly runs the prod profile on the repository's defaults. */
    public static final String ALLOW_DEFAULTS = "bookstore.secrets.allow-development-defaults";

    void refuseDefaults(@Observes StartupEvent started, Config config) {
        if (!ConfigUtils.getProfiles().contains("prod") || config.getOptionalValue(ALLOW_DEFAULTS, Boolean.class).orElse(false)) {
            return;
        }
        List<String> leftAtDefault = config.getOptionalValues(CHECKED, String.class).orElse(List.of()).stream()
                .filter(property -> {
                    Optional<String> shipped = shippedValue(config, property);
                    return shipped.isPresent() && Objects.equals(shipped.get(), config.getOptionalValue(property, String.class).orElse(null));
                })
                .toList();
        if (!leftAtDefault.isEmpty()) {
            throw new IllegalStateException("refusing to start in the prod profile: "
                    + String.join(", ", leftAtDefault.stream().map(RepositorySecrets::describe).toList())
                    + " still hold the repository's development default. Set them from a secret store; on a"
                    + " development stack only, set " + ALLOW_DEFAULTS + "=true.");
        }
    }

    /** The value of {@code property} in the application's own {@code application.properties}, if it sets one. */
    private static Optional<String> shippedValue(Config config, String property) {
        return StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(source -> source.getName().contains("application.properties"))
                .map(source -> source.getValue(property))
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static String describe(String property) {
        return property + " (" + property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + ")";
    }
}
