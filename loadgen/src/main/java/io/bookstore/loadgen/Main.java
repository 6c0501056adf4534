package io.bookstore.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code java @loadgen/target/loadgen.args io.bookstore.loadgen.Main checkout|outbox [options]}.
 * Exit codes: 0 the run completed (whatever its results), 1 the target could not be
 * reached at all, 2 a bad command line.
 */
public final class Main {

    static final int OK = 0;
    static final int UNREACHABLE = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: loadgen checkout [options]    open-loop checkouts against the storefront
                   loadgen outbox   [options]    outbox rows straight into bookstore_orders, read back from Kafka
                   loadgen overload [options]    checkouts at the capacity, then --factor times it, then the capacity again

            common:
              --rate R | --rates R1,R2,...   arrivals per second; several rates run as steps, in order
              --duration 30s                 measured time per step (ms, s, m, h)
              --warmup 10s                   time per step before measuring (outbox: 5s)
              --kafka 127.0.0.1:9092         bootstrap servers (checkout: 'none' skips final statuses)
              --metrics-url URL|none         outbox-publisher's /q/metrics, for its own lag histogram
              --db-user postgres  --db-password ''
              --tenants 3                    tenants load-1..load-N (at most 10, the realm's load users)
              --out DIR                      result.json and latency.svg (default loadgen-results/<scenario>-<time>)
            checkout:
              --url http://127.0.0.1:8080    the storefront
              --keycloak-url http://127.0.0.1:8180/realms/bookstore
                                             the realm where the load users (load-1..load-10) sign in
              --decline-share 0.1            share of checkouts paid with a card the PSP declines
              --catalog-jdbc-url URL|none    bookstore_catalog, to raise the stock before the run
              --timeout 10s                  per request, and for final events after each step
              --seed N                       for a repeatable mix of books and cards
            overload (and --url, --keycloak-url, --tenants, --decline-share, --catalog-jdbc-url, --timeout, --seed):
              --rate 40                      the baseline: the checkouts/s the machine serves (its capacity)
              --factor 3                     the overload phase's rate, as a multiple of the baseline
              --phase 20s                    each phase's length: baseline, overload, after (the baseline again)
              --warmup 10s                   at the baseline rate before the phases, not reported
              --recovery-factor 1.5          recovered once each second's p99 stays under this times the baseline's
            outbox:
              --jdbc-url jdbc:postgresql://127.0.0.1:5432/bookstore_orders
              --notify true|false            pg_notify after each commit, as orders does
              --connections 8                JDBC connections inserting concurrently
              --label NAME                   names the run in the report (e.g. notify, timer)
              --timeout 30s                  how long to wait for the backlog to drain after each step
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        // kafka-clients logs every configuration at INFO and every failed reconnect at WARN; an
        // unreachable cluster and a listener that stops are reported by the loadgen itself.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        if (args.length == 0) {
            err.println("loadgen: name a scenario: checkout, outbox or overload");
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (List.of("-h", "--help", "help").contains(args[0])) {
            out.print(USAGE_TEXT);
            return OK;
        }
        List<String> commandLine = new ArrayList<>(List.of("loadgen"));
        commandLine.addAll(Arrays.asList(args));
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            RunResult result;
            Path outDir;
            switch (args[0]) {
                case CheckoutScenario.NAME -> {
                    Options options = Options.parse(rest, CheckoutScenario.OPTIONS);
                    CheckoutScenario.Settings settings = CheckoutScenario.Settings.from(options);
                    outDir = outDir(options, CheckoutScenario.NAME);
                    result = new CheckoutScenario(settings, out).run(commandLine);
                }
                case OutboxScenario.NAME -> {
                    Options options = Options.parse(rest, OutboxScenario.OPTIONS);
                    OutboxScenario.Settings settings = OutboxScenario.Settings.from(options);
                    outDir = outDir(options, OutboxScenario.NAME + settings.label().map(l -> "-" + l).orElse(""));
                    result = new OutboxScenario(settings, out).run(commandLine);
                }
                case OverloadScenario.NAME -> {
                    Options options = Options.parse(rest, OverloadScenario.OPTIONS);
                    OverloadScenario.Settings settings = OverloadScenario.Settings.from(options);
                    outDir = outDir(options, OverloadScenario.NAME);
                    OverloadReport.Result overload = new OverloadScenario(settings, out).run();
                    writeJson(OverloadReport.json(overload, commandLine, settings.describe()), outDir);
                    out.println();
                    out.println("== overload ==");
                    out.print(OverloadReport.table(overload));
                    out.println("results: " + outDir.resolve("result.json"));
                    return OK;
                }
                default -> throw new UsageException("unknown scenario '" + args[0] + "': use checkout, outbox or overload");
            }
            write(result, outDir);
            out.println();
            out.println("== " + result.title() + ": all steps ==");
            out.print(Report.table(result.title(), result.steps()));
            out.println("results: " + outDir.resolve("result.json") + ", plot: " + outDir.resolve("latency.svg"));
            return OK;
        } catch (UsageException e) {
            err.println("loadgen: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (TargetUnreachableException e) {
            err.println("loadgen: " + e.getMessage());
            return UNREACHABLE;
        } catch (IllegalStateException e) {
            err.println("loadgen: cannot run: " + e.getMessage());
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("loadgen: interrupted");
            return UNREACHABLE;
        }
    }

    private static Path outDir(Options options, String name) {
        String fallback = "loadgen-results/" + name + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path dir = Path.of(options.string("out", fallback));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("--out " + dir + " cannot be created: " + e.getMessage());
        }
        return dir;
    }

    private static void writeJson(com.fasterxml.jackson.databind.JsonNode json, Path dir) {
        try {
            Files.writeString(dir.resolve("result.json"), json.toPrettyString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + dir, e);
        }
    }

    static void write(RunResult result, Path dir) {
        try {
            Files.writeString(dir.resolve("result.json"), ResultJson.render(result), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("latency.svg"), LatencySvg.render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + dir, e);
        }
    }
}
