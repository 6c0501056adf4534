package io.bookstore.psp;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.bookstore.psp.PspApi.FORM;
import static io.bookstore.psp.PspApi.SECRET_KEY;
import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.form;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Only the configured secret key gets in, as a bearer token or as basic auth's user name. */
@QuarkusTest
class AuthenticationTest {

    @Test
    void noKeyIsA401InStripesFormat() {
        given().contentType(FORM).body(form(charge("pm_card_visa")))
                .when().post("/v1/payment_intents")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("You did not provide an API key"));
        given().when().get("/v1/payment_intents/pi_anything")
                .then().statusCode(401)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void aWrongKeyIsA401ThatDoesNotEchoTheKey() {
        String wrong = "sk_test_not_the_right_one_1234";
        create(given().header("Authorization", "Bearer " + wrong), charge("pm_card_visa"))
                .statusCode(401)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("Invalid API Key provided: sk_test_"))
                .body("error.message", containsString("1234"))
                .body("error.message", not(containsString(wrong)));
        given().header("Authorization", "Bearer " + wrong).when().get("/v1/payment_intents/pi_anything")
                .then().statusCode(401);
    }

    @Test
    void aKeyOutsideBearerOrBasicIsRefused() {
        create(given().header("Authorization", SECRET_KEY), charge("pm_card_visa")).statusCode(401);
        create(given().header("Authorization", "Token " + SECRET_KEY), charge("pm_card_visa")).statusCode(401);
        create(given().header("Authorization", "Bearer "), charge("pm_card_visa")).statusCode(401);
        create(given().header("Authorization", "Basic !!!not-base64"), charge("pm_card_visa")).statusCode(401);
    }

    @Test
    void basicAuthWithTheKeyAsUserNameIsAccepted() {
        String basic = Base64.getEncoder().encodeToString((SECRET_KEY + ":").getBytes(StandardCharsets.UTF_8));
        String id = create(given().header("Authorization", "Basic " + basic), charge("pm_card_visa"))
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .extract().path("id");
        given().header("Authorization", "Basic " + basic).when().get("/v1/payment_intents/{id}", id)
                .then().statusCode(200).body("id", equalTo(id));
    }
}
