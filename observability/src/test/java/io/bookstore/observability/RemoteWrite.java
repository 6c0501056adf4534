package io.bookstore.observability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus remote-write request (prompb.WriteRequest, snappy block format) of one
 * sample with one exemplar: what the collector's prometheusremotewrite exporter sends,
 * small enough to encode by hand.
 */
final class RemoteWrite {

    private RemoteWrite() {
    }

    static byte[] request(final Map<String, String> labels, final double value, final long timestampMillis,
                          final Map<String, String> exemplarLabels) {
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        writeDouble(sample, 1, value);
        writeVarintField(sample, 2, timestampMillis);

        ByteArrayOutputStream exemplar = new ByteArrayOutputStream();
        // Remote write requires labels sorted by name.
        new TreeMap<>(exemplarLabels).forEach((name, v) -> writeBytes(exemplar, 1, label(name, v)));
        writeDouble(exemplar, 2, value);
        writeVarintField(exemplar, 3, timestampMillis);

        ByteArrayOutputStream series = new ByteArrayOutputStream();
        new TreeMap<>(labels).forEach((name, v) -> writeBytes(series, 1, label(name, v)));
        writeBytes(series, 2, sample.toByteArray());
        writeBytes(series, 3, exemplar.toByteArray());

        ByteArrayOutputStream request = new ByteArrayOutputStream();
        writeBytes(request, 1, series.toByteArray());
        return snappy(request.toByteArray());
    }

    private static byte[] label(final String name, final String value) {
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        writeBytes(label, 1, name.getBytes(StandardCharsets.UTF_8));
        writeBytes(label, 2, value.getBytes(StandardCharsets.UTF_8));
        return label.toByteArray();
    }

    private static void writeBytes(final ByteArrayOutputStream out, final int field, final byte[] bytes) {
        writeVarint(out, (long) field << 3 | 2);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeVarintField(final ByteArrayOutputStream out, final int field, final long value) {
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
    }

    private static void writeDouble(final ByteArrayOutputStream out, final int field, final double value) {
        writeVarint(out, (long) field << 3 | 1);
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xff);
        }
    }

    private static void writeVarint(final ByteArrayOutputStream out, final long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    /** Snappy's block format with the whole input as one literal: valid, just not compressed. */
    static byte[] snappy(final byte[] input) {
        if (input.length > 65536) {
            throw new IllegalArgumentException("one literal of at most 64 KiB is all this encoder writes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, input.length);
        int lengthMinusOne = input.length - 1;
        if (lengthMinusOne < 60) {
            out.write(lengthMinusOne << 2);
        } else if (lengthMinusOne < 256) {
            out.write(60 << 2);
            out.write(lengthMinusOne);
        } else {
            out.write(61 << 2);
            out.write(lengthMinusOne & 0xff);
            out.write(lengthMinusOne >>> 8);
        }
        out.writeBytes(input);
        return out.toByteArray();
    }
}
