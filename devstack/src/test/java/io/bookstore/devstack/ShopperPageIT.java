package io.bookstore.devstack;

import io.bookstore.devstack.BookstoreScript.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shopper's page at {@code /} in a real browser (Debian's Chromium, driven through its
 * chromium-driver) against {@code ./bookstore up} with the real Keycloak: sign in, search, buy,
 * watch the order get paid and its trace cross every service, a declined card, another
 * tenant, a double click, a phone's width. Each step's screenshot is kept in
 * {@code target/shopper-page}.
 */
class ShopperPageIT {

    private static final Path DIR = Path.of("target", "shopper-page-it").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "shopper-page").toAbsolutePath();
    private static final String SHOP = "http://127.0.0.1:8080/";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The six services a paid checkout's trace crosses (the psp-simulator exports none of its own). */
    private static final Set<String> CHECKOUT_SERVICES = Set.of("storefront", "catalog", "orders", "outbox-publisher",
            "payments-gateway", "recommendations");
    private static final String DDIA = "978-1-4493-7332-0";
    private static final String EFFECTIVE_JAVA = "978-0-13-468599-1";
    private static final String CLEAN_CODE = "978-0-13-235088-4";
    private static final String REFACTORING = "978-0-13-475759-9";

    /** In the page: its next POST /api/v2/checkout is answered as a storefront at its limit answers it. */
    private static final String REFUSE_THE_FIRST_CHECKOUT = """
            const send = window.fetch;
            window.refusedCheckouts = 0;
            window.fetch = (path, init) => {
                if (path === '/api/v2/checkout' && window.refusedCheckouts === 0) {
                    window.refusedCheckouts++;
                    return Promise.resolve(new Response(JSON.stringify({type: 'urn:bookstore:problem:overloaded',
                            title: 'The service is at capacity', status: 503}),
                        {status: 503, headers: {'Content-Type': 'application/problem+json', 'Retry-After': '1'}}));
                }
                return send(path, init);
            };
            """;

    private static WebDriver browser;

    @BeforeAll
    static void startTheStackAndTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        Run up = BookstoreScript.run(Map.of(), "up", "--detach", "--fresh", "--no-demo", "--monitoring", "off", "--dir", DIR.toString());
        assertThat(up.exitCode()).as(up.output()).isZero();
        BookstoreScript.assertAnyTrainingAcceptedCheckouts(up);
        assertThat(up.output()).contains("shop: " + SHOP);
        Files.createDirectories(SCREENSHOTS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1280,1024");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        BookstoreScript.run(Map.of(), "down", "--dir", DIR.toString());
    }

    @Test
    void aShopperBuysWatchesTheOrderAndItsTraceAndAnotherTenantSeesNone() throws Exception {
        browser.get(SHOP);
        waitFor(By.cssSelector("li.book"));
        screenshot("01-books");

        signIn("alice");
        assertThat(text(By.id("signed-in-user"))).isEqualTo("alice");
        assertThat(text(By.id("signed-in-tenant"))).isEqualTo("acme");
        screenshot("02-signed-in");

        // Search by author and by ISBN digits, typing and pressing Enter as a keyboard user does.
        search("kleppmann");
        addToCart(DDIA);
        search("9780134685991");
        screenshot("03-search");
        addToCart(EFFECTIVE_JAVA);
        assertThat(text(By.id("cart-count"))).isEqualTo("2");

        String paid = checkOut("pm_card_visa");
        waitForStatus("paid");
        List<DrawnSpan> spans = waitForTraceOf(CHECKOUT_SERVICES);
        assertThat(spans).noneMatch(DrawnSpan::error);
        assertThat(text(By.cssSelector(".order-status"))).contains("Paid");
        assertThat(browser.findElements(By.cssSelector("tbody tr[data-isbn]"))).hasSize(2);
        // The whole waterfall in one picture (the README shows it), once the late spans (the
        // webhook, the status change, the sale) have arrived: a window as tall as the page.
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.trace[data-settled]")));
        Object pageHeight = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, ((Number) pageHeight).intValue() + 140));
        screenshot("04-paid-order-and-its-trace");
        browser.manage().window().setSize(new Dimension(1280, 1024));

        // A declined card: the failure is said, and the book's stock is back where it was.
        int stockBefore = stockOf(CLEAN_CODE);
        addToCart(CLEAN_CODE);
        checkOut("pm_card_chargeDeclined");
        waitForStatus("payment_failed");
        assertThat(text(By.cssSelector(".order-status"))).contains("declined").contains("back on the shelf");
        screenshot("05-declined");
        awaitStock(CLEAN_CODE, stockBefore);

        // A double click on "Check out" makes one order, and so does the page's own retry of a
        // checkout the shop was too busy for: the first send is answered 503 overloaded here, in
        // the page (the storefront refuses so only at its limit), and the page asks again after
        // its Retry-After with the same Idempotency-Key.
        int ordersBefore = myOrders().size();
        addToCart(REFACTORING);
        browser.get(SHOP + "#/cart");
        WebElement checkout = waitFor(By.id("checkout"));
        ((JavascriptExecutor) browser).executeScript(REFUSE_THE_FIRST_CHECKOUT);
        new Actions(browser).doubleClick(checkout).perform();
        waitUntilAddressMatches("#/orders/[0-9a-f-]{36}");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.refusedCheckouts")).isEqualTo(1L);
        waitForStatus("paid");
        assertThat(myOrders()).hasSize(ordersBefore + 1);
        screenshot("06-my-orders");

        // More copies than the shelf holds: a sentence the shopper can act on, and nothing made.
        int refactoringStock = stockOf(REFACTORING);
        addToCart(REFACTORING);
        browser.get(SHOP + "#/cart");
        WebElement quantity = waitFor(By.id("qty-" + REFACTORING));
        quantity.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(refactoringStock + 1), Keys.TAB);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(page -> String.valueOf(refactoringStock + 1)
                .equals(page.findElement(By.id("qty-" + REFACTORING)).getDomProperty("value")));
        waitFor(By.id("checkout")).click();
        assertThat(text(By.cssSelector(".notice.error"))).contains("Not enough copies");
        screenshot("07-not-enough-copies");
        assertThat(myOrders()).hasSize(ordersBefore + 1);
        assertThat(stockOf(REFACTORING)).isEqualTo(refactoringStock);
        assertThat(text(By.id("cart-count"))).isEqualTo(String.valueOf(refactoringStock + 1));

        // Another tenant: alice's order is not found, and not among bob's.
        signOut();
        signIn("bob");
        assertThat(text(By.id("signed-in-tenant"))).isEqualTo("globex");
        assertThat(text(By.id("cart-count"))).as("alice's cart, emptied when she signed out").isEqualTo("0");
        browser.get(SHOP + "#/orders/" + paid);
        waitFor(By.xpath("//h1[.='Not found']"));
        screenshot("08-bob-does-not-find-alices-order");
        assertThat(myOrders()).noneMatch(order -> paid.equals(order.getAttribute("data-order-id")));

        // A phone's width: nothing wider than the screen but the waterfall, which scrolls in its own box.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(SHOP + "#/books/" + DDIA);
        waitFor(By.cssSelector(".book-page"));
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        screenshot("09-phone");

        // The refused checkout's 409 and bob's 404 for alice's order are the only failed requests
        // the browser may have logged.
        assertThat(browserErrors()).allMatch(error -> error.contains("/api/v2/checkout") && error.contains("409")
                || error.contains("/api/v2/orders/" + paid) && error.contains("404"));
    }

    private void signIn(String user) {
        browser.get(SHOP);
        waitFor(By.id("sign-in")).click();
        waitFor(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("bookstore");
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("signed-in-user"), user));
    }

    private void signOut() {
        waitFor(By.xpath("//button[.='Sign out']")).click();
        waitFor(By.id("sign-in"));
    }

    private void search(String words) {
        browser.get(SHOP);
        WebElement box = waitFor(By.id("search"));
        box.clear();
        box.sendKeys(words, Keys.ENTER);
        waitFor(By.cssSelector("ul[aria-label='Books matching " + words + "'] li.book"));
    }

    private void addToCart(String isbn) {
        if (browser.findElements(By.cssSelector("li.book[data-isbn='" + isbn + "'] button")).isEmpty()) {
            browser.get(SHOP + "#/books/" + isbn);
        }
        By button = By.cssSelector("[data-isbn='" + isbn + "'] button");
        waitFor(button).click();
        waitFor(By.cssSelector(".notice.info"));
    }

    /** Checks the cart out with this test card; returns the order's id from the order page's address. */
    private String checkOut(String card) {
        browser.get(SHOP + "#/cart");
        waitFor(By.cssSelector("input[name='card'][value='" + card + "']")).click();
        waitFor(By.id("checkout")).click();
        waitUntilAddressMatches("#/orders/[0-9a-f-]{36}");
        String address = browser.getCurrentUrl();
        return address.substring(address.lastIndexOf('/') + 1);
    }

    private void waitForStatus(String status) {
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".order-status [data-status='" + status + "']")));
    }

    /** A row of the waterfall: the service that made the span and whether it ended in error. */
    private record DrawnSpan(String service, boolean error) {
    }

    /**
     * The waterfall's rows once spans of every one of these services are drawn. Read in one
     * script: the page redraws the waterfall while spans still arrive, so a row found by one call
     * may be gone at the next.
     */
    private List<DrawnSpan> waitForTraceOf(Set<String> services) {
        List<DrawnSpan> drawn = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(page -> {
            drawn.clear();
            for (Object row : (List<?>) ((JavascriptExecutor) page).executeScript(
                    "return Array.from(document.querySelectorAll('tr.span'), row => [row.dataset.service, row.classList.contains('error')])")) {
                List<?> cells = (List<?>) row;
                drawn.add(new DrawnSpan((String) cells.get(0), (Boolean) cells.get(1)));
            }
            return drawn.stream().map(DrawnSpan::service).collect(Collectors.toSet()).containsAll(services);
        });
        return List.copyOf(drawn);
    }

    private int stockOf(String isbn) {
        browser.get(SHOP + "#/books/" + isbn);
        String stock = waitFor(By.cssSelector(".book-page .stock")).getText();
        return Integer.parseInt(stock.replaceAll("[^0-9]", ""));
    }

    /** The release reaches catalog through Kafka after the order failed: a moment later. */
    private void awaitStock(String isbn, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int stock = stockOf(isbn);
        while (stock != expected && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            browser.navigate().refresh();
            stock = stockOf(isbn);
        }
        assertThat(stock).as("stock of %s after the declined checkout", isbn).isEqualTo(expected);
    }

    private List<WebElement> myOrders() {
        browser.get(SHOP + "#/orders");
        waitFor(By.cssSelector("ul.orders li"));
        return browser.findElements(By.cssSelector("ul.orders li.order"));
    }

    private void waitUntilAddressMatches(String pattern) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.urlMatches(pattern));
    }

    private WebElement waitFor(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    private String text(By element) {
        return waitFor(element).getText();
    }

    /** A picture of the page as it is, which never shows a value the page failed to fill in. */
    private void screenshot(String name) throws Exception {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(browser.findElement(By.tagName("body")).getText()).as(name)
                .doesNotContainPattern("\\b(null|undefined|NaN)\\b").doesNotContain("[object ");
    }

    /** What the page logged as an error: a failed request or an exception. */
    private List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }
}
