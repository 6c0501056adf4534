package io.bookstore.devstack;

import io.bookstore.contracts.Spans;
import io.bookstore.testkit.KeycloakRealm;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.KeycloakTokens;
import io.bookstore.testkit.ReceivedSpan;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bookstore up|down|status|trace|env|token}: the devstack's command line. The script
 * passes the checkout as {@code -Dbookstore.home}; the stack's folder is {@code .devstack}
 * there unless {@code --dir} or {@code BOOKSTORE_DEVSTACK_DIR} names another.
 */
public final class Main {

    static final String USAGE = """
            usage: ./bookstore <command> [options]

              up       start Kafka, the databases and the services, run a demo checkout, wait for Ctrl-C
                         --detach              return once everything is up; `down` stops it
                         --fresh               drop the databases and Kafka's data first
                         --without a,b         do not start these services (run them in dev mode yourself)
                         --only a,b            start only these services
                         --no-demo             skip the demo checkout
                         --telemetry on|off    export traces to the stack (default on)
                         --monitoring on|off   run Prometheus (9090) and Alertmanager (9093) when installed (default on)
                         --cpu-tiers on|off    run catalog and orders at nice 4, the asynchronous services and Kafka at
                                               15, the storefront at 0, each service at 0 until it is ready
                                               (default off; docs/benchmarks.md#cpu-tiers)
                         --jit c1|tiered       the services' JIT: C1 alone, at speed within a minute of start and of
                                               a restart, or the JVM's default (C1, then C2), faster after minutes
                                               of load (default c1; docs/benchmarks.md#jit)
                         --env NAME=VALUE      add a variable to every service's environment (repeatable)
                         --one-at-a-time       start each service when the one before is ready
                         --ready-timeout 120s  how long a service may take to become ready
              down     stop a running stack and every process it started
              status   what runs, and whether each service is ready
              trace    [trace-id]  a checkout's spans as a waterfall (default: the latest checkout)
              env      <service>  shell exports that run the service in dev mode against the stack
              token    an access token from the stack's Keycloak, for `Authorization: Bearer …`
                         --tenant T            of the first realm user of tenant T (alice: acme, bob: globex)
                         --user U              of the realm user U (default alice)
              load     ...  the load generator (see loadgen/README.md)
              chaos    the stack (on a PostgreSQL cluster of its own) under checkout load while faults run, then
                       an invariant check; exit 1 on any violation (see docs/chaos.md)
                         --duration 3m         how long the load runs (the faults take its first 80 %)
                         --rate 10             checkouts per second
                         --seed S              a repeatable mix of books and cards (default: random)
                         --drain-timeout 3m    how long to wait for every order to end before checking
                         --retry-for 60s       how long a client sends a checkout answered 5xx or not at all
                                               again (same Idempotency-Key); 0s: never
                         --out DIR             the run folder (default chaos-results/<yyyyMMdd-HHmmss>)
                         --env NAME=VALUE      add a variable to every service's environment (repeatable)
                         --cpu-tiers on|off    as for up (default off)
                         --jit c1|tiered       as for up (default c1)
                         --faults all          the faults, in this order: all (every kind, the default), kills
                                               (each service's SIGKILL) or a list such as kill_orders,kill_catalog
                                               (kinds: docs/chaos.md)

            every command takes --dir <folder> (default .devstack, or BOOKSTORE_DEVSTACK_DIR)
            services: catalog, orders, outbox-publisher, payments-gateway, recommendations, psp-simulator, storefront
            """;

    private static final PrintStream OUT = System.out;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            Arguments arguments = new Arguments(args);
            String command = arguments.command();
            return switch (command) {
                case "up" -> up(arguments);
                case "down" -> down(directory(arguments));
                case "status" -> status(directory(arguments));
                case "trace" -> trace(arguments);
                case "env" -> env(arguments);
                case "token" -> token(arguments);
                case "chaos" -> chaos(arguments);
                case "help", "--help", "-h" -> {
                    OUT.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            System.err.println("bookstore: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        } catch (StackFailure e) {
            System.err.println();
            System.err.println("bookstore: " + e.getMessage());
            System.err.println("fix: " + e.fix());
            return 1;
        }
    }

    private static int up(Arguments arguments) {
        StackDirectory directory = directory(arguments);
        boolean detach = arguments.flag("--detach");
        StackSettings settings = new StackSettings(home(), directory, services(arguments),
                arguments.flag("--fresh"), !arguments.flag("--no-demo"),
                arguments.onOff("--telemetry", true), arguments.onOff("--monitoring", true), arguments.flag("--one-at-a-time"),
                arguments.onOff("--cpu-tiers", false), jit(arguments),
                arguments.environment(), arguments.duration("--ready-timeout", Duration.ofSeconds(120)));
        arguments.requireNoneLeft();
        refuseSecondStack(directory);
        if (detach) {
            return Detached.start(directory, arguments.withoutDetach());
        }
        Stack stack = new Stack(settings, PostgresServer.fromEnvironment(System.getenv()), OUT);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-stop"));
        stack.up();
        if (settings.demo() && settings.services().containsAll(Service.CHECKOUT_PATH)) {
            try {
                stack.demo();
            } catch (StackFailure failure) {
                stack.stop();
                throw failure;
            }
        } else if (settings.demo()) {
            // A service run in dev mode starts after the stack: a checkout now would fail on it.
            OUT.println("No demo checkout: the stack runs without " + String.join(", ", Service.modules(
                    Service.CHECKOUT_PATH.stream().filter(service -> !settings.services().contains(service)).toList())));
        }
        stack.printSummary();
        try {
            stack.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void refuseSecondStack(StackDirectory directory) {
        Optional<ProcessHandle> running = directory.runningDevstack();
        if (running.isPresent()) {
            throw new StackFailure("a devstack is already running from " + directory.root() + " (pid " + running.get().pid() + ")",
                    "use it, or stop it first with ./bookstore down");
        }
        // An earlier stack that was killed outright may have left its children behind.
        stopLeftovers(directory);
    }

    private static int down(StackDirectory directory) {
        Optional<ProcessHandle> devstack = directory.runningDevstack();
        if (devstack.isPresent()) {
            OUT.println("Stopping the devstack (pid " + devstack.get().pid() + ") ...");
            devstack.get().destroy();
            try {
                devstack.get().onExit().get(90, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                devstack.get().destroyForcibly();
            }
        } else {
            OUT.println("No devstack is running from " + directory.root() + ".");
        }
        int leftovers = stopLeftovers(directory);
        directory.forgetProcesses();
        OUT.println(leftovers == 0 ? "Stopped." : "Stopped, after killing " + leftovers + " leftover processes.");
        return 0;
    }

    private static int stopLeftovers(StackDirectory directory) {
        List<ProcessHandle> children = directory.livingChildren();
        for (ProcessHandle child : children) {
            child.destroy();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                child.destroyForcibly();
            }
        }
        return children.size();
    }

    private static int status(StackDirectory directory) {
        Optional<ProcessHandle> devstack = directory.runningDevstack();
        OUT.println(devstack.map(handle -> "devstack running (pid " + handle.pid() + ") from " + directory.root())
                .orElse("no devstack running from " + directory.root()));
        Map<String, Long> pids = directory.children();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        OUT.printf(Locale.ROOT, "  %-18s %-24s %-10s %8s %10s%n", "", "", "", "pid", "memory");
        for (Service service : Service.values()) {
            OUT.printf(Locale.ROOT, "  %-18s %-24s %-10s %s%n", service.module(), service.baseUrl(), readiness(client, service),
                    process(pids.get(service.module())));
        }
        OUT.printf(Locale.ROOT, "  %-18s %-24s %-10s %s%n", "kafka", "127.0.0.1:" + Ports.KAFKA,
                Ports.isFree(Ports.KAFKA) ? "down" : "listening", process(pids.get("kafka")));
        OUT.printf(Locale.ROOT, "  %-18s %-24s %-10s %s%n", "keycloak", "127.0.0.1:" + Ports.KEYCLOAK,
                Ports.isFree(Ports.KEYCLOAK) ? "down" : "listening", process(pids.get("keycloak-jvm")));
        return devstack.isPresent() ? 0 : 3;
    }

    /** Its pid and resident memory (Linux), the figure a container limit is measured against. */
    private static String process(Long pid) {
        if (pid == null || ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return "";
        }
        String rss = "";
        try {
            rss = Files.readAllLines(Path.of("/proc", pid.toString(), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB")
                    .findFirst().orElse("");
        } catch (IOException notLinux) {
            // No /proc: the pid alone.
        }
        return String.format(Locale.ROOT, "%8d %10s", pid, rss);
    }

    private static String readiness(HttpClient client, Service service) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "ready" : "not ready (" + response.statusCode() + ")";
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static int trace(Arguments arguments) {
        StackDirectory directory = directory(arguments);
        List<String> rest = arguments.positional();
        SpanFile spans = new SpanFile(directory.spans());
        String traceId = rest.isEmpty()
                ? spans.latestTrace(Main::isCheckout).orElseThrow(() -> new StackFailure(
                        "no checkout trace in " + directory.spans(), "run a checkout against ./bookstore up, or give a trace id"))
                : rest.get(0).toLowerCase(Locale.ROOT);
        if (!traceId.matches("[0-9a-f]{32}")) {
            throw new UsageException("a trace id is 32 hex digits, not '" + traceId + "'");
        }
        List<ReceivedSpan> trace = spans.trace(traceId);
        OUT.print(Waterfall.render(traceId, trace));
        return trace.isEmpty() ? 1 : 0;
    }

    private static boolean isCheckout(ReceivedSpan span) {
        return span.service().equals(Service.STOREFRONT.module()) && span.name().equals(Spans.CHECKOUT);
    }

    private static int env(Arguments arguments) {
        List<String> rest = arguments.positional();
        if (rest.size() != 1) {
            throw new UsageException("env takes one service name");
        }
        Service service = Service.named(rest.get(0));
        OUT.print(new ServiceEnvironment(PostgresServer.fromEnvironment(System.getenv()), true).exports(service));
        return 0;
    }

    private static int token(Arguments arguments) {
        Optional<String> tenant = arguments.value("--tenant");
        Optional<String> user = arguments.value("--user");
        directory(arguments); // Taken by every command; tokens come from the stack's fixed port.
        arguments.requireNoneLeft();
        if (tenant.isPresent() && user.isPresent()) {
            throw new UsageException("--tenant and --user do not go together");
        }
        String username;
        try {
            username = user.orElseGet(() -> KeycloakRealm.load().userOf(tenant.orElse("acme")));
        } catch (IllegalArgumentException unknownTenant) {
            throw new StackFailure(unknownTenant.getMessage(), "add a user of that tenant to keycloak/bookstore-realm.json");
        }
        KeycloakTokens tokens = new KeycloakTokens(KeycloakServer.issuerAt(Ports.KEYCLOAK));
        try {
            OUT.println(tokens.accessToken(username));
        } catch (UncheckedIOException unreachable) {
            throw new StackFailure("Keycloak does not answer at 127.0.0.1:" + Ports.KEYCLOAK,
                    "start the stack with ./bookstore up (or ./bookstore status to see what runs)");
        } catch (IllegalStateException refused) {
            throw new StackFailure(refused.getMessage(), "the realm's users are in keycloak/bookstore-realm.json, password bookstore");
        }
        return 0;
    }

    /** {@code all}, {@code kills} or a comma-separated list of fault kinds, in the order given. */
    static List<FaultInjector.Kind> faults(String names) {
        List<FaultInjector.Kind> all = List.of(FaultInjector.Kind.values());
        if (names.equals("all")) {
            return all;
        }
        if (names.equals("kills")) {
            return all.stream().filter(FaultInjector.Kind::isKill).toList();
        }
        List<FaultInjector.Kind> kinds = new ArrayList<>();
        for (String name : names.split(",")) {
            kinds.add(all.stream().filter(kind -> kind.key().equals(name.trim())).findFirst().orElseThrow(() -> new UsageException(
                    "--faults: no fault kind '" + name.trim() + "'; the kinds are all, kills, "
                            + String.join(", ", all.stream().map(FaultInjector.Kind::key).toList()))));
        }
        return List.copyOf(kinds);
    }

    private static int chaos(Arguments arguments) {
        Path folder = arguments.value("--out").map(out -> Path.of(out).toAbsolutePath().normalize())
                .orElseGet(() -> ChaosRun.defaultFolder(home()));
        ChaosRun.Settings settings = new ChaosRun.Settings(home(), folder,
                arguments.minutesOrSeconds("--duration", Duration.ofMinutes(3)),
                arguments.number("--rate", 10),
                arguments.whole("--seed", new Random().nextInt(1_000_000)),
                3, 0.2,
                arguments.minutesOrSeconds("--drain-timeout", Duration.ofMinutes(3)),
                arguments.minutesOrSeconds("--retry-for", Duration.ofSeconds(60)),
                arguments.environment(),
                arguments.onOff("--cpu-tiers", false),
                jit(arguments),
                arguments.minutesOrSeconds("--ready-timeout", Duration.ofSeconds(180)),
                faults(arguments.value("--faults").orElse("all")));
        arguments.requireNoneLeft();
        if (settings.duration().toSeconds() < 30) {
            throw new UsageException("--duration is at least 30s: the faults need room");
        }
        try {
            return new ChaosRun(settings, OUT).run();
        } catch (StackFailure failure) {
            throw failure;
        } catch (Exception e) {
            throw new StackFailure("the chaos run failed: " + e, "read the run folder " + folder + " (stack/logs, postgres/postgres.log)", e);
        }
    }

    private static Jit jit(Arguments arguments) {
        return Jit.option(arguments.value("--jit"));
    }

    private static List<Service> services(Arguments arguments) {
        Optional<String> only = arguments.value("--only");
        Optional<String> without = arguments.value("--without");
        if (only.isPresent() && without.isPresent()) {
            throw new UsageException("--only and --without do not go together");
        }
        List<Service> services = new ArrayList<>(List.of(Service.values()));
        only.ifPresent(names -> services.retainAll(named(names)));
        without.ifPresent(names -> services.removeAll(named(names)));
        if (services.isEmpty()) {
            throw new UsageException("no service left to start");
        }
        return services;
    }

    private static List<Service> named(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(Service::named).toList();
    }

    private static Path home() {
        return Path.of(System.getProperty("bookstore.home", ".")).toAbsolutePath().normalize();
    }

    private static StackDirectory directory(Arguments arguments) {
        String configured = arguments.value("--dir").orElse(System.getenv().getOrDefault("BOOKSTORE_DEVSTACK_DIR", ""));
        Path root = configured.isBlank() ? home().resolve(".devstack") : Path.of(configured).toAbsolutePath().normalize();
        return new StackDirectory(root);
    }

    /** The arguments after the command; each accessor consumes what it reads, so leftovers are mistakes. */
    static final class Arguments {

        private final String command;
        private final List<String> original;
        private final List<String> remaining;

        Arguments(String[] args) {
            if (args.length == 0) {
                throw new UsageException("no command");
            }
            this.command = args[0];
            this.original = List.of(args);
            this.remaining = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        }

        String command() {
            return command;
        }

        boolean flag(String name) {
            return remaining.remove(name);
        }

        Optional<String> value(String name) {
            int at = remaining.indexOf(name);
            if (at < 0) {
                return Optional.empty();
            }
            if (at + 1 >= remaining.size() || remaining.get(at + 1).startsWith("--")) {
                throw new UsageException(name + " needs a value");
            }
            String value = remaining.get(at + 1);
            remaining.subList(at, at + 2).clear();
            return Optional.of(value);
        }

        boolean onOff(String name, boolean fallback) {
            return value(name).map(value -> switch (value) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new UsageException(name + " is on or off, not '" + value + "'");
            }).orElse(fallback);
        }

        Duration duration(String name, Duration fallback) {
            return value(name).map(value -> {
                if (!value.matches("\\d+s")) {
                    throw new UsageException(name + " is a number of seconds such as 120s, not '" + value + "'");
                }
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }).orElse(fallback);
        }

        /** {@code 90s} or {@code 3m}. */
        Duration minutesOrSeconds(String name, Duration fallback) {
            return value(name).map(value -> {
                if (!value.matches("\\d+[sm]")) {
                    throw new UsageException(name + " is a number of seconds or minutes such as 90s or 3m, not '" + value + "'");
                }
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                return value.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
            }).orElse(fallback);
        }

        long whole(String name, long fallback) {
            return value(name).map(value -> {
                if (!value.matches("\\d{1,18}")) {
                    throw new UsageException(name + " is a whole number, not '" + value + "'");
                }
                return Long.parseLong(value);
            }).orElse(fallback);
        }

        double number(String name, double fallback) {
            return value(name).map(value -> {
                try {
                    double number = Double.parseDouble(value);
                    if (number <= 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                        throw new NumberFormatException();
                    }
                    return number;
                } catch (NumberFormatException e) {
                    throw new UsageException(name + " is a positive number, not '" + value + "'");
                }
            }).orElse(fallback);
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            Optional<String> next;
            while ((next = value("--env")).isPresent()) {
                String pair = next.get();
                int equals = pair.indexOf('=');
                if (equals < 1 || !pair.substring(0, equals).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new UsageException("--env takes NAME=VALUE, not '" + pair + "'");
                }
                env.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            return env;
        }

        List<String> positional() {
            List<String> positional = remaining.stream().filter(arg -> !arg.startsWith("--")).toList();
            remaining.removeAll(positional);
            requireNoneLeft();
            return positional;
        }

        void requireNoneLeft() {
            if (!remaining.isEmpty()) {
                throw new UsageException("did not understand " + String.join(" ", remaining));
            }
        }

        /** The whole command line again, for the detached child. */
        List<String> withoutDetach() {
            return original.stream().filter(arg -> !arg.equals("--detach")).toList();
        }
    }
}
