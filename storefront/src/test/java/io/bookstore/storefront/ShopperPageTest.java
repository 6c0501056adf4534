package io.bookstore.storefront;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The shopper's page is static files of the storefront plus the settings it signs in with; the
 * page itself is driven in a browser by the devstack's DevstackIT.
 */
@QuarkusTest
class ShopperPageTest {

    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/shop/[^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");

    @Test
    void thePageIsServedAtTheRootWithoutAToken() {
        String page = RestAssured.given().get("/").then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<main id=\"main\""))
                .extract().asString();

        List<String> assets = all(ASSET, page);
        assertThat(assets).contains("/shop/shop.css", "/shop/shop.js");
        for (String asset : assets) {
            RestAssured.given().get(asset).then().statusCode(200);
        }
    }

    @Test
    void everyModuleThePageImportsIsServedAsJavaScript() {
        List<String> pending = new ArrayList<>(List.of("shop.js"));
        List<String> seen = new ArrayList<>();
        while (!pending.isEmpty()) {
            String module = pending.remove(0);
            if (seen.contains(module)) {
                continue;
            }
            seen.add(module);
            String source = RestAssured.given().get("/shop/" + module).then()
                    .statusCode(200)
                    .contentType(containsString("javascript"))
                    .extract().asString();
            pending.addAll(all(MODULE_IMPORT, source));
        }
        assertThat(seen).contains("shop.js", "auth.js", "api.js", "cart.js", "trace.js", "dom.js");
    }

    @Test
    void thePageSignsInAtTheRealmTheApiTrustsWithItsPublicClient() {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        RestAssured.given().get("/api/v2/web-config").then()
                .statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("client_id", equalTo("bookstore-web"));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
