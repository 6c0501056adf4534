package io.bookstore.observability;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The anchors of observability/README.md as GitHub renders them. */
final class Readme {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);
    private static final Pattern EXPLICIT = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    private Readme() {
    }

    static Set<String> anchors() {
        return anchors(ObservabilityFiles.read("README.md"));
    }

    static Set<String> anchors(final String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        String outsideCode = markdown.replaceAll("(?s)```.*?```", "");
        Matcher heading = HEADING.matcher(outsideCode);
        while (heading.find()) {
            anchors.add(slug(heading.group(1)));
        }
        Matcher explicit = EXPLICIT.matcher(outsideCode);
        while (explicit.find()) {
            anchors.add(explicit.group(1));
        }
        return anchors;
    }

    /** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(final String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("`", "")
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
