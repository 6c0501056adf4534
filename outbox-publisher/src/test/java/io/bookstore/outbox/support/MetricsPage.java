package io.bookstore.outbox.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Reads series from {@code /q/metrics} as Prometheus would scrape them. */
public final class MetricsPage {

    private MetricsPage() {
    }

    /** The value of the first series of {@code name} whose tags include every {@code tag="value"} given, 0 when none exists yet. */
    public static double value(String name, String... tags) {
        Pattern series = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)})? (\\S+)$");
        Matcher matcher = series.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        while (matcher.find()) {
            String found = matcher.group(1) == null ? "" : matcher.group(1);
            boolean all = true;
            for (String tag : tags) {
                all &= found.contains(tag);
            }
            if (all) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0.0;
    }

    /** {@code key="value"}, as the page writes a tag. */
    public static String tag(String key, String value) {
        return key + "=\"" + value + "\"";
    }
}
