package io.bookstore.observability;

import io.bookstore.contracts.BusinessMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The business metric names the services emit, in Prometheus form, derived from the
 * one list in contracts ({@link BusinessMetrics}), so that a typo in a rule or a
 * dashboard fails here rather than showing an empty panel.
 */
final class MetricNames {

    /** What Micrometer's Prometheus registry appends to a name, by meter type and base unit. */
    private static final List<String> SUFFIXES = List.of("", "_total", "_seconds", "_seconds_bucket",
            "_seconds_count", "_seconds_sum", "_seconds_max", "_bucket", "_count", "_sum", "_max");

    private static final Pattern BUSINESS_METRIC = Pattern.compile("\\bbookstore_[a-z0-9_]+");

    /** Label names that would make a series per order, user or trace. */
    static final Pattern FORBIDDEN_LABEL = Pattern.compile(
            "\\b(order_id|user_id|customer_id|payment_id|trace_id|span_id|idempotency_key)\\b");

    private MetricNames() {
    }

    static Set<String> businessBaseNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Field field : BusinessMetrics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = constant(field);
                if (value.startsWith("bookstore.")) {
                    names.add(value);
                }
            }
        }
        return names;
    }

    /** Business metric names in {@code text} that no meter of the contract produces. */
    static List<String> unknownBusinessMetrics(final String text) {
        Set<String> known = new LinkedHashSet<>();
        for (String base : businessBaseNames()) {
            String prometheus = base.replace('.', '_');
            SUFFIXES.forEach(suffix -> known.add(prometheus + suffix));
        }
        List<String> unknown = new ArrayList<>();
        Matcher matcher = BUSINESS_METRIC.matcher(text);
        while (matcher.find()) {
            if (!known.contains(matcher.group())) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }

    private static String constant(final Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
