package io.bookstore.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** A child JVM started at a lower CPU priority, or moved to it once running, runs every one of its threads at it. */
class ChildProcessesTest {

    @Test
    void everyThreadOfANicedJvmRunsAtItsNiceness(@TempDir Path dir) throws IOException {
        List<String> jvm = List.of(ChildProcesses.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"),
                Sleeper.class.getName());
        Process child = ChildProcesses.start(ChildProcesses.niced(7, jvm), dir.resolve("child.log"), Map.of());
        try {
            // The JVM's own threads (GC, JIT compilers, the main thread) exist once it prints.
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("child.log")).contains(Sleeper.STARTED));

            List<Integer> niceness = threadNiceness(child.pid());
            assertThat(niceness).hasSizeGreaterThan(5).containsOnly(7);
        } finally {
            ChildProcesses.kill(child.toHandle());
        }
    }

    @Test
    void reniceMovesEveryThreadOfARunningJvm(@TempDir Path dir) throws IOException {
        List<String> jvm = List.of(ChildProcesses.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"),
                Sleeper.class.getName());
        Process child = ChildProcesses.start(jvm, dir.resolve("child.log"), Map.of());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("child.log")).contains(Sleeper.STARTED));
            // The weakest priority, which any process may take whatever the build itself runs at.
            assumeThat(threadNiceness(child.pid())).as("as started").doesNotContain(19);

            assertThat(ChildProcesses.renice(child.toHandle(), 19)).isTrue();

            // renice(1) of the pid alone would move the main thread and leave the GC and JIT threads where they were.
            assertThat(threadNiceness(child.pid())).hasSizeGreaterThan(5).containsOnly(19);
        } finally {
            ChildProcesses.kill(child.toHandle());
        }
    }

    @Test
    void niceZeroIsTheCommandAsItIs() {
        assertThat(ChildProcesses.niced(0, List.of("java", "-jar", "app.jar"))).containsExactly("java", "-jar", "app.jar");
        assertThat(ChildProcesses.niced(4, List.of("java", "-jar", "app.jar")))
                .containsExactly("nice", "-n", "4", "java", "-jar", "app.jar");
    }

    /** The 19th field of /proc/<pid>/task/<tid>/stat, after the command name in parentheses, of every thread. */
    private static List<Integer> threadNiceness(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Integer.parseInt(fields[16]);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    /** A JVM that says it runs and then waits to be killed. */
    @Test
    void aChildAskedForWhileTheJvmShutsDownIsNotLeftBehind(@TempDir Path dir) throws IOException, InterruptedException {
        String marker = "287.%d".formatted(ProcessHandle.current().pid() % 1000);
        List<String> jvm = List.of(ChildProcesses.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"),
                StartsInItsShutdown.class.getName(), marker, dir.resolve("late-child.log").toString());
        Process parent = ChildProcesses.start(jvm, dir.resolve("parent.log"), Map.of());

        assertThat(parent.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the parent JVM ends").isTrue();

        assertThat(Files.readString(dir.resolve("parent.log"))).contains("refused: not starting sleep: this JVM is shutting down");
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(arguments -> List.of(arguments).contains(marker)).orElse(false)))
                .as("a 'sleep %s' that outlived the JVM which started it", marker).isEmpty();
    }

    /** Starts a child from a shutdown hook, as a supervisor restarting a service the JVM's hooks stopped does. */
    public static final class StartsInItsShutdown {

        public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    ChildProcesses.start(List.of("sleep", args[0]), Path.of(args[1]), Map.of());
                    System.out.println("started");
                } catch (ShutdownInProgressException refused) {
                    System.out.println("refused: " + refused.getMessage());
                }
            }));
        }
    }

    public static final class Sleeper {

        static final String STARTED = "sleeper started";

        public static void main(String[] args) throws InterruptedException {
            System.out.println(STARTED);
            Thread.sleep(Duration.ofMinutes(2));
        }
    }
}
