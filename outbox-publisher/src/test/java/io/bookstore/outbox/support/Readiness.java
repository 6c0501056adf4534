package io.bookstore.outbox.support;

import static io.restassured.RestAssured.given;

/** Reads {@code /q/health/ready} as a probe would, one named check at a time. */
public final class Readiness {

    /** The relay's own check: whether its sends go through. */
    public static final String RELAY = "Outbox relay";
    public static final String KAFKA_CLUSTER = "Kafka cluster";

    private Readiness() {
    }

    /** The status (UP or DOWN) of the check called {@code name}, whatever the overall answer. */
    public static String of(String name) {
        return given().get("/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == '" + name + "' }.status");
    }

    public static int httpStatus() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }
}
