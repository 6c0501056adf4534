package io.bookstore.telemetry;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Answers a scraper that prefers OpenMetrics, Prometheus, with OpenMetrics: the only format
 * that carries exemplars, the trace ids Grafana links from a latency spike to Tempo.
 * <p>
 * Quarkus' own endpoint cannot be used for that. It answers the plain text format whenever
 * the Accept header mentions {@code text/plain} at all, and Prometheus always lists it as a
 * fallback. And when asked for OpenMetrics alone, Micrometer puts exemplars on
 * {@code _count} lines too, which OpenMetrics 1.0 forbids: Prometheus then refuses the
 * whole scrape ("does not support exemplars") and the service reads as down. So this route
 * serves the registry's OpenMetrics output with exemplars kept only on histogram buckets
 * and counters, and leaves every other client to Quarkus.
 */
@Singleton
public class OpenMetricsScrape {

    static final String METRICS_PATH = "/q/metrics";
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String EXEMPLAR = " # {";

    private final PrometheusMeterRegistry registry;

    public OpenMetricsScrape(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    void route(@Observes Router router) {
        router.get(METRICS_PATH).order(Integer.MIN_VALUE).handler(context -> {
            if (!prefersOpenMetrics(context.request().getHeader(HttpHeaders.ACCEPT))) {
                context.next();
                return;
            }
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, OPEN_METRICS)
                    .end(withExemplarsWhereAllowed(registry.scrape(OPEN_METRICS)));
        });
    }

    /** True when the media range of the highest quality (the first of equals) is OpenMetrics. */
    static boolean prefersOpenMetrics(String accept) {
        if (accept == null) {
            return false;
        }
        String preferred = "";
        double best = -1;
        for (String range : accept.split(",")) {
            double quality = quality(range);
            if (quality > best) {
                best = quality;
                preferred = range.split(";")[0].trim();
            }
        }
        return preferred.equalsIgnoreCase("application/openmetrics-text");
    }

    /** The exposition with each exemplar removed from a sample that is neither a bucket nor a counter. */
    static String withExemplarsWhereAllowed(String exposition) {
        return exposition.lines()
                .map(OpenMetricsScrape::withExemplarIfAllowed)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String withExemplarIfAllowed(String line) {
        if (line.startsWith("#")) {
            return line;
        }
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = line.substring(0, nameEnd);
        if (name.endsWith("_bucket") || name.endsWith("_total")) {
            return line;
        }
        // An exemplar can only follow the labels, whose values may contain anything but '}' here.
        int sampleStart = nameEnd < line.length() && line.charAt(nameEnd) == '{' ? line.indexOf('}', nameEnd) : nameEnd;
        int exemplar = line.indexOf(EXEMPLAR, Math.max(sampleStart, 0));
        return exemplar < 0 ? line : line.substring(0, exemplar);
    }

    private static double quality(String range) {
        for (String parameter : range.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equals("q")) {
                try {
                    return Double.parseDouble(pair[1].trim());
                } catch (NumberFormatException malformed) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
