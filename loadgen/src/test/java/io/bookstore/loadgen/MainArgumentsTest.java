package io.bookstore.loadgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainArgumentsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "checkout --rate fast                      | --rate must be requests per second",
        "checkout --rate 0                         | --rate: a rate must be above 0",
        "checkout --rates 50,x                     | --rates must be requests per second",
        "checkout --rate 5 --rates 5,10            | either --rate or --rates",
        "checkout --rate 5,10                      | --rate takes one rate",
        "checkout --speed 5                        | unknown option --speed",
        "checkout --duration                       | --duration needs a value",
        "checkout --duration soon                  | --duration: not a duration: 'soon'",
        "checkout --duration 0s                    | --duration must be at least 1s",
        "checkout --decline-share 1.5              | --decline-share must be between 0 and 1",
        "checkout --tenants 0                      | --tenants must be between 1 and 10",
        "checkout --url localhost:8080             | --url must be an http:// or https:// URL",
        "checkout --catalog-jdbc-url mysql://x     | --catalog-jdbc-url must be a jdbc:postgresql:// URL",
        "checkout --rate 5 --rate 6                | --rate is given twice",
        "checkout 50                               | unexpected argument '50'",
        "outbox --notify maybe                     | --notify must be true or false",
        "outbox --connections 0                    | --connections must be between 1 and 200",
        "outbox --url http://x                     | unknown option --url",
        "outbox --jdbc-url none                    | --jdbc-url is needed",
        "outbox --label a/b                        | --label must be",
        "overload --rates 10,20                    | unknown option --rates",
        "overload --factor 0.5                     | --factor must be between 1 and 1000",
        "overload --phase 1s                       | --phase must be at least 2s",
        "overload --kafka none                     | unknown option --kafka",
        "stress --rate 5                           | unknown scenario 'stress'",
    })
    void aBadArgumentExitsWithTwoAndIsNamed(String commandLine, String message) {
        Result result = run(commandLine.trim().split(" +"));

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.stderr()).contains(message.trim()).contains("usage: loadgen checkout");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void noScenarioIsAUsageErrorAndHelpIsNot() {
        assertThat(run().code()).isEqualTo(2);
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.stdout()).contains("--decline-share").contains("--notify");
    }

    record Result(int code, String stdout, String stderr) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Result(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }
}
