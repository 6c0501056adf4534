package io.bookstore.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** deploy/kind/up.sh and down.sh: valid shell, clear about what is missing, consistent with the cluster config. */
class ScriptsTest {

    private static final List<Path> SCRIPTS = List.of(DeployFiles.upScript(), DeployFiles.deployDir().resolve("kind/down.sh"));

    /** Runs up.sh with {@code arguments} (space-separated). */
    static Shell.Result upSh(String arguments) {
        Shell.Result result = Shell.run(List.of("bash", "-c", "\"$0\" " + arguments, DeployFiles.upScript().toString()), Map.of(), null);
        assertThat(result.exitCode()).as("up.sh " + arguments + ": " + result.err()).isZero();
        return result;
    }

    @Test
    void theScriptsAreValidBash() {
        for (Path script : SCRIPTS) {
            Shell.Result result = Shell.run(List.of("bash", "-n", script.toString()), Map.of(), null);

            assertThat(result.exitCode()).as(script + ": " + result.err()).isZero();
        }
    }

    @Test
    void shellcheckFindsNothing() {
        assumeTrue(Shell.installed("shellcheck"), "shellcheck is not installed (apt-get install shellcheck): not checked");
        for (Path script : SCRIPTS) {
            Shell.Result result = Shell.run(List.of("shellcheck", "--external-sources", script.toString()), Map.of(), null);

            assertThat(result.exitCode()).as(script + ":\n" + result.out()).isZero();
        }
    }

    @Test
    void upShSaysWhichToolIsMissingBeforeDoingAnything(@TempDir Path bin) {
        // bash is called by its path; before its checks the script needs only dirname.
        Shell.executable(bin, "dirname", "echo \"${1%/*}\"\n");
        assertThat(upWithPath(bin).err()).contains("docker is missing");

        Shell.executable(bin, "docker", "exit 0\n");
        assertThat(upWithPath(bin).err()).contains("kind is missing");

        Shell.executable(bin, "kind", "exit 0\n");
        assertThat(upWithPath(bin).err()).contains("kubectl is missing");

        for (String tool : List.of("kubectl", "java", "curl", "openssl")) {
            Shell.executable(bin, tool, "exit 0\n");
        }
        Shell.executable(bin, "docker", "exit 1\n");
        Shell.Result daemonDown = upWithPath(bin);
        assertThat(daemonDown.exitCode()).isEqualTo(1);
        assertThat(daemonDown.err()).contains("docker is installed but its daemon does not answer");
        assertThat(daemonDown.out()).as("nothing was started").isEmpty();
    }

    private static Shell.Result upWithPath(Path bin) {
        String bash = Shell.run(List.of("bash", "-c", "command -v bash"), Map.of(), null).out().strip();
        Shell.Result result = Shell.run(List.of(bash, DeployFiles.upScript().toString()), Map.of("PATH", bin.toString()), null);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        return result;
    }

    @Test
    void downShSaysKindIsMissing(@TempDir Path bin) {
        String bash = Shell.run(List.of("bash", "-c", "command -v bash"), Map.of(), null).out().strip();
        Shell.Result result = Shell.run(List.of(bash, DeployFiles.deployDir().resolve("kind/down.sh").toString()),
                Map.of("PATH", bin.toString()), null);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("kind is missing");
    }

    @Test
    void theSmokeCheckoutRetriesWithOneIdempotencyKeyUntilTheOrderIsPaid(@TempDir Path work) throws IOException {
        Shell.Result result = smokeCheckout(work, "paid");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("order o-1, trace 0af7651916cd43dd8448eb211c80319c");
        List<String> posts = Files.readAllLines(work.resolve("calls")).stream().filter(call -> call.contains("-X POST")).toList();
        assertThat(posts).hasSize(2).allSatisfy(post -> assertThat(post)
                .contains("http://localhost:8088/api/v2/checkout", "Authorization: Bearer token-of-alice", "Prefer: wait=10"));
        assertThat(idempotencyKey(posts.get(0))).matches("[0-9a-f]{32}").isEqualTo(idempotencyKey(posts.get(1)));
        assertThat(Files.readAllLines(work.resolve("calls"))).last().asString()
                .contains("http://localhost:8088/api/v2/orders/o-1", "Authorization: Bearer token-of-alice");
        assertThat(Files.readAllLines(work.resolve("calls"))).first().asString()
                .contains("http://localhost:8088/auth/realms/bookstore/protocol/openid-connect/token", "username=alice");
    }

    @Test
    void theSmokeCheckoutFailsOnADeclinedPayment(@TempDir Path work) {
        Shell.Result result = smokeCheckout(work, "payment_failed");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("order o-1 ended payment_failed (trace 0af7651916cd43dd8448eb211c80319c)");
    }

    /**
     * Runs up.sh's smoke_checkout against a stand-in curl: the ingress answers 503 once, then
     * 202; the order is pending twice, then {@code finalStatus}.
     */
    private static Shell.Result smokeCheckout(Path work, String finalStatus) {
        Path bin = work.resolve("bin");
        try {
            Files.createDirectories(bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Shell.executable(bin, "sleep", "exit 0\n");
        Shell.executable(bin, "curl", """
                echo "$*" >> "$WORK/calls"
                case "$*" in
                  *"openid-connect/token"*) printf '{"access_token":"token-of-alice","expires_in":300}'; exit 0 ;;
                esac
                n=$(( $(cat "$WORK/count" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$WORK/count"
                case "$*" in
                  *"-X POST"*)
                    if [ "$n" -eq 1 ]; then printf '<html>503</html>\\n503'
                    else printf '{"order_id":"o-1","status":"pending_payment","trace_id":"0af7651916cd43dd8448eb211c80319c"}\\n202'; fi ;;
                  *)
                    if [ "$n" -lt 5 ]; then printf '{"order_id":"o-1","status":"pending_payment"}'
                    else printf '{"order_id":"o-1","status":"%s"}' "$FINAL"; fi ;;
                esac
                """);
        return Shell.run(List.of("bash", "-c", "source \"$1\" && smoke_checkout && echo \"order $SMOKE_ORDER, trace $SMOKE_TRACE\"",
                        "bash", DeployFiles.upScript().toString()),
                Map.of("PATH", bin + ":" + System.getenv("PATH"), "WORK", work.toString(), "FINAL", finalStatus), null);
    }

    private static String idempotencyKey(String call) {
        Matcher key = Pattern.compile("Idempotency-Key: (\\S+)").matcher(call);
        assertThat(key.find()).as(call).isTrue();
        return key.group(1);
    }

    @Test
    void theTraceLinkOpensTheTraceInGrafanasTempoDatasource() {
        Shell.Result result = Shell.run(List.of("bash", "-c", "source \"$1\" && url_encode '{\"query\":\"0af7 x\"}'",
                "bash", DeployFiles.upScript().toString()), Map.of(), null);

        assertThat(result.out()).isEqualTo("%7B%22query%22%3A%220af7%20x%22%7D");
        assertThat(URLDecoder.decode(result.out(), StandardCharsets.UTF_8)).isEqualTo("{\"query\":\"0af7 x\"}");
    }

    @Test
    void theIngressPortIsTheOneUpShAndGrafanaUse() throws IOException {
        JsonNode cluster = new YAMLMapper().readTree(DeployFiles.deployDir().resolve("kind/cluster.yaml").toFile());
        JsonNode node = cluster.path("nodes").get(0);
        int httpHostPort = -1;
        for (JsonNode mapping : node.path("extraPortMappings")) {
            if (mapping.path("containerPort").asInt() == 80) {
                httpHostPort = mapping.path("hostPort").asInt();
            }
        }

        assertThat(cluster.path("name").asText()).isEqualTo("bookstore");
        assertThat(node.path("labels").path("ingress-ready").asText()).as("ingress-nginx's kind manifest runs on this label").isEqualTo("true");
        assertThat(httpHostPort).isPositive();
        assertThat(shellConstant("BASE_URL")).isEqualTo("http://localhost:" + httpHostPort);
        for (String overlay : Rendering.OVERLAYS) {
            assertThat(Rendering.overlay(overlay).configMap("grafana-config").getData())
                    .containsEntry("GF_SERVER_ROOT_URL", "http://localhost:" + httpHostPort + "/grafana/");
        }
    }

    @Test
    void ingressNginxIsAPinnedRelease() {
        assertThat(shellConstant("INGRESS_NGINX_VERSION")).matches("controller-v\\d+\\.\\d+\\.\\d+");
    }

    private static String shellConstant(String name) {
        Matcher constant = Pattern.compile("(?m)^readonly " + name + "=(\\S+)$").matcher(DeployFiles.read(DeployFiles.upScript()));
        assertThat(constant.find()).as("up.sh defines " + name).isTrue();
        return constant.group(1);
    }
}
