package io.bookstore.devstack;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shopper's page at {@code /} of a running stack in a real browser (Debian's Chromium,
 * driven through its chromium-driver), as a shopper uses it: sign in, search, add to the cart,
 * check out, read an order, its trace and the stock. {@link DevstackIT} drives it; each
 * {@link #screenshot} is kept in {@code target/shopper-page}.
 */
final class ShopperPage implements AutoCloseable {

    static final String SHOP = "http://127.0.0.1:8080/";
    private static final Path SCREENSHOTS = Path.of("target", "shopper-page").toAbsolutePath();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver browser;

    private ShopperPage(WebDriver browser) {
        this.browser = browser;
    }

    /** Whether Debian's chromium and chromium-driver are installed (.ci/run installs them). */
    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A headless Chromium at a desktop's size, whose console errors are kept for {@link #browserErrors}. */
    static ShopperPage open() throws Exception {
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
        return new ShopperPage(new ChromeDriver(driver, options));
    }

    /** The browser itself, for what the page has no method for. */
    WebDriver browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.quit();
    }

    void signIn(String user) {
        browser.get(SHOP);
        waitFor(By.id("sign-in")).click();
        waitFor(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("bookstore");
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("signed-in-user"), user));
    }

    void signOut() {
        waitFor(By.xpath("//button[.='Sign out']")).click();
        waitFor(By.id("sign-in"));
    }

    void search(String words) {
        browser.get(SHOP);
        WebElement box = waitFor(By.id("search"));
        box.clear();
        box.sendKeys(words, Keys.ENTER);
        waitFor(By.cssSelector("ul[aria-label='Books matching " + words + "'] li.book"));
    }

    void addToCart(String isbn) {
        if (browser.findElements(By.cssSelector("li.book[data-isbn='" + isbn + "'] button")).isEmpty()) {
            browser.get(SHOP + "#/books/" + isbn);
        }
        By button = By.cssSelector("[data-isbn='" + isbn + "'] button");
        waitFor(button).click();
        waitFor(By.cssSelector(".notice.info"));
    }

    /** Checks the cart out with this test card; returns the order's id from the order page's address. */
    String checkOut(String card) {
        browser.get(SHOP + "#/cart");
        waitFor(By.cssSelector("input[name='card'][value='" + card + "']")).click();
        waitFor(By.id("checkout")).click();
        waitUntilAddressMatches("#/orders/[0-9a-f-]{36}");
        String address = browser.getCurrentUrl();
        return address.substring(address.lastIndexOf('/') + 1);
    }

    void waitForStatus(String status) {
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".order-status [data-status='" + status + "']")));
    }

    /** A row of the waterfall: the service that made the span and whether it ended in error. */
    record DrawnSpan(String service, boolean error) {
    }

    /**
     * The waterfall's rows once spans of every one of these services are drawn. Read in one
     * script: the page redraws the waterfall while spans still arrive, so a row found by one call
     * may be gone at the next.
     */
    List<DrawnSpan> waitForTraceOf(Set<String> services) {
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

    int stockOf(String isbn) {
        browser.get(SHOP + "#/books/" + isbn);
        String stock = waitFor(By.cssSelector(".book-page .stock")).getText();
        return Integer.parseInt(stock.replaceAll("[^0-9]", ""));
    }

    /** The release reaches catalog through Kafka after the order failed: a moment later. */
    void awaitStock(String isbn, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int stock = stockOf(isbn);
        while (stock != expected && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            browser.navigate().refresh();
            stock = stockOf(isbn);
        }
        assertThat(stock).as("stock of %s after the declined checkout", isbn).isEqualTo(expected);
    }

    List<WebElement> myOrders() {
        browser.get(SHOP + "#/orders");
        waitFor(By.cssSelector("ul.orders li"));
        return browser.findElements(By.cssSelector("ul.orders li.order"));
    }

    void waitUntilAddressMatches(String pattern) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.urlMatches(pattern));
    }

    WebElement waitFor(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    String text(By element) {
        return waitFor(element).getText();
    }

    /** A picture of the page as it is, which never shows a value the page failed to fill in. */
    void screenshot(String name) throws Exception {
        keepPicture(name);
        assertThat(browser.findElement(By.tagName("body")).getText()).as(name)
                .doesNotContainPattern("\\b(null|undefined|NaN)\\b").doesNotContain("[object ");
    }

    /** A picture of the page as it is, whatever it shows: how a failed step left it. */
    void keepPicture(String name) throws IOException {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the page logged as an error: a failed request or an exception. */
    List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }
}
