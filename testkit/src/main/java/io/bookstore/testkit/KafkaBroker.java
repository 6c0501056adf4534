package io.bookstore.testkit;

import io.bookstore.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (the {@code kafka_2.13} jars of Maven Central) in KRaft
 * combined mode, running in a child JVM on loopback ports: for tests on free ports with
 * its data in a temporary directory, for the devstack on fixed ones with data that stays.
 *
 * <p>One broker serves a whole test JVM, found through {@link JvmWide}, whichever class
 * loader asks.
 */
public final class KafkaBroker {

    private static final String PROPERTY_PREFIX = "bookstore.testkit.kafka.";
    private static final String PID = PROPERTY_PREFIX + "pid";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** A test's broker lives for minutes: C1 alone starts it sooner and costs little. */
    private static final List<String> TEST_JVM = List.of("-XX:TieredStopAtLevel=1");
    /** The devstack's broker carries load for as long as it runs: the full JIT. */
    private static final List<String> LONG_RUNNING_JVM = List.of();

    private final Path dir;
    private final int port;
    private final List<String> jvmOptions;
    private final int niceness;

    private KafkaBroker(Path dir, int port, List<String> jvmOptions) {
        this(dir, port, jvmOptions, 0);
    }

    private KafkaBroker(Path dir, int port, List<String> jvmOptions, int niceness) {
        this.dir = dir;
        this.port = port;
        this.jvmOptions = jvmOptions;
        this.niceness = niceness;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static KafkaBroker shared() {
        synchronized (System.getProperties()) {
            Optional<JvmWide.Coordinates> running = JvmWide.recorded(PROPERTY_PREFIX);
            if (running.isPresent()) {
                return new KafkaBroker(running.get().dir(), running.get().port(), TEST_JVM);
            }
            KafkaBroker broker = create();
            JvmWide.record(PROPERTY_PREFIX, broker.dir, broker.port);
            broker.start();
            return broker;
        }
    }

    /**
     * A broker of its own on new free ports, not started, its data in a temporary directory
     * that {@link #stopAndDelete()} removes: for work whose records must not reach another broker.
     */
    public static KafkaBroker temporary() {
        return create();
    }

    /** A formatted broker directory on new free ports; {@link #start()} runs it. */
    private static KafkaBroker create() {
        try {
            Path dir = Files.createTempDirectory("bookstore-kafka-");
            int port = FreePorts.next();
            int controllerPort = FreePorts.next();
            Files.writeString(dir.resolve("server.properties"), serverProperties(dir, port, controllerPort));
            format(dir);
            return new KafkaBroker(dir, port, TEST_JVM);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Kafka broker directory", e);
        }
    }

    /**
     * A broker on fixed ports whose data stays in {@code dir} from one run to the next (the
     * devstack's); the storage is formatted on first use only. {@link #start()} runs it, and
     * each restart, at the scheduling priority {@code niceness} (nice(1); 0 as this JVM runs).
     */
    public static KafkaBroker persistent(Path dir, int port, int controllerPort, int niceness) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.properties"), serverProperties(dir, port, controllerPort));
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format(dir);
            }
            return new KafkaBroker(dir, port, LONG_RUNNING_JVM, niceness);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka broker directory " + dir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker, or does nothing when it runs; returns once it answers clients. */
    public void start() {
        synchronized (System.getProperties()) {
            if (process().isPresent()) {
                return;
            }
            Process process = ChildProcesses.start(ChildProcesses.niced(niceness,
                    javaCommand(jvmOptions, "kafka.Kafka", dir.resolve("server.properties").toString())),
                    dir.resolve("broker.log"), Map.of());
            System.setProperty(PID + "." + port, Long.toString(process.pid()));
            awaitReady(process);
        }
    }

    /**
     * Creates the order topic and its dead-letter topic as the platform expects them
     * ({@link KafkaResource#ORDER_TOPIC_PARTITIONS} partitions each); returns this broker.
     */
    public KafkaBroker withOrderTopics() {
        createTopic(Topics.ORDERS, KafkaResource.ORDER_TOPIC_PARTITIONS);
        createTopic(Topics.ORDERS_DLQ, KafkaResource.ORDER_TOPIC_PARTITIONS);
        return this;
    }

    /** {@code KAFKA_BOOTSTRAP_SERVERS}, for a packaged service ({@link QuarkusApp}) to use this broker. */
    public Map<String, String> serviceEnvironment() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    }

    /** Stops the broker process, keeping its data and ports for {@link #start()}. */
    public void stop() {
        synchronized (System.getProperties()) {
            process().ifPresent(handle -> ChildProcesses.destroy(handle, Duration.ofSeconds(20)));
            System.clearProperty(PID + "." + port);
        }
    }

    /** Stops the broker and deletes its data: for a {@link #temporary()} one. */
    public void stopAndDelete() {
        stop();
        try {
            Directories.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the Kafka broker directory " + dir, e);
        }
    }

    /** The broker's process id, while it runs. */
    public Optional<Long> pid() {
        return process().map(ProcessHandle::pid);
    }

    public boolean isRunning() {
        return process().isPresent();
    }

    /** Creates a topic, or leaves it as it is when it exists. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    private Optional<ProcessHandle> process() {
        return ChildProcesses.recorded(PID + "." + port);
    }

    private void awaitReady(Process process) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ":\n"
                        + ChildProcesses.tail(dir.resolve("broker.log"), 40));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                ChildProcesses.pauseBetweenPolls(Duration.ofMillis(200));
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within " + START_TIMEOUT + ":\n"
                + ChildProcesses.tail(dir.resolve("broker.log"), 40), last);
    }

    private static void format(Path dir) {
        List<String> command = javaCommand(TEST_JVM, "kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(),
                "--config", dir.resolve("server.properties").toString(),
                "--ignore-formatted");
        Process process = ChildProcesses.start(command, dir.resolve("format.log"), Map.of());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka storage failed:\n"
                        + ChildProcesses.tail(dir.resolve("format.log"), 40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcesses.javaExecutable().toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", brokerClasspath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** Written by the build (maven-dependency-plugin) from the testkit's runtime dependencies. */
    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing from the testkit jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String serverProperties(Path dir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        // One broker: every internal topic has a single replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        StringBuilder out = new StringBuilder("# Written by io.bookstore.testkit.KafkaBroker\n");
        p.stringPropertyNames().stream().sorted()
                .forEach(key -> out.append(key).append('=').append(p.getProperty(key)).append('\n'));
        return out.toString();
    }
}
