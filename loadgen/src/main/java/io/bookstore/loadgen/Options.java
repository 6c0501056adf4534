package io.bookstore.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name value} (or {@code --name=value}) options of one scenario. Every read
 * checks its value, so a mistake is reported by name before any load is sent.
 */
final class Options {

    /** The value that switches an optional connection (Kafka, metrics, catalog database) off. */
    static final String NONE = "none";

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** @throws UsageException for an unknown option, a missing value or an option given twice */
    static Options parse(List<String> args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (options look like --rate 50)");
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new Options(values);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Empty when the option's value is {@value #NONE} (or empty). */
    Optional<String> optional(String name, String fallback) {
        String value = string(name, fallback).trim();
        return value.isEmpty() || value.equalsIgnoreCase(NONE) ? Optional.empty() : Optional.of(value);
    }

    String url(String name, String fallback) {
        String value = string(name, fallback);
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new UsageException("--" + name + " must be an http:// or https:// URL, not '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    Optional<String> optionalUrl(String name, String fallback) {
        Optional<String> value = optional(name, fallback);
        return value.isPresent() ? Optional.of(url(name, fallback)) : value;
    }

    Optional<String> optionalJdbcUrl(String name, String fallback) {
        Optional<String> value = optional(name, fallback);
        value.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new UsageException("--" + name + " must be a jdbc:postgresql:// URL, not '" + url + "'");
            }
        });
        return value;
    }

    Duration duration(String name, String fallback, Duration min) {
        String value = string(name, fallback);
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
        if (duration.compareTo(min) < 0) {
            throw new UsageException("--" + name + " must be at least " + Durations.format(min) + ", not " + value);
        }
        return duration;
    }

    int integer(String name, int fallback, int min, int max) {
        String value = string(name, Integer.toString(fallback));
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }

    double fraction(String name, double fallback) {
        String value = string(name, Double.toString(fallback));
        try {
            double number = Double.parseDouble(value.trim());
            if (!(number >= 0 && number <= 1)) {
                throw new UsageException("--" + name + " must be between 0 and 1, not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a decimal between 0 and 1, not '" + value + "'");
        }
    }

    /** A multiplier of at least 1, e.g. {@code --factor 3}. */
    double factor(String name, double fallback) {
        String value = string(name, Double.toString(fallback));
        try {
            double number = Double.parseDouble(value.trim());
            if (!(number >= 1 && number <= 1_000)) {
                throw new UsageException("--" + name + " must be between 1 and 1000, not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number such as 3 or 1.5, not '" + value + "'");
        }
    }

    boolean bool(String name, boolean fallback) {
        String value = string(name, Boolean.toString(fallback)).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, not '" + value + "'");
        };
    }

    /** {@code --rate R} (one step) or {@code --rates R1,R2,…} (steps in that order), per second. */
    List<Double> rates(double fallback) {
        if (values.containsKey("rate") && values.containsKey("rates")) {
            throw new UsageException("give either --rate or --rates, not both");
        }
        String name = values.containsKey("rates") ? "rates" : "rate";
        String text = values.getOrDefault(name, Double.toString(fallback));
        List<Double> rates = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                double rate = Double.parseDouble(part.trim());
                if (!(rate > 0 && rate <= 100_000)) {
                    throw new UsageException("--" + name + ": a rate must be above 0 and at most 100000 per second, not " + part.trim());
                }
                rates.add(rate);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be requests per second (e.g. 50 or 50,100,200), not '" + text + "'");
            }
        }
        if (name.equals("rate") && rates.size() > 1) {
            throw new UsageException("--rate takes one rate; use --rates for steps");
        }
        return List.copyOf(rates);
    }
}
