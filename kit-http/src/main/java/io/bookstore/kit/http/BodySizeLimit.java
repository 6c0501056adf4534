package io.bookstore.kit.http;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body limit ({@code bookstore.http.max-body-size}). Application-scoped, so
 * that the filter and interceptor that REST creates at static init read the config only
 * once a request arrives.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(HttpKitConfig config) {
        this.maxBytes = config.maxBodySize().asLongValue();
    }

    /** @throws PayloadTooLargeException when the declared length is over the limit */
    public void checkDeclared(long contentLength) {
        if (contentLength > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
    }

    /** The body, failing with {@link PayloadTooLargeException} once more than the limit has been read. */
    public InputStream limit(InputStream body) {
        return new LimitedInputStream(body, maxBytes);
    }

    private static final class LimitedInputStream extends FilterInputStream {

        private final long maxBytes;
        private long read;

        LimitedInputStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) {
            read += bytes;
            if (read > maxBytes) {
                throw new PayloadTooLargeException(maxBytes);
            }
        }
    }
}
