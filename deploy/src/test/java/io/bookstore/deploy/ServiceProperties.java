package io.bookstore.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration properties a service really reads, as environment variable names:
 * the keys of its application.properties, the properties of its {@code @ConfigMapping}
 * interfaces and {@code @ConfigProperty} injections, the same of the repository's library
 * modules it depends on (their defaults in {@code META-INF/microprofile-config.properties}),
 * and the standard Quarkus properties the manifests set, each only where the service has the
 * extension that reads it.
 */
final class ServiceProperties {

    /** Standard properties the manifests use, and the extensions (any of them) that read each. */
    private static final Map<String, List<String>> STANDARD = standard();
    private static final Set<String> CORE = core();

    private static final Pattern MAPPING = Pattern.compile(
            "@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)[^{;]*?\\binterface\\s+(\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{;]*\\{");
    private static final String ANNOTATION = "@[\\w.]+(?:\\((?:[^()\"]|\"[^\"]*\")*\\))?";
    private static final Pattern METHOD = Pattern.compile(
            "((?:" + ANNOTATION + "\\s*)*)([\\w.]+(?:<[\\w.<>?, ]+>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern OPTIONAL = Pattern.compile("Optional<([\\w.]+)>");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern OWN_ARTIFACT = Pattern.compile("<groupId>io\\.bookstore</groupId>\\s*<artifactId>([\\w-]+)</artifactId>");

    private ServiceProperties() {
    }

    private static Map<String, List<String>> standard() {
        Map<String, List<String>> standard = new LinkedHashMap<>();
        standard.put("quarkus.http.port", List.of("quarkus-rest-jackson", "quarkus-smallrye-health"));
        standard.put("quarkus.datasource.reactive.url", List.of("quarkus-reactive-pg-client"));
        standard.put("quarkus.datasource.username", List.of("quarkus-reactive-pg-client", "quarkus-jdbc-postgresql"));
        standard.put("quarkus.datasource.password", List.of("quarkus-reactive-pg-client", "quarkus-jdbc-postgresql"));
        standard.put("quarkus.datasource.jdbc.url", List.of("quarkus-jdbc-postgresql"));
        standard.put("kafka.bootstrap.servers", List.of("quarkus-messaging-kafka", "quarkus-kafka-client"));
        standard.put("quarkus.otel.exporter.otlp.endpoint", List.of("quarkus-opentelemetry"));
        return standard;
    }

    /** Standard properties of Quarkus itself (quarkus-core), which every service reads. */
    private static Set<String> core() {
        return Set.of("quarkus.shutdown.timeout");
    }

    /** The environment variable names the service {@code module} reads. */
    static Set<String> environmentNames(String module) {
        Set<String> names = new TreeSet<>();
        propertyNames(module).forEach(property -> names.add(environmentName(property)));
        return names;
    }

    static Set<String> propertyNames(String module) {
        Path home = DeployFiles.repository().resolve(module);
        Set<String> properties = new TreeSet<>(applicationPropertyKeys(DeployFiles.applicationProperties(module)));
        properties.addAll(sourceProperties(home.resolve("src/main/java")));
        String pom = DeployFiles.read(home.resolve("pom.xml"));
        for (Path library : libraries(pom)) {
            Path defaults = library.resolve("src/main/resources/META-INF/microprofile-config.properties");
            if (Files.isRegularFile(defaults)) {
                properties.addAll(applicationPropertyKeys(defaults));
            }
            properties.addAll(sourceProperties(library.resolve("src/main/java")));
        }
        properties.addAll(CORE);
        STANDARD.forEach((property, extensions) -> {
            if (extensions.stream().anyMatch(extension -> pom.contains("<artifactId>" + extension + "</artifactId>"))) {
                properties.add(property);
            }
        });
        return properties;
    }

    /** The repository's modules that a service's pom depends on outside its tests (telemetry, kit-http). */
    private static List<Path> libraries(String pom) {
        Matcher dependency = DEPENDENCY.matcher(pom);
        List<Path> libraries = new ArrayList<>();
        while (dependency.find()) {
            Matcher artifact = OWN_ARTIFACT.matcher(dependency.group(1));
            if (artifact.find() && !dependency.group(1).contains("<scope>test</scope>")) {
                libraries.add(DeployFiles.repository().resolve(artifact.group(1)));
            }
        }
        return libraries;
    }

    /** MicroProfile Config's environment form: upper case, every other character an underscore. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static Set<String> applicationPropertyKeys(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(DeployFiles.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            // %prod.kafka.bootstrap.servers is read as kafka.bootstrap.servers in that profile.
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return keys;
    }

    static Set<String> sourceProperties(Path sources) {
        Set<String> properties = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return properties;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String source = withoutComments(DeployFiles.read(file));
                Matcher injection = CONFIG_PROPERTY.matcher(source);
                while (injection.find()) {
                    properties.add(injection.group(1));
                }
                Matcher mapping = MAPPING.matcher(source);
                if (mapping.find()) {
                    expand(mapping.group(1), mapping.group(2), interfaceBodies(source), properties);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The properties of a mapping interface: one per method, groups (nested interfaces) recursively. */
    private static void expand(String prefix, String type, Map<String, String> bodies, Set<String> properties) {
        Matcher method = METHOD.matcher(bodies.getOrDefault(type, ""));
        while (method.find()) {
            Matcher withName = WITH_NAME.matcher(method.group(1));
            String key = prefix + "." + (withName.find() ? withName.group(1) : kebab(method.group(3)));
            Matcher optional = OPTIONAL.matcher(method.group(2));
            String valueType = optional.matches() ? optional.group(1) : method.group(2);
            if (bodies.containsKey(valueType)) {
                expand(key, valueType, bodies, properties);
            } else {
                properties.add(key);
            }
        }
    }

    /** Each interface's own body, its nested interfaces blanked out. */
    private static Map<String, String> interfaceBodies(String source) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher declaration = INTERFACE.matcher(source);
        while (declaration.find()) {
            int open = declaration.end() - 1;
            int close = matchingBrace(source, open);
            StringBuilder body = new StringBuilder(source.substring(open + 1, close));
            int depth = 0;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                } else if (depth > 0) {
                    body.setCharAt(i, ' ');
                }
            }
            bodies.put(declaration.group(1), body.toString().replaceAll("\\binterface\\s+\\w+[^{;]*\\{\\s*}", ""));
        }
        return bodies;
    }

    private static int matchingBrace(String source, int open) {
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            if (source.charAt(i) == '{') {
                depth++;
            } else if (source.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Drops comments, keeping string literals whole (a URL's // is no comment). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end + 1;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
