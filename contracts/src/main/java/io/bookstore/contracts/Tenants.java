package io.bookstore.contracts;

import java.util.regex.Pattern;

/** The tenant header, until authentication replaces it with a token claim. */
public final class Tenants {

    public static final String HEADER = "X-Tenant-Id";
    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Tenants() {
    }

    public static boolean isValid(String tenant) {
        return tenant != null && COMPILED.matcher(tenant).matches();
    }
}
