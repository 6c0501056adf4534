package io.bookstore.deploy;

import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a kustomization with plain {@code kubectl kustomize}, no flag, as deploy/kind/up.sh
 * and Argo CD do: kustomize's default load restrictions hold.
 */
final class Rendering {

    static final List<String> OVERLAYS = List.of("kind", "kind-native");

    private static final Map<String, Rendered> OVERLAY_CACHE = new ConcurrentHashMap<>();

    private Rendering() {
    }

    /**
     * Each overlay with each service of the README's port table and its port: one test case a
     * service, so a report names the service that breaks.
     */
    static Stream<Arguments> servicesOfEachOverlay() {
        return OVERLAYS.stream().flatMap(overlay -> DeployFiles.servicePorts().entrySet().stream()
                .map(service -> Arguments.of(overlay, service.getKey(), service.getValue())));
    }

    /** One of {@link #OVERLAYS}, rendered once per test run. */
    static Rendered overlay(String name) {
        return OVERLAY_CACHE.computeIfAbsent(name,
                overlay -> Rendered.parse(overlay, kustomize(DeployFiles.deployDir().resolve("overlays").resolve(overlay))));
    }

    /** The base alone, rendered once per test run: the shape every cluster starts from. */
    static Rendered base() {
        return OVERLAY_CACHE.computeIfAbsent("base", base -> Rendered.parse(base, kustomize(DeployFiles.deployDir().resolve("base"))));
    }

    static String kustomize(Path kustomization) {
        List<String> command = List.of("kubectl", "kustomize", kustomization.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is missing, and the manifests cannot be rendered without it: install kubectl "
                    + "1.27 or later (it embeds kustomize v5), e.g. `apt-get install kubectl` from the Kubernetes apt "
                    + "repository or https://kubernetes.io/docs/tasks/tools/", e);
        }
        try {
            process.getOutputStream().close();
            // Read both streams fully before waiting: a full pipe would block kubectl.
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
