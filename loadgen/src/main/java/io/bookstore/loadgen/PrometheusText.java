package io.bookstore.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format (and the sample lines of OpenMetrics):
 * {@code name{label="value",…} value [timestamp] [# exemplar]}. Comment lines are skipped;
 * a line that is not a sample is an error naming its line number.
 */
final class PrometheusText {

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {

        Sample {
            labels = Map.copyOf(labels);
        }
    }

    private PrometheusText() {
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineReader(line).sample());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("metrics line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return samples;
    }

    private static final class LineReader {

        private final String line;
        private int at;

        LineReader(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("no metric name");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (peek() == '{') {
                at++;
                labels(labels);
            }
            skipSpaces();
            int start = at;
            while (at < line.length() && !Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("no value");
            }
            // What may follow (a timestamp, an OpenMetrics exemplar) says nothing about the value.
            return new Sample(name, labels, number(line.substring(start, at)));
        }

        private String name() {
            int start = at;
            while (at < line.length() && isNameChar(line.charAt(at))) {
                at++;
            }
            return line.substring(start, at);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    at++;
                    return;
                }
                String label = name();
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("bad label name at column " + (at + 1));
                }
                skipSpaces();
                expect('=');
                skipSpaces();
                expect('"');
                labels.put(label, quoted());
                skipSpaces();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected , or } at column " + (at + 1));
                }
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (at < line.length()) {
                char c = line.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < line.length()) {
                    char escaped = line.charAt(at++);
                    value.append(switch (escaped) {
                        case 'n' -> '\n';
                        case '\\' -> '\\';
                        case '"' -> '"';
                        default -> throw new IllegalArgumentException("unknown escape \\" + escaped);
                    });
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated label value");
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c + " at column " + (at + 1));
            }
            at++;
        }

        private char peek() {
            return at < line.length() ? line.charAt(at) : '\0';
        }

        private void skipSpaces() {
            while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
                at++;
            }
        }

        private static boolean isNameChar(char c) {
            return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }

    static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + text);
                }
            }
        };
    }
}
