package io.bookstore.storefront;

import io.restassured.RestAssured;

/** The storefront's Prometheus page. */
final class Metrics {

    private Metrics() {
    }

    static String scrape() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
