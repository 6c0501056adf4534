package io.bookstore.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The services' container images, checked without a Docker engine: each module's
 * {@code src/main/docker/Dockerfile.jvm} and {@code Dockerfile.native-micro} are parsed and
 * held against what the build really produces and what the service really listens on. The
 * build context of both is the module directory, as in the Quarkus conventions.
 */
class DockerfilesTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SERVICES = List.of(
            "storefront", "catalog", "orders", "outbox-publisher", "payments-gateway", "recommendations", "psp-simulator");
    private static final Pattern JVM_BASE = Pattern.compile("registry\\.access\\.redhat\\.com/ubi9/openjdk-(\\d+)-runtime:[\\w.-]+");
    private static final String NATIVE_BASE = "quay.io/quarkus/ubi9-quarkus-micro-image:";
    private static final String RUN_JAVA = "/opt/jboss/container/java/run/run-java.sh";

    static Stream<String> services() {
        return SERVICES.stream();
    }

    @Test
    void everyServiceModuleHasBothImages() throws IOException {
        List<String> modulesWithAnApp;
        try (Stream<Path> modules = Files.list(ROOT)) {
            modulesWithAnApp = modules
                    .filter(module -> Files.isRegularFile(module.resolve("src/main/resources/application.properties")))
                    .map(module -> module.getFileName().toString())
                    .sorted()
                    .toList();
        }
        assertThat(modulesWithAnApp).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String module : SERVICES) {
            assertThat(docker(module).resolve("Dockerfile.jvm")).isRegularFile();
            assertThat(docker(module).resolve("Dockerfile.native-micro")).isRegularFile();
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void bothImagesArePinnedExposeTheServicePortAndRunAsANumericNonRootUser(String module) throws IOException {
        int port = httpPort(module);
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native-micro")) {
            Dockerfile dockerfile = Dockerfile.parse(docker(module).resolve(name));

            List<Instruction> from = dockerfile.all("FROM");
            assertThat(from).as("%s/%s: one stage, built from the packaged app", module, name).hasSize(1);
            assertPinned(module + "/" + name, from.get(0).args());

            assertThat(dockerfile.all("EXPOSE")).as("%s/%s EXPOSE", module, name)
                    .extracting(Instruction::args)
                    .containsExactly(Integer.toString(port));

            String user = dockerfile.last("USER").orElseThrow(() -> new AssertionError(module + "/" + name + " sets no USER")).args();
            // Kubernetes can only prove runAsNonRoot for a numeric user.
            assertThat(user).as("%s/%s USER", module, name).matches("[1-9]\\d*");
            assertThat(dockerfile.indexOf(dockerfile.last("USER").orElseThrow()))
                    .as("%s/%s: USER before ENTRYPOINT", module, name)
                    .isLessThan(dockerfile.indexOf(dockerfile.last("ENTRYPOINT").orElseThrow()));
            for (Instruction copy : dockerfile.all("COPY")) {
                assertThat(copy.flag("chown")).as("%s/%s: %s", module, name, copy).hasValueSatisfying(owner ->
                        assertThat(owner.split(":")[0]).isEqualTo(user));
            }

            String entrypoint = dockerfile.last("ENTRYPOINT").orElseThrow().args();
            // Exec form: the process is PID 1 and gets the SIGTERM that starts a graceful shutdown.
            assertThat(entrypoint).as("%s/%s ENTRYPOINT", module, name).startsWith("[").endsWith("]");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void jvmImageRunsTheFastJarWithTheHeapSizedFromTheContainerLimit(String module) throws IOException {
        Dockerfile dockerfile = Dockerfile.parse(docker(module).resolve("Dockerfile.jvm"));

        Matcher base = JVM_BASE.matcher(dockerfile.last("FROM").orElseThrow().args());
        assertThat(base.matches()).as("%s: a UBI 9 OpenJDK runtime image", module).isTrue();
        assertThat(Integer.parseInt(base.group(1))).as("%s: the image's Java runs what the build compiles", module)
                .isGreaterThanOrEqualTo(compilerRelease());

        Map<String, String> env = dockerfile.env();
        // run-java.sh turns the ratio into -XX:MaxRAMPercentage, applied by the JVM to the cgroup limit.
        assertThat(env).containsKey("JAVA_MAX_MEM_RATIO");
        assertThat(Double.parseDouble(env.get("JAVA_MAX_MEM_RATIO"))).isBetween(50.0, 90.0);
        // A JAVA_OPTS would replace run-java.sh's memory, GC and OOM options, JAVA_OPTS_APPEND included.
        assertThat(env).doesNotContainKey("JAVA_OPTS");
        assertThat(env.get("JAVA_OPTS_APPEND")).doesNotContain("-Xmx", "-XX:MaxRAM");
        assertThat(env).containsEntry("JAVA_APP_JAR", "/deployments/quarkus-run.jar");
        assertThat(dockerfile.last("ENTRYPOINT").orElseThrow().args()).contains(RUN_JAVA);

        Map<String, String> copied = new LinkedHashMap<>();
        for (Instruction copy : dockerfile.all("COPY")) {
            List<String> paths = copy.paths();
            String destination = paths.get(paths.size() - 1);
            paths.subList(0, paths.size() - 1).forEach(source -> copied.put(source, destination));
        }
        assertThat(copied).containsOnlyKeys(
                "target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/", "target/quarkus-app/quarkus/");
        assertThat(copied.get("target/quarkus-app/*.jar")).isEqualTo("/deployments/");
    }

    @ParameterizedTest
    @MethodSource("services")
    void jvmImageCopiesTheWholePackagedAppAndItsContextSendsIt(String module) throws IOException {
        Path moduleDir = ROOT.resolve(module);
        Path quarkusApp = moduleDir.resolve("target/quarkus-app");
        assumeTrue(Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar")),
                module + " is not packaged: run this test after `./mvnw package` (the e2e module's place in `verify`)");
        Dockerfile dockerfile = Dockerfile.parse(docker(module).resolve("Dockerfile.jvm"));
        DockerIgnore ignore = DockerIgnore.parse(docker(module).resolve("Dockerfile.jvm.dockerignore"));
        List<PathMatcher> sources = dockerfile.all("COPY").stream()
                .flatMap(copy -> copy.paths().subList(0, copy.paths().size() - 1).stream())
                .map(DockerfilesTest::sourceMatcher)
                .toList();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(quarkusApp)) {
            files = walk.filter(Files::isRegularFile).map(moduleDir::relativize).toList();
        }
        for (Path file : files) {
            if (file.getFileName().toString().equals("quarkus-app-dependencies.txt")) {
                continue;
            }
            if (file.getFileName().toString().equals("app.aot") || file.getFileName().toString().equals("app-trained.aot")) {
                // The JDK's AOT caches (the build's, the devstack's trained one) hold only for the JDK build that
                // recorded them; the image runs another (Dockerfile.jvm).
                assertThat(ignore.excludes(file)).as("%s: %s stays out of the build context", module, file).isTrue();
                continue;
            }
            assertThat(sources.stream().anyMatch(source -> source.matches(file)))
                    .as("%s: %s reaches the image", module, file).isTrue();
            assertThat(ignore.excludes(file)).as("%s: %s is in the build context", module, file).isFalse();
        }
        assertThat(ignore.excludes(Path.of("src/main/java/Anything.java"))).as("%s: sources stay out of the context", module).isTrue();
    }

    @ParameterizedTest
    @MethodSource("services")
    void nativeImageRunsTheExecutableTheNativeBuildWrites(String module) throws IOException {
        Dockerfile dockerfile = Dockerfile.parse(docker(module).resolve("Dockerfile.native-micro"));
        DockerIgnore ignore = DockerIgnore.parse(docker(module).resolve("Dockerfile.native-micro.dockerignore"));

        assertThat(dockerfile.last("FROM").orElseThrow().args()).startsWith(NATIVE_BASE);
        List<Instruction> copies = dockerfile.all("COPY");
        assertThat(copies).hasSize(1);
        List<String> paths = copies.get(0).paths();
        assertThat(paths).containsExactly("target/*-runner", "/work/application");
        assertThat(copies.get(0).flag("chmod")).hasValue("0755");
        assertThat(dockerfile.last("ENTRYPOINT").orElseThrow().args()).startsWith("[\"./application\"");

        // Quarkus names the executable <finalName>-runner, finalName being artifactId-version.
        Path executable = Path.of("target", artifactId(module) + "-" + projectVersion() + "-runner");
        assertThat(sourceMatcher("target/*-runner").matches(executable)).as("%s: COPY takes %s", module, executable).isTrue();
        assertThat(ignore.excludes(executable)).as("%s: %s is in the build context", module, executable).isFalse();
        assertThat(ignore.excludes(Path.of("target/quarkus-app/quarkus-run.jar"))).isTrue();
    }

    private static void assertPinned(String where, String image) {
        int slash = image.indexOf('/');
        assertThat(slash).as("%s: %s names its registry", where, image).isPositive();
        assertThat(image.substring(0, slash)).as("%s: %s names its registry", where, image).contains(".");
        String reference = image.substring(slash + 1);
        boolean digest = reference.contains("@sha256:");
        int colon = reference.lastIndexOf(':');
        assertThat(digest || colon > 0).as("%s: %s has a tag or digest", where, image).isTrue();
        if (!digest) {
            String tag = reference.substring(colon + 1);
            assertThat(tag).as("%s: %s is pinned to a version", where, image).isNotEqualTo("latest").matches(".*\\d.*");
        }
    }

    private static PathMatcher sourceMatcher(String source) {
        String glob = source.endsWith("/") ? source + "**" : source;
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    private static Path docker(String module) {
        return ROOT.resolve(module).resolve("src/main/docker");
    }

    private static int httpPort(String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String port = properties.getProperty("quarkus.http.port");
        assertThat(port).as("%s sets quarkus.http.port", module).isNotNull().matches("\\d+");
        return Integer.parseInt(port);
    }

    private static int compilerRelease() {
        return Integer.parseInt(pomValue(ROOT.resolve("pom.xml"), "/project/properties/maven.compiler.release"));
    }

    private static String projectVersion() {
        return pomValue(ROOT.resolve("pom.xml"), "/project/version");
    }

    private static String artifactId(String module) {
        return pomValue(ROOT.resolve(module).resolve("pom.xml"), "/project/artifactId");
    }

    /** Parsed without namespaces, so that plain element names address the POM. */
    private static String pomValue(Path pom, String xpath) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            String value = XPathFactory.newInstance().newXPath().evaluate(xpath, document).trim();
            assertThat(value).as("%s in %s", xpath, pom).isNotEmpty();
            return value;
        } catch (Exception e) {
            throw new AssertionError("cannot read " + xpath + " from " + pom, e);
        }
    }

    /** One instruction: its keyword, its arguments as written (continuations joined) and its line. */
    record Instruction(String keyword, String args, int line) {

        /** The value of a {@code --name=value} flag. */
        Optional<String> flag(String name) {
            Matcher flag = Pattern.compile("(?:^|\\s)--" + Pattern.quote(name) + "=(\\S+)").matcher(args);
            return flag.find() ? Optional.of(flag.group(1)) : Optional.empty();
        }

        /** The arguments after the flags, split on whitespace (the shell form of COPY). */
        List<String> paths() {
            return Stream.of(args.trim().split("\\s+")).filter(word -> !word.startsWith("--")).toList();
        }

        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + args;
        }
    }

    /** The instructions of a Dockerfile, comments dropped and continuation lines joined. */
    record Dockerfile(List<Instruction> instructions) {

        static Dockerfile parse(Path file) throws IOException {
            List<Instruction> instructions = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            int start = 0;
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                    continue;
                }
                if (pending.isEmpty()) {
                    start = i + 1;
                }
                boolean continues = line.endsWith("\\");
                pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    String text = pending.toString().strip();
                    pending.setLength(0);
                    String[] parts = text.split("\\s+", 2);
                    instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "", start));
                }
            }
            assertThat(pending.toString().strip()).as("%s ends inside a continued line", file).isEmpty();
            return new Dockerfile(List.copyOf(instructions));
        }

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> all = all(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        int indexOf(Instruction instruction) {
            return instructions.indexOf(instruction);
        }

        /** Every {@code ENV key=value} pair, the value unquoted; the last one of a key wins, as in Docker. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)");
            for (Instruction instruction : all("ENV")) {
                Matcher matcher = pair.matcher(instruction.args());
                int found = 0;
                while (matcher.find()) {
                    String value = matcher.group(2);
                    if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    env.put(matcher.group(1), value);
                    found++;
                }
                assertThat(found).as("%s uses the key=value form", instruction).isPositive();
            }
            return env;
        }
    }

    /**
     * A {@code .dockerignore}: a path is left out of the build context when the last pattern
     * matching it or one of its parent directories is not a {@code !} exception.
     */
    record DockerIgnore(List<String> patterns) {

        static DockerIgnore parse(Path file) throws IOException {
            assertThat(file).as("the build context is the whole module without %s", file.getFileName()).isRegularFile();
            return new DockerIgnore(Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList());
        }

        boolean excludes(Path path) {
            boolean excluded = false;
            for (String pattern : patterns) {
                boolean exception = pattern.startsWith("!");
                String glob = (exception ? pattern.substring(1) : pattern).strip();
                glob = glob.replaceAll("^/+", "").replaceAll("/+$", "");
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                for (Path candidate = path; candidate != null; candidate = candidate.getParent()) {
                    if (matcher.matches(candidate)) {
                        excluded = !exception;
                        break;
                    }
                }
            }
            return excluded;
        }
    }
}
