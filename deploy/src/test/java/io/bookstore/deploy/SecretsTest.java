package io.bookstore.deploy;

import io.bookstore.deploy.Rendered.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ConfigMaps and Secrets: every one referenced exists, either in the rendering or among the
 * Secrets deploy/kind/up.sh generates (its SECRETS list, the one place they are named), and
 * no secret value is in the repository.
 */
class SecretsTest {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL).*", Pattern.CASE_INSENSITIVE);

    /** What up.sh --print-secrets lists: each generated Secret and its keys. */
    static Map<String, Set<String>> generatedSecrets() {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (String line : ScriptsTest.upSh("--print-secrets").out().lines().toList()) {
            List<String> words = Arrays.asList(line.strip().split("\\s+"));
            secrets.put(words.get(0), new TreeSet<>(words.subList(1, words.size())));
        }
        return secrets;
    }

    @EachOverlay
    void everyReferencedConfigMapAndKeyIsRendered(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        List<String> missing = new ArrayList<>();
        references(rendered, "configMap").forEach((name, keys) -> {
            ConfigMap map = rendered.find(ConfigMap.class, name).orElse(null);
            if (map == null) {
                missing.add("ConfigMap " + name);
            } else {
                keys.stream().filter(key -> !map.getData().containsKey(key)).forEach(key -> missing.add("ConfigMap " + name + " key " + key));
            }
        });
        assertThat(missing).isEmpty();
    }

    @EachOverlay
    void everyReferencedSecretIsOneUpShGeneratesWithTheKeysReferenced(String overlay) {
        Map<String, Set<String>> referenced = references(Rendering.overlay(overlay), "secret");
        Map<String, Set<String>> generated = generatedSecrets();

        assertThat(referenced.keySet()).as("referenced Secrets").isEqualTo(generated.keySet());
        referenced.forEach((name, keys) -> assertThat(generated.get(name)).as("keys of " + name).containsAll(keys));
    }

    @Test
    void upShCreatesEachListedSecretWithARandomValuePerKey(@TempDir Path work) throws IOException {
        Map<String, Set<String>> generated = generatedSecrets();

        Map<String, Map<String, String>> first = createSecrets(work.resolve("first"));
        Map<String, Map<String, String>> second = createSecrets(work.resolve("second"));

        assertThat(first.keySet()).isEqualTo(generated.keySet());
        generated.forEach((name, keys) -> assertThat(first.get(name).keySet()).as(name).isEqualTo(keys));
        assertThat(first.get("bookstore-secrets").get("psp-secret-key")).as("a Stripe-shaped test key").matches("sk_test_[0-9a-f]{48}");
        assertThat(first.get("bookstore-secrets").get("psp-webhook-secret")).matches("whsec_[0-9a-f]{64}");
        assertThat(first.get("bookstore-secrets").get("postgres-password")).matches("[0-9a-f]{48}")
                .isNotEqualTo(second.get("bookstore-secrets").get("postgres-password"));
        assertThat(first.get("alertmanager-secrets").get("chat-webhook-url")).startsWith("https://chat.invalid/");
    }

    /**
     * Runs up.sh's create_secrets with a stand-in kubectl that has no Secret yet, and returns
     * what it was asked to create: Secret, key, value (read from the files up.sh passed).
     */
    private static Map<String, Map<String, String>> createSecrets(Path work) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path created = Files.createDirectories(work.resolve("created"));
        Shell.executable(bin, "kubectl", """
                case "$*" in
                  *" get secret "*) exit 1 ;;
                  *" create namespace "*) echo "kind: Namespace" ;;
                  *" apply -f -"*) cat >/dev/null ;;
                  *" create secret generic "*)
                    name=""; take=false
                    for argument in "$@"; do
                      if $take; then name="$argument"; take=false; fi
                      [ "$argument" = generic ] && take=true
                      case "$argument" in
                        --from-literal=*) echo "a value on the command line: $argument" >&2; exit 3 ;;
                        --from-file=*) file="${argument#--from-file=}"; mkdir -p "$CREATED/$name"; cp "${file#*=}" "$CREATED/$name/${file%%=*}" ;;
                      esac
                    done ;;
                  *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
                esac
                """);
        Shell.Result result = Shell.run(List.of("bash", "-c", "source \"$1\" && create_secrets", "bash", DeployFiles.upScript().toString()),
                Map.of("PATH", bin + ":" + System.getenv("PATH"), "CREATED", created.toString()), null);
        assertThat(result.exitCode()).as(result.err()).isZero();

        Map<String, Map<String, String>> secrets = new TreeMap<>();
        try (Stream<Path> files = Files.walk(created)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                secrets.computeIfAbsent(file.getParent().getFileName().toString(), name -> new TreeMap<>())
                        .put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return secrets;
    }

    @EachOverlay
    void noSecretValueIsRendered(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        List<String> leaks = new ArrayList<>();
        rendered.all(Secret.class).forEach(secret -> leaks.add("Secret " + secret.getMetadata().getName()));
        for (Workload workload : rendered.workloads()) {
            workload.allContainers().flatMap(container -> container.getEnv().stream())
                    .filter(variable -> variable.getValue() != null && SECRET_NAME.matcher(variable.getName()).matches())
                    .forEach(variable -> leaks.add(workload + " sets " + variable.getName() + " to a literal"));
        }
        for (ConfigMap map : rendered.all(ConfigMap.class)) {
            map.getData().keySet().stream().filter(key -> SECRET_NAME.matcher(key).matches())
                    .forEach(key -> leaks.add("ConfigMap " + map.getMetadata().getName() + " holds " + key));
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void noKustomizationGeneratesASecret() throws IOException {
        try (Stream<Path> files = Files.walk(DeployFiles.deployDir().resolve("base"));
             Stream<Path> overlays = Files.walk(DeployFiles.deployDir().resolve("overlays"))) {
            List<Path> kustomizations = Stream.concat(Stream.concat(files, overlays),
                            Stream.of(DeployFiles.observability().resolve("kustomization.yaml")))
                    .filter(file -> file.getFileName().toString().equals("kustomization.yaml")).toList();

            assertThat(kustomizations).hasSize(4);
            assertThat(kustomizations).allSatisfy(file -> assertThat(Files.readString(file)).doesNotContain("secretGenerator"));
        }
    }

    /** Names of the ConfigMaps or Secrets ({@code kind}) the pods read, with the keys they name. */
    static Map<String, Set<String>> references(Rendered rendered, String kind) {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        boolean secrets = kind.equals("secret");
        for (Workload workload : rendered.workloads()) {
            for (Container container : workload.allContainers().toList()) {
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() == null) {
                        continue;
                    }
                    if (secrets && variable.getValueFrom().getSecretKeyRef() != null) {
                        add(references, variable.getValueFrom().getSecretKeyRef().getName(), variable.getValueFrom().getSecretKeyRef().getKey());
                    } else if (!secrets && variable.getValueFrom().getConfigMapKeyRef() != null) {
                        add(references, variable.getValueFrom().getConfigMapKeyRef().getName(), variable.getValueFrom().getConfigMapKeyRef().getKey());
                    }
                }
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (secrets && source.getSecretRef() != null) {
                        add(references, source.getSecretRef().getName(), null);
                    } else if (!secrets && source.getConfigMapRef() != null) {
                        add(references, source.getConfigMapRef().getName(), null);
                    }
                }
            }
            for (Volume volume : workload.pod().getVolumes()) {
                if (secrets && volume.getSecret() != null) {
                    addItems(references, volume.getSecret().getSecretName(), volume.getSecret().getItems());
                } else if (!secrets && volume.getConfigMap() != null) {
                    addItems(references, volume.getConfigMap().getName(), volume.getConfigMap().getItems());
                }
                if (volume.getProjected() != null) {
                    for (VolumeProjection source : volume.getProjected().getSources()) {
                        if (secrets && source.getSecret() != null) {
                            addItems(references, source.getSecret().getName(), source.getSecret().getItems());
                        } else if (!secrets && source.getConfigMap() != null) {
                            addItems(references, source.getConfigMap().getName(), source.getConfigMap().getItems());
                        }
                    }
                }
            }
        }
        return references;
    }

    private static void addItems(Map<String, Set<String>> references, String name, List<KeyToPath> items) {
        add(references, name, null);
        items.forEach(item -> add(references, name, item.getKey()));
    }

    private static void add(Map<String, Set<String>> references, String name, String key) {
        Set<String> keys = references.computeIfAbsent(name, ignored -> new TreeSet<>());
        if (key != null) {
            keys.add(key);
        }
    }
}
