package io.bookstore.deploy;

import io.bookstore.deploy.Rendered.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' environment: names they really read, values that agree with their code and DESIGN.md. */
class ServiceConfigurationTest {

    @EachOverlay
    void everyEnvironmentVariableOfAServiceIsAPropertyItReads(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        for (String service : DeployFiles.servicePorts().keySet()) {
            Set<String> names = environment(rendered, rendered.workload(service)).keySet();
            Set<String> notRead = unknownNames(service, names);
            if (!notRead.isEmpty()) {
                unknown.put(service, notRead);
            }
        }
        assertThat(unknown).as("environment variables no property of the service matches").isEmpty();
    }

    @Test
    void aMisspelledVariableIsCaught() {
        Set<String> names = Set.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_REACTIVE_ULR", "BOOKSTORE_PSP_WEBHOK_URL");

        assertThat(unknownNames("payments-gateway", names))
                .containsExactlyInAnyOrder("QUARKUS_DATASOURCE_REACTIVE_ULR", "BOOKSTORE_PSP_WEBHOK_URL");
    }

    @Test
    void aVariableOfAnExtensionTheServiceLacksIsCaught() {
        // psp-simulator exports no spans and has no database.
        assertThat(unknownNames("psp-simulator", Set.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "QUARKUS_DATASOURCE_JDBC_URL")))
                .hasSize(2);
        // outbox-publisher runs no migrations: no JDBC driver.
        assertThat(unknownNames("outbox-publisher", Set.of("QUARKUS_DATASOURCE_JDBC_URL"))).hasSize(1);
    }

    @Test
    void thePropertiesOfConfigMappingInterfacesAreKnown() {
        // Nested groups, @WithName and kebab-case, from the services' own @ConfigMapping interfaces.
        assertThat(ServiceProperties.propertyNames("psp-simulator"))
                .contains("bookstore.psp.webhook.url", "bookstore.psp.faults.webhook-drop-rate", "bookstore.psp.store.max-intents");
        assertThat(ServiceProperties.propertyNames("outbox-publisher"))
                .contains("bookstore.outbox.notify.channel", "bookstore.outbox.kafka.send-timeout", "quarkus.datasource.password");
    }

    @Test
    void theDefaultsOfTheLibrariesAServiceUsesAreKnown() {
        // quarkus.otel.logs.handler.enabled is set by telemetry's META-INF/microprofile-config.properties, not the service.
        assertThat(ServiceProperties.propertyNames("orders")).contains("quarkus.otel.logs.handler.enabled");
        // bookstore.http.max-body-size is kit-http's @ConfigMapping.
        assertThat(ServiceProperties.propertyNames("catalog")).contains("bookstore.http.max-body-size");
        assertThat(ServiceProperties.propertyNames("psp-simulator")).doesNotContain("quarkus.otel.logs.handler.enabled");
        // quarkus.shutdown.timeout is Quarkus' own: every service reads it, whatever its extensions.
        assertThat(ServiceProperties.propertyNames("psp-simulator")).contains("quarkus.shutdown.timeout");
    }

    private static Set<String> unknownNames(String service, Set<String> names) {
        Set<String> known = ServiceProperties.environmentNames(service);
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(known);
        return unknown;
    }

    @EachOverlay
    void theHttpPortIsTheDesignPortAndTheServicesDefault(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        for (Map.Entry<String, Integer> service : DeployFiles.servicePorts().entrySet()) {
            Map<String, String> environment = environment(rendered, rendered.workload(service.getKey()));

            assertThat(environment).as(service.getKey()).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(service.getValue()));
            assertThat(DeployFiles.read(DeployFiles.applicationProperties(service.getKey())))
                    .as(service.getKey() + " application.properties").contains("quarkus.http.port=" + service.getValue());
        }
    }

    @EachOverlay
    void eachServiceWithADatabaseUsesOneTheInitScriptCreates(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        String initScript = String.join("\n", rendered.configMap("postgres-init").getData().values());
        Pattern database = Pattern.compile("postgres:5432/(\\w+)$");
        for (String service : DeployFiles.servicePorts().keySet()) {
            Map<String, String> environment = environment(rendered, rendered.workload(service));
            String reactive = environment.get("QUARKUS_DATASOURCE_REACTIVE_URL");
            if (reactive == null) {
                assertThat(environment).as(service).doesNotContainKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD");
                continue;
            }
            Matcher name = database.matcher(reactive);
            assertThat(name.find()).as(service + " " + reactive).isTrue();

            assertThat(initScript).as("the init script").contains("CREATE DATABASE " + name.group(1) + ";");
            assertThat(environment.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + name.group(1)))
                    .as(service + " JDBC URL").isEqualTo("jdbc:postgresql://postgres:5432/" + name.group(1));
            assertThat(environment).as(service).containsKey("QUARKUS_DATASOURCE_PASSWORD");
        }
    }

    @EachOverlay
    void pspWebhooksGoToThePathPaymentsGatewayServes(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        Matcher constant = Pattern.compile("static final String PATH = \"([^\"]+)\"").matcher(DeployFiles.read(DeployFiles.repository()
                .resolve("payments-gateway/src/main/java/io/bookstore/payments/rest/WebhookResource.java")));
        assertThat(constant.find()).isTrue();
        String webhookPath = constant.group(1);

        URI webhookUrl = URI.create(environment(rendered, rendered.workload("psp-simulator")).get("BOOKSTORE_PSP_WEBHOOK_URL"));
        assertThat(webhookUrl.getHost() + ":" + webhookUrl.getPort() + webhookUrl.getPath()).isEqualTo("payments-gateway:8084" + webhookPath);

        List<String> exposed = rendered.all(Ingress.class).stream()
                .flatMap(ingress -> ingress.getSpec().getRules().stream())
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .map(ServiceConfigurationTest::route)
                .toList();
        assertThat(exposed).as("the only ways in").containsExactlyInAnyOrder(
                "/ (Exact) -> storefront", "/shop -> storefront", "/api -> storefront",
                webhookPath + " (Exact) -> payments-gateway", "/grafana -> grafana", "/auth -> keycloak");
    }

    @EachOverlay
    void keycloakImportsTheRepositorysRealmAndNamesItselfByTheIngressAddress(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        Workload keycloak = rendered.workload("keycloak");
        Map<String, String> environment = environment(rendered, keycloak);

        assertThat(keycloak.pod().getVolumes()).anySatisfy(volume -> assertThat(volume.getConfigMap().getName())
                .isEqualTo(rendered.configMap("keycloak-realm").getMetadata().getName()));
        assertThat(rendered.configMap("keycloak-realm").getData().get("bookstore-realm.json")).as("the realm Keycloak imports")
                .isEqualTo(DeployFiles.read(DeployFiles.repository().resolve("keycloak/bookstore-realm.json")));
        // Tokens fetched through the ingress (up.sh's BASE_URL) and checked inside the cluster name one issuer.
        assertThat(environment.get("KC_HOSTNAME")).isEqualTo("http://localhost:8088" + environment.get("KC_HTTP_RELATIVE_PATH"));
        assertThat(rendered.all(Ingress.class).stream().flatMap(ingress -> ingress.getSpec().getRules().stream())
                .flatMap(rule -> rule.getHttp().getPaths().stream()).map(ServiceConfigurationTest::route))
                .contains(environment.get("KC_HTTP_RELATIVE_PATH") + " -> keycloak");
        assertThat(environment.get("PAYMENTS_GATEWAY_CLIENT_SECRET")).isEqualTo("secret bookstore-secrets/payments-gateway-client-secret");
        // The shopper's page, served through the same ingress, signs in at that issuer.
        assertThat(environment(rendered, rendered.workload("storefront")).get("BOOKSTORE_STOREFRONT_WEB_ISSUER"))
                .isEqualTo(environment.get("KC_HOSTNAME") + "/realms/bookstore");
    }

    private static String route(HTTPIngressPath path) {
        return path.getPath() + (path.getPathType().equals("Exact") ? " (Exact)" : "") + " -> " + path.getBackend().getService().getName();
    }

    @EachOverlay
    void catalogsForcedFailuresAreOnInKind(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);

        assertThat(environment(rendered, rendered.workload("catalog")))
                .containsEntry("BOOKSTORE_CATALOG_FORCED_FAILURES_ENABLED", "true");
        assertThat(DeployFiles.read(DeployFiles.deployDir().resolve("base/services/catalog.env")))
                .as("the base leaves the switch at its default, off").doesNotContain("FORCED_FAILURES");
    }

    /** A container's environment: its literal and referenced values, ConfigMaps resolved, Secrets by reference. */
    static Map<String, String> environment(Rendered rendered, Workload workload) {
        Container container = workload.pod().getContainers().get(0);
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                environment.putAll(rendered.named(ConfigMap.class, source.getConfigMapRef().getName()).getData());
            }
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                environment.put(variable.getName(), "secret " + variable.getValueFrom().getSecretKeyRef().getName()
                        + "/" + variable.getValueFrom().getSecretKeyRef().getKey());
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                environment.put(variable.getName(), rendered.named(ConfigMap.class, variable.getValueFrom().getConfigMapKeyRef().getName())
                        .getData().get(variable.getValueFrom().getConfigMapKeyRef().getKey()));
            }
        }
        return environment;
    }
}
