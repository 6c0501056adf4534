package io.bookstore.kit.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The names a problem's {@code errors} give bad fields, from real Hibernate Validator paths and Jackson failures. */
class FieldPathsTest {

    private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    private final ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    record Line(@NotNull @ValidIsbn String isbn, @NotNull @Min(1) Integer unitQty) {
    }

    record Body(@NotNull UUID orderId, @NotNull List<@NotNull @Valid Line> lines) {
    }

    /** Stands for a resource: a body, query parameters, a path parameter. */
    static class Resource {

        void create(@Valid @NotNull Body body) {
        }

        void find(@WholeNumber(min = 1, max = 100) String limit, List<@ValidIsbn String> isbn) {
        }

        void release(@Pattern(regexp = "[0-9a-f-]{36}") String orderId) {
        }
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void aPropertyOfTheBodyIsItsSnakeCaseJsonPath() {
        Body body = new Body(UUID.randomUUID(), List.of(new Line("9780134685991", 1), new Line("9780134685991", 0)));
        assertThat(fields("create", body)).containsExactly("lines[1].unit_qty");
    }

    @Test
    void aMissingListElementIsNamedByItsIndex() {
        Body body = new Body(UUID.randomUUID(), Arrays.asList(new Line("9780134685991", 1), null));
        assertThat(fields("create", body)).containsExactly("lines[1]");
    }

    @Test
    void aMissingBodyIsTheBody() {
        assertThat(fields("create", (Object) null)).containsExactly("body");
    }

    @Test
    void aParameterIsNamedAfterItAndAListParameterElementByItsIndex() {
        assertThat(fields("find", "abc", List.of("9780134685991", "not-an-isbn"))).containsExactlyInAnyOrder("limit", "isbn[1]");
    }

    @Test
    void aParameterNameIsSnakeCase() {
        assertThat(fields("release", "nope")).containsExactly("order_id");
    }

    @Test
    void aJsonValueOfTheWrongTypeIsNamedByItsPathInTheBody() {
        MismatchedInputException e = readFails("{\"order_id\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"isbn\":\"x\",\"unit_qty\":[]}]}");
        assertThat(FieldPaths.json(e)).isEqualTo("lines[0].unit_qty");
        assertThat(FieldPaths.expected(e.getTargetType())).isEqualTo("must be a whole number");
    }

    @Test
    void aBodyThatIsNotAnObjectIsTheBody() {
        MismatchedInputException e = readFails("[]");
        assertThat(FieldPaths.json(e)).isEqualTo("body");
        assertThat(FieldPaths.expected(e.getTargetType())).isEqualTo("must be an object");
    }

    @Test
    void whatAValueMustBeIsSaidInJsonTerms() {
        assertThat(FieldPaths.expected(UUID.class)).isEqualTo("must be a UUID");
        assertThat(FieldPaths.expected(long.class)).isEqualTo("must be a whole number");
        assertThat(FieldPaths.expected(String.class)).isEqualTo("must be a string");
        assertThat(FieldPaths.expected(List.class)).isEqualTo("must be an array");
        assertThat(FieldPaths.expected(Boolean.class)).isEqualTo("must be true or false");
        assertThat(FieldPaths.expected(null)).isEqualTo("has the wrong type");
    }

    private MismatchedInputException readFails(String body) {
        return catchThrowableOfType(MismatchedInputException.class, () -> json.readValue(body, Body.class));
    }

    private static List<String> fields(String method, Object... arguments) {
        Method executable = Arrays.stream(Resource.class.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(method))
                .findFirst()
                .orElseThrow();
        return VALIDATOR.forExecutables().validateParameters(new Resource(), executable, arguments).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(FieldPaths::violation)
                .toList();
    }
}
