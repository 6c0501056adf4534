package io.bookstore.catalog;

import io.bookstore.contracts.Isbn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

/** The seed migration gives a fresh environment about fifty sellable books with real ISBNs. */
@QuarkusTest
class SeedDataTest {

    private static final Pattern SEEDED_ISBN = Pattern.compile("^\\s*\\('([0-9-]+)',", Pattern.MULTILINE);

    @Test
    void everySeededIsbnIsAValidIsbn13AndDistinct() throws IOException {
        List<String> isbns = seededIsbns();

        assertThat(isbns).hasSizeGreaterThanOrEqualTo(50).contains(TestDatabase.EFFECTIVE_JAVA);
        assertThat(isbns).allSatisfy(isbn -> assertThat(Isbn.isValid(isbn)).as(isbn).isTrue());
        assertThat(isbns.stream().map(Isbn::digits)).doesNotHaveDuplicates();
    }

    @Test
    void everySeededBookIsServedWithPriceAndStock() throws IOException {
        List<String> isbns = seededIsbns();

        given().queryParam("isbn", isbns)
                .when().get("/catalog/items")
                .then().statusCode(200)
                .body("$", hasSize(isbns.size()))
                .body("findAll { it.price_cents <= 0 || it.stock < 0 || it.currency != 'USD' || !it.title || !it.author }", hasSize(0));
    }

    private static List<String> seededIsbns() throws IOException {
        try (InputStream sql = SeedDataTest.class.getClassLoader().getResourceAsStream("db/migration/V2__seed_books.sql")) {
            assertThat(sql).as("seed migration on the classpath").isNotNull();
            String text = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
            return SEEDED_ISBN.matcher(text).results().map(match -> match.group(1)).toList();
        }
    }
}
