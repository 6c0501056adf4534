package io.bookstore.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bookstore.deploy.Rendered.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector, Tempo, Loki, Prometheus, Alertmanager and Grafana run with the files of
 * observability/, read in place by its Component (observability/kustomization.yaml), found
 * where each expects them.
 */
class ObservabilityStackTest {

    private static final Pattern CONFIG_FLAG = Pattern.compile("^--?config(?:\\.file)?=(/.+)$");
    private static final YAMLMapper YAML = new YAMLMapper();

    @EachOverlay
    void theConfigMapsHoldTheObservabilityFilesUnchanged(String overlay) throws IOException {
        Rendered rendered = Rendering.overlay(overlay);
        Map<String, Map<String, Path>> generated = observabilityGenerators();

        assertThat(generated.keySet()).contains("otel-collector-config", "tempo-config", "loki-config", "prometheus-config",
                "prometheus-rules", "alertmanager-config", "grafana-datasources", "grafana-dashboard-provider", "grafana-dashboards");
        for (Map.Entry<String, Map<String, Path>> generator : generated.entrySet()) {
            Map<String, String> data = rendered.configMap(generator.getKey()).getData();
            assertThat(data.keySet()).as(generator.getKey()).isEqualTo(generator.getValue().keySet());
            for (Map.Entry<String, Path> file : generator.getValue().entrySet()) {
                assertThat(data.get(file.getKey())).as(generator.getKey() + " " + file.getKey())
                        .isEqualTo(Files.readString(file.getValue()));
            }
        }
    }

    @EachOverlay
    void thePodsReadTheObservabilityConfigMapsByTheirHashedNames(String overlay) throws IOException {
        Rendered rendered = Rendering.overlay(overlay);
        Set<String> read = SecretsTest.references(rendered, "configMap").keySet();

        for (String generator : observabilityGenerators().keySet()) {
            String name = rendered.configMap(generator).getMetadata().getName();
            assertThat(name).as("a changed file rolls out under a new name").matches(Pattern.quote(generator) + "-[a-z0-9]{10}");
            assertThat(read).as("the ConfigMaps the pods read").contains(name);
        }
    }

    @Test
    void everyRuleFileAndDashboardOfObservabilityIsDeployed() throws IOException {
        List<Path> deployed = observabilityGenerators().values().stream().flatMap(files -> files.values().stream())
                .map(Path::normalize).toList();
        for (String folder : List.of("prometheus/rules", "grafana/dashboards")) {
            try (Stream<Path> files = Files.list(DeployFiles.observability().resolve(folder))) {
                assertThat(deployed).as(folder).containsAll(files.map(Path::normalize).toList());
            }
        }
    }

    @Test
    void noObservabilityFileIsCopiedIntoDeploy() throws IOException {
        Map<String, Path> observabilityContents = new HashMap<>();
        for (Path file : sourceFiles(DeployFiles.observability())) {
            observabilityContents.put(Files.readString(file), file);
        }
        List<String> copies = new ArrayList<>();
        for (Path file : sourceFiles(DeployFiles.deployDir())) {
            Path original = observabilityContents.get(Files.readString(file));
            if (original != null) {
                copies.add(file + " is a copy of " + original);
            }
        }
        assertThat(observabilityContents).hasSizeGreaterThan(15);
        assertThat(copies).isEmpty();
    }

    private static List<Path> sourceFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !root.relativize(file).startsWith("target") && !root.relativize(file).startsWith("src"))
                    .toList();
        }
    }

    @EachOverlay
    void prometheusRunsWithTheFlagsOfPrometheusArgs(String overlay) {
        Container prometheus = Rendering.overlay(overlay).workload("prometheus").pod().getContainers().get(0);
        List<String> flags = DeployFiles.read(DeployFiles.observability().resolve("prometheus/prometheus.args")).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();

        assertThat(prometheus.getArgs()).filteredOn(argument -> !argument.startsWith("--config.file=") && !argument.startsWith("--storage.tsdb.path="))
                .containsExactlyElementsOf(flags);
    }

    @EachOverlay
    void prometheusLabelsEverySeriesWithThisClustersRegionAndEnvironment(String overlay, @TempDir Path work) throws IOException {
        Rendered rendered = Rendering.overlay(overlay);
        Workload prometheus = rendered.workload("prometheus");
        Container init = prometheus.pod().getInitContainers().get(0);
        Map<String, String> environment = resolvedEnvironment(rendered, init);
        Path source = Files.createDirectories(work.resolve("source"));
        Path config = Files.createDirectories(work.resolve("config"));
        String original = rendered.configMap("prometheus-config").getData().get("prometheus.yml");
        Files.writeString(source.resolve("prometheus.yml"), original);
        String script = init.getCommand().get(init.getCommand().size() - 1)
                .replace("/etc/prometheus-source", source.toString())
                .replace("/etc/prometheus", config.toString());

        Shell.Result result = Shell.run(List.of("sh", "-ec", script), environment, null);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(config.resolve("rules")).as("the mount point of the rules").isDirectory();
        String written = Files.readString(config.resolve("prometheus.yml"));
        String region = environment.get("REGION");
        String environmentName = environment.get("ENVIRONMENT");
        JsonNode parsed = YAML.readTree(written);
        for (JsonNode job : parsed.path("scrape_configs")) {
            for (JsonNode rule : job.path("relabel_configs")) {
                String target = rule.path("target_label").asText();
                if (target.equals("region") || target.equals("environment")) {
                    assertThat(rule.path("replacement").asText()).as(job.path("job_name") + " " + target)
                            .isEqualTo(target.equals("region") ? region : environmentName);
                }
            }
            for (JsonNode targets : job.path("static_configs")) {
                assertThat(targets.path("labels").path("region").asText()).as(job.path("job_name") + " region").isEqualTo(region);
                assertThat(targets.path("labels").path("environment").asText()).isEqualTo(environmentName);
            }
        }
        List<String> before = original.lines().toList();
        List<String> after = written.lines().toList();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                assertThat(after.get(i)).as("a changed line says the region or the environment")
                        .containsAnyOf(region, environmentName);
            }
        }
        assertThat(written).doesNotContain("eu-west-1");
        assertThat(parsed.path("rule_files")).allSatisfy(file -> assertThat(
                rendered.configMap("prometheus-rules").getData()).containsKey(file.asText().substring("rules/".length())));
    }

    @EachOverlay
    void theCollectorLabelsTelemetryWithThisClustersRegionAndEnvironment(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        Map<String, String> settings = rendered.configMap("cluster-settings").getData();
        Map<String, String> environment = resolvedEnvironment(rendered, rendered.workload("otel-collector").pod().getContainers().get(0));

        assertThat(environment).containsEntry("CLOUD_REGION", settings.get("REGION"))
                .containsEntry("DEPLOYMENT_ENVIRONMENT", settings.get("ENVIRONMENT"));
        assertThat(rendered.configMap("otel-collector-config").getData().get("otel-collector.yaml"))
                .contains("${env:CLOUD_REGION", "${env:DEPLOYMENT_ENVIRONMENT");
    }

    @EachOverlay
    void eachComponentReadsItsConfigurationFileWhereItIsMounted(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Workload workload : rendered.workloads()) {
            for (Container container : workload.pod().getContainers()) {
                for (String argument : container.getArgs()) {
                    Matcher flag = CONFIG_FLAG.matcher(argument);
                    if (!flag.matches()) {
                        continue;
                    }
                    checked++;
                    if (!mountedFiles(rendered, workload, container).containsKey(flag.group(1)) && !writtenByInit(workload, flag.group(1))) {
                        problems.add(workload + " reads " + flag.group(1) + ", which no mount provides");
                    }
                }
            }
        }
        assertThat(checked).as("collector, Tempo, Loki, Prometheus, Alertmanager").isEqualTo(5);
        assertThat(problems).isEmpty();
    }

    private static boolean writtenByInit(Workload workload, String file) {
        return workload.pod().getInitContainers().stream()
                .anyMatch(init -> String.join(" ", init.getCommand()).contains("> " + file));
    }

    @EachOverlay
    void alertmanagerFindsItsTemplatesAndEverySecretFileItsConfigurationNames(String overlay) throws IOException {
        Rendered rendered = Rendering.overlay(overlay);
        Workload workload = rendered.workload("alertmanager");
        Container alertmanager = workload.pod().getContainers().get(0);
        Map<String, String> files = mountedFiles(rendered, workload, alertmanager);
        String configFile = alertmanager.getArgs().stream().map(CONFIG_FLAG::matcher).filter(Matcher::matches)
                .map(flag -> flag.group(1)).findFirst().orElseThrow();
        Path configDirectory = Path.of(configFile).getParent();
        JsonNode config = YAML.readTree(files.get(configFile));

        List<String> secretFiles = new ArrayList<>();
        collectFileSettings(config, secretFiles);
        assertThat(secretFiles).hasSize(4).allSatisfy(file -> assertThat(files).as("mounted files").containsKey(file));
        for (JsonNode template : config.path("templates")) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + configDirectory.resolve(template.asText()));
            assertThat(files.keySet()).as("files of " + template.asText()).anyMatch(file -> glob.matches(Path.of(file)));
        }
    }

    private static void collectFileSettings(JsonNode node, List<String> files) {
        node.fields().forEachRemaining(field -> {
            if (field.getKey().endsWith("_file")) {
                files.add(field.getValue().asText());
            }
            collectFileSettings(field.getValue(), files);
        });
        if (node.isArray()) {
            node.forEach(item -> collectFileSettings(item, files));
        }
    }

    @EachOverlay
    void grafanaProvisionsTheDatasourcesAndDashboardsFromTheMountedFiles(String overlay) throws IOException {
        Rendered rendered = Rendering.overlay(overlay);
        Workload workload = rendered.workload("grafana");
        Map<String, String> files = mountedFiles(rendered, workload, workload.pod().getContainers().get(0));
        JsonNode provider = YAML.readTree(files.get("/etc/grafana/provisioning/dashboards/dashboards.yaml"));
        String dashboards = provider.path("providers").get(0).path("options").path("path").asText();

        assertThat(files).containsKey("/etc/grafana/provisioning/datasources/datasources.yaml");
        assertThat(files.keySet()).as("dashboards in " + dashboards)
                .filteredOn(file -> file.startsWith(dashboards + "/") && file.endsWith(".json")).hasSize(6);
    }

    /** The files a container sees from ConfigMaps and Secrets, by absolute path; Secrets' values unknown. */
    private static Map<String, String> mountedFiles(Rendered rendered, Workload workload, Container container) {
        Map<String, String> files = new TreeMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = workload.pod().getVolumes().stream().filter(candidate -> candidate.getName().equals(mount.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(workload + " mounts an undeclared volume " + mount.getName()));
            List<VolumeProjection> sources = new ArrayList<>();
            if (volume.getConfigMap() != null) {
                addConfigMapFiles(rendered, files, mount.getMountPath(), volume.getConfigMap().getName(), volume.getConfigMap().getItems());
            }
            if (volume.getProjected() != null) {
                sources.addAll(volume.getProjected().getSources());
            }
            for (VolumeProjection source : sources) {
                if (source.getConfigMap() != null) {
                    addConfigMapFiles(rendered, files, mount.getMountPath(), source.getConfigMap().getName(), source.getConfigMap().getItems());
                }
                if (source.getSecret() != null) {
                    source.getSecret().getItems().forEach(item -> files.put(mount.getMountPath() + "/" + item.getPath(), "(secret)"));
                }
            }
        }
        return files;
    }

    private static void addConfigMapFiles(Rendered rendered, Map<String, String> files, String mountPath, String name, List<KeyToPath> items) {
        Map<String, String> data = rendered.named(ConfigMap.class, name).getData();
        if (items.isEmpty()) {
            data.forEach((key, value) -> files.put(mountPath + "/" + key, value));
        } else {
            items.forEach(item -> files.put(mountPath + "/" + item.getPath(), data.get(item.getKey())));
        }
    }

    private static Map<String, String> resolvedEnvironment(Rendered rendered, Container container) {
        Map<String, String> environment = new TreeMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                environment.put(variable.getName(), rendered.named(ConfigMap.class, variable.getValueFrom().getConfigMapKeyRef().getName())
                        .getData().get(variable.getValueFrom().getConfigMapKeyRef().getKey()));
            }
        }
        return environment;
    }

    /**
     * The configMapGenerator entries of observability/'s Component, which the base includes:
     * generator name, then ConfigMap key and file. A {@code key=path} entry names its key;
     * otherwise the file name is the key.
     */
    private static Map<String, Map<String, Path>> observabilityGenerators() throws IOException {
        JsonNode component = YAML.readTree(DeployFiles.observability().resolve("kustomization.yaml").toFile());
        Map<String, Map<String, Path>> generators = new TreeMap<>();
        for (JsonNode generator : component.path("configMapGenerator")) {
            for (JsonNode entry : generator.path("files")) {
                String text = entry.asText();
                String path = text.contains("=") ? text.substring(text.indexOf('=') + 1) : text;
                String key = text.contains("=") ? text.substring(0, text.indexOf('=')) : Path.of(path).getFileName().toString();
                Path file = DeployFiles.observability().resolve(path).normalize();
                assertThat(file).as(text).isRegularFile();
                generators.computeIfAbsent(generator.path("name").asText(), name -> new TreeMap<>()).put(key, file);
            }
        }
        return generators;
    }
}
