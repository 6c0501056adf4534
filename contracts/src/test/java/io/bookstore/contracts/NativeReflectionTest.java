package io.bookstore.contracts;

import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.problem.ProblemType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services map the event payloads and problem bodies with their own ObjectMapper, where
 * Quarkus cannot see which classes a native executable must reflect on: each such class says
 * so itself, and the jar is indexed so that Quarkus reads it.
 */
class NativeReflectionTest {

    @Test
    void everyPayloadAndProblemTypeIsRegisteredForReflection() throws Exception {
        List<Class<?>> wireTypes = classesIn("io/bookstore/contracts/events", "io/bookstore/contracts/problem").stream()
                .filter(type -> type.isRecord() || type.isEnum())
                // Never on a wire itself: a Problem carries its uri and title.
                .filter(type -> type != ProblemType.class)
                .toList();

        assertThat(wireTypes).extracting(Class::getSimpleName)
                .contains("OrderCreated", "OrderPaid", "OrderPaymentFailed", "OrderLine", "Problem", "FieldError");
        assertThat(wireTypes).allSatisfy(type -> assertThat(registered(type)).as("%s is registered", type.getName()).isTrue());
        assertThat(registered(OrderStatus.class)).as("OrderStatus, mapped through @JsonValue and @JsonCreator").isTrue();
    }

    @Test
    void theJarIsIndexedByQuarkus() {
        assertThat(OrderCreated.class.getClassLoader().getResource("META-INF/beans.xml")).isNotNull();
    }

    /** Annotated itself, or nested in a registered class that does not leave its nested classes out. */
    private static boolean registered(Class<?> type) {
        RegisterForReflection own = type.getAnnotation(RegisterForReflection.class);
        if (own != null) {
            return own.targets().length == 0 && own.classNames().length == 0;
        }
        Class<?> enclosing = type.getEnclosingClass();
        if (enclosing == null) {
            return false;
        }
        RegisterForReflection outer = enclosing.getAnnotation(RegisterForReflection.class);
        return outer != null && !outer.ignoreNested() && registered(enclosing);
    }

    private static List<Class<?>> classesIn(String... packages) throws IOException, URISyntaxException {
        Path root = Path.of(OrderCreated.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassLoader loader = OrderCreated.class.getClassLoader();
        try (Stream<Path> files = Stream.of(packages).map(root::resolve).flatMap(NativeReflectionTest::walk)) {
            return files
                    .filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .<Class<?>>map(name -> load(loader, name))
                    .toList();
        }
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + directory, e);
        }
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
