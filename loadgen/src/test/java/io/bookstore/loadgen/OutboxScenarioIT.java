package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.Topics;
import io.bookstore.testkit.Cleanup;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.PostgresDatabase;
import io.bookstore.testkit.QuarkusApp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox scenario against the real relay: a Kafka broker, a database migrated with
 * orders' migrations, and the packaged outbox-publisher.
 */
class OutboxScenarioIT {

    private static KafkaBroker kafka;
    private static PostgresDatabase database;
    private static QuarkusApp publisher;

    @BeforeAll
    static void startRelay() {
        kafka = KafkaBroker.shared().withOrderTopics();
        database = PostgresDatabase.create("bookstore_orders");
        database.migrate("filesystem:../orders/src/main/resources/db/migration");
        Map<String, String> env = new HashMap<>(database.serviceEnvironment());
        env.putAll(kafka.serviceEnvironment());
        env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        publisher = QuarkusApp.start("outbox-publisher", QuarkusApp.packagedJar("outbox-publisher"), env);
    }

    @AfterAll
    static void stopRelay() {
        Cleanup.closeAll(publisher, Cleanup.dropping(database));
    }

    @Test
    void everyInsertedEventReachesKafkaAndTheReportSaysHowFast() throws Exception {
        Path out = Path.of("target", "outbox-it");
        Run run = run("outbox", "--jdbc-url", database.jdbcUrl(), "--db-user", database.username(),
                "--kafka", kafka.bootstrapServers(), "--rate", "50", "--warmup", "2s", "--duration", "5s",
                "--notify", "true", "--connections", "4", "--timeout", "20s",
                "--metrics-url", publisher.baseUrl() + "/q/metrics", "--label", "it", "--out", out.toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode step = ResultJson.read(Files.readString(out.resolve("result.json"))).path("steps").get(0);
        JsonNode insert = step.path("measures").get(0);
        JsonNode consume = step.path("measures").get(1);
        JsonNode details = step.path("details");

        assertThat(insert.path("name").asText()).isEqualTo(OutboxStep.INSERT);
        assertThat(insert.path("count").asLong()).isEqualTo(250);
        assertThat(insert.path("error_count").asLong()).isZero();
        assertThat(consume.path("name").asText()).isEqualTo(OutboxStep.COMMIT_TO_CONSUME);
        assertThat(consume.path("count").asLong()).isEqualTo(250);
        assertThat(consume.path("error_count").asLong()).isZero();
        assertThat(details.path("committed").asLong()).isEqualTo(350);
        assertThat(details.path("received").asLong()).isEqualTo(350);
        assertThat(details.path("not_received").asLong()).isZero();
        assertThat(details.path("verdict").asText()).isEqualTo("keeps up");

        // Sane numbers: positive, ordered, and far below the relay's 1 s timer since every commit is followed by a hint.
        double p50 = consume.path("p50_ms").asDouble();
        assertThat(p50).isPositive().isLessThan(500);
        assertThat(consume.path("p99_ms").asDouble()).isGreaterThanOrEqualTo(p50);
        assertThat(consume.path("max_ms").asDouble()).isGreaterThanOrEqualTo(consume.path("p99_ms").asDouble());
        assertThat(insert.path("p50_ms").asDouble()).isPositive().isLessThan(p50 + 1_000);

        // The publisher's own histogram saw the window's events (and perhaps a few warm-up
        // stragglers), less perhaps the last few: it records an event once Kafka acknowledged it,
        // which may come after the load generator's own consumer saw the event and the step's
        // last scrape ran (it happened, 248 of 250, on a busy CI machine).
        JsonNode lag = step.path("publish_lag");
        assertThat(lag.path("count").asLong()).isBetween(240L, 350L);
        assertThat(lag.path("p50_ms").asDouble()).isPositive();
        assertThat(lag.path("p99_ms").asDouble()).isGreaterThanOrEqualTo(lag.path("p50_ms").asDouble());

        // Independently of the loadgen's own consumer: the records are on the topic and the outbox is empty.
        assertThat(recordsOnTopic()).isGreaterThanOrEqualTo(350);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM outbox_dead)")) {
            rows.next();
            assertThat(rows.getLong(1)).as("rows left in outbox").isZero();
            assertThat(rows.getLong(2)).as("rows in outbox_dead").isZero();
        }

        assertThat(run.stdout()).contains("WARNING: the outbox scenario writes synthetic").contains("verdict: keeps up")
                .contains("outbox (it)").contains("commit→consume");
        assertThat(Files.readString(out.resolve("latency.svg"))).contains("50/s  commit→consume").contains("50/s  insert");
    }

    @Test
    void aKafkaThatIsNotThereEndsTheRunWithOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = run("outbox", "--jdbc-url", database.jdbcUrl(), "--kafka", "127.0.0.1:" + port, "--rate", "10",
                "--duration", "1s", "--metrics-url", "none", "--out", Path.of("target", "outbox-it-unreachable").toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.stderr()).contains("cannot reach Kafka at 127.0.0.1:" + port).contains("./bookstore up");
    }

    private static long recordsOnTopic() throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, 3).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.ORDERS, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    record Run(int code, String stdout, String stderr) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        System.out.print(stdout.toString(StandardCharsets.UTF_8));
        System.err.print(stderr.toString(StandardCharsets.UTF_8));
        return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }
}
