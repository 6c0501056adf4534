package io.bookstore.loadgen;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Quantiles of a Prometheus histogram between two scrapes, estimated from its cumulative
 * {@code _bucket} counters the way PromQL's {@code histogram_quantile} does: linear
 * interpolation inside the bucket holding the rank. The answer is only as fine as the
 * buckets, which is why reports call it bucket-derived.
 */
final class BucketQuantiles {

    /** Quantiles of the events observed between two scrapes. {@code counterReset}: the service restarted in between. */
    record Estimate(long count, double p50Seconds, double p99Seconds, boolean counterReset) {
    }

    private BucketQuantiles() {
    }

    /** Cumulative count per {@code le}, summed over every other label set (tenant, event type). */
    static NavigableMap<Double, Double> cumulative(List<PrometheusText.Sample> samples, String histogram) {
        String bucketName = histogram + "_bucket";
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Sample sample : samples) {
            String le = sample.labels().get("le");
            if (sample.name().equals(bucketName) && le != null && !Double.isNaN(sample.value())) {
                buckets.merge(PrometheusText.number(le), sample.value(), Double::sum);
            }
        }
        return buckets;
    }

    /** {@code after - before} per bucket; a bucket that went down means a restart, and then {@code after} is the delta. */
    static NavigableMap<Double, Double> delta(NavigableMap<Double, Double> before, NavigableMap<Double, Double> after) {
        NavigableMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double diff = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (diff < 0) {
                return new TreeMap<>(after);
            }
            delta.put(bucket.getKey(), diff);
        }
        return delta;
    }

    static boolean isReset(NavigableMap<Double, Double> before, NavigableMap<Double, Double> after) {
        return after.entrySet().stream().anyMatch(bucket -> bucket.getValue() < before.getOrDefault(bucket.getKey(), 0.0));
    }

    /** The q-quantile (0..1) in the buckets' unit; empty without observations or without a {@code +Inf} bucket. */
    static OptionalDouble quantile(NavigableMap<Double, Double> cumulative, double q) {
        if (cumulative.size() < 2 || cumulative.lastKey() != Double.POSITIVE_INFINITY) {
            return OptionalDouble.empty();
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        double rank = q * total;
        double lowerBound = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upperBound = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (upperBound == Double.POSITIVE_INFINITY) {
                    // Above the highest finite bound nothing is known: report that bound, as PromQL does.
                    return OptionalDouble.of(cumulative.lowerKey(upperBound));
                }
                double inBucket = count - countBelow;
                if (inBucket <= 0) {
                    return OptionalDouble.of(upperBound);
                }
                return OptionalDouble.of(lowerBound + (upperBound - lowerBound) * ((rank - countBelow) / inBucket));
            }
            lowerBound = upperBound;
            countBelow = Math.max(countBelow, count);
        }
        return OptionalDouble.empty();
    }

    /** The estimate of {@code histogram} between two scrapes; empty when nothing was observed in between. */
    static Optional<Estimate> between(List<PrometheusText.Sample> before, List<PrometheusText.Sample> after, String histogram) {
        NavigableMap<Double, Double> start = cumulative(before, histogram);
        NavigableMap<Double, Double> end = cumulative(after, histogram);
        NavigableMap<Double, Double> delta = delta(start, end);
        OptionalDouble p50 = quantile(delta, 0.50);
        OptionalDouble p99 = quantile(delta, 0.99);
        if (p50.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Estimate(Math.round(delta.lastEntry().getValue()), p50.getAsDouble(), p99.getAsDouble(),
                isReset(start, end)));
    }
}
