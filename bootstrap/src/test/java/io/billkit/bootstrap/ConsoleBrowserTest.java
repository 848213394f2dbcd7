package io.billkit.bootstrap;

import com.sun.net.httpserver.HttpServer;
import io.billkit.adapter.http.Role;
import io.billkit.adapter.http.SessionTokens;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.invoice.ListInvoicesQuery;
import io.billkit.application.port.in.invoice.VoidInvoiceCommand;
import io.billkit.application.port.in.reconciliation.ReconcileCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointCommand;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in Debian's headless Chromium (Selenium) against the service as {@link BillKitApplication} wires
 * it: embedded PostgreSQL, the mock payment provider, PDF invoices, on random ports. A settable clock runs a
 * billing year in seconds so the invoices are real period-close invoices.
 *
 * <p>Screenshots of every page at 1280 and 390 px go to {@code target/console-screenshots}, or to the directory in
 * the system property {@code billkit.screenshots} (the committed ones: {@code -Dbillkit.screenshots=../docs/console}).
 *
 * <p>Without Chromium ({@code apt-get install -y chromium chromium-driver}) the class is skipped with that message,
 * except when {@code CI=true}: then it fails.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String JWT_SECRET = "console-browser-test-secret-0123456789-abcdef";
    private static final Actor ADMIN_ACTOR = Actor.of("console-test");
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final CustomerId METERS = CustomerId.of("meters");
    private static final CustomerId PLANCO = CustomerId.of("planco");
    private static final Instant START = Instant.parse("2025-12-01T09:00:00Z");

    private static final SettableClock clock = new SettableClock(START);
    private static BillKitApplication app;
    private static BillKitApplication billingOff;
    private static HttpServer hookReceiver;
    private static WebDriver driver;
    private static Path dataDir;
    private static Path shots;

    @BeforeAll
    static void start() throws Exception {
        requireChromium();
        dataDir = Files.createTempDirectory("billkit-console-test");
        shots = Path.of(System.getProperty("billkit.screenshots", "target/console-screenshots"));
        Files.createDirectories(shots);
        app = BillKitApplication.start(EnvConfig.parse(env("on", "true")), quiet(), clock);
        billingOff = BillKitApplication.start(EnvConfig.parse(env("off", "false")), quiet(), clock);
        seed();
        driver = chromium();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
        if (billingOff != null) {
            billingOff.close();
        }
        if (hookReceiver != null) {
            hookReceiver.stop(0);
        }
    }

    @BeforeEach
    void signedOut() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        // the session cookie's path is /api: only a page under /api sees (and deletes) it
        driver.get(url(app, "/api/v1/meta/features"));
        driver.manage().deleteAllCookies();
    }

    // ---------------------------------------------------------------- set-up

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "): run "
                + "`apt-get install -y chromium chromium-driver` (.ci/run does) to run the console's browser tests";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true: " + message);
        }
        Assumptions.abort(message);
    }

    private static Map<String, String> env(String name, String billing) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("BILLKIT_POSTGRES_DATA_DIR", dataDir.resolve(name).toString());
        env.put("JWT_SECRET", JWT_SECRET);
        env.put("DEMO_DATA", "false");
        env.put("BILLING_ENABLED", billing);
        // test-only: the browser makes more billing requests than the production per-user budget allows
        env.put("RATE_LIMIT_BILLING_REQUESTS", "100000");
        // test-only: the webhook receivers of this test are on this machine
        env.put("WEBHOOK_ALLOW_PRIVATE_HOSTS", "127.0.0.1,localhost");
        return env;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("billkit-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return chrome;
    }

    /** A year of acme on Scale (12 closed periods, 2 voided), a customer at 50/80/95 %, one for plan changes. */
    private static void seed() throws IOException {
        var s = app.services();
        for (CustomerId id : List.of(ACME, METERS, PLANCO)) {
            String name = switch (id.value()) {
                case "acme" -> "Acme Corp";
                case "meters" -> "Meter Works";
                default -> "Plan Co";
            };
            s.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(id, name, "billing@" + id + ".example"),
                    ADMIN_ACTOR));
        }
        s.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(CustomerId.of("zeta"), "Zeta Labs",
                "ap@zeta.example"), ADMIN_ACTOR));
        s.subscribe().subscribe(new SubscribeCommand(ACME, PlanCode.of("scale"), ADMIN_ACTOR));
        for (int month = 1; month <= 12; month++) {
            if (month % 4 == 2) {
                usage(ACME, "imp-" + month, "impressions", "61000000");
            }
            usage(ACME, "api-" + month, "api_calls", String.valueOf(1_000_000 + month * 137_000));
            if (month == 12) { // the newest invoice takes a coupon: 10 % off, once
                s.coupons().create().create(new io.billkit.application.port.in.coupon.CreateCouponCommand(
                        io.billkit.domain.coupon.CouponCode.of("WELCOME10"), "Welcome",
                        new io.billkit.domain.coupon.Discount.PercentOff(java.math.BigDecimal.TEN),
                        io.billkit.domain.coupon.CouponDuration.once(), java.util.Set.of(), java.util.Set.of(),
                        Optional.empty(), Optional.empty(), ADMIN_ACTOR));
                s.coupons().apply().apply(new io.billkit.application.port.in.coupon.ApplyCouponCommand(ACME,
                        io.billkit.domain.coupon.CouponCode.of("WELCOME10"), ADMIN_ACTOR));
            }
            clock.set(START.atZone(java.time.ZoneOffset.UTC).plusMonths(month).withHour(2).withMinute(0).toInstant());
            s.closePeriod().close(new ClosePeriodCommand(ADMIN_ACTOR));
        }
        List<InvoiceView> invoices = s.listInvoices().list(new ListInvoicesQuery(ACME, 1, 100, Optional.empty(),
                Optional.empty(), Optional.empty())).items();
        assertThat(invoices).hasSize(12);
        s.voidInvoice().voidInvoice(new VoidInvoiceCommand(invoices.get(3).id(), "duplicate", ADMIN_ACTOR));
        s.voidInvoice().voidInvoice(new VoidInvoiceCommand(invoices.get(7).id(), "billed in error", ADMIN_ACTOR));
        s.issueCreditNote().issue(new io.billkit.application.port.in.creditnote.IssueCreditNoteCommand(invoices.get(0).id(),
                List.of(new io.billkit.application.port.in.creditnote.IssueCreditNoteCommand.LineCredit(0,
                        Optional.of(io.billkit.domain.money.Money.of("25.00", "USD")))),
                io.billkit.domain.creditnote.CreditNoteReason.PRODUCT_UNSATISFACTORY, "console test",
                io.billkit.domain.creditnote.CreditNoteSettlement.CUSTOMER_BALANCE, ADMIN_ACTOR));

        // 2026-12-01 02:00: meters starts on Starter (1M impressions, 100K API calls, 50 GB a month)
        s.subscribe().subscribe(new SubscribeCommand(METERS, PlanCode.of("starter"), ADMIN_ACTOR));
        s.subscribe().subscribe(new SubscribeCommand(PLANCO, PlanCode.of("growth"), ADMIN_ACTOR));
        double[] shape = {3, 4, 5, 4, 6, 7, 2, 1, 6, 8, 7, 9, 8, 5, 3, 2, 10};
        double sum = 0;
        for (double v : shape) {
            sum += v;
        }
        long impressions = 0;
        long api = 0;
        BigDecimal data = BigDecimal.ZERO;
        for (int day = 0; day < shape.length; day++) {
            clock.set(Instant.parse("2026-12-01T10:00:00Z").plus(day, ChronoUnit.DAYS));
            boolean last = day == shape.length - 1;
            long dayImpressions = last ? 500_000 - impressions : Math.round(500_000 * shape[day] / sum);
            long dayApi = last ? 80_000 - api : Math.round(80_000 * shape[day] / sum);
            BigDecimal dayData = last ? new BigDecimal("47.5").subtract(data)
                    : new BigDecimal("47.5").multiply(BigDecimal.valueOf(shape[day] / sum))
                    .setScale(1, java.math.RoundingMode.HALF_UP);
            impressions += dayImpressions;
            api += dayApi;
            data = data.add(dayData);
            usage(METERS, "m-imp-" + day, "impressions", String.valueOf(dayImpressions));
            usage(METERS, "m-api-" + day, "api_calls", String.valueOf(dayApi));
            usage(METERS, "m-data-" + day, "data_transfer_gb", dayData.toPlainString());
            usage(ACME, "a-api-" + day, "api_calls", String.valueOf(dayApi * 31));
        }
        clock.set(Instant.parse("2026-12-17T15:30:00Z"));

        hookReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hookReceiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hookReceiver.start();
        s.registerWebhookEndpoint().register(new RegisterWebhookEndpointCommand(Optional.of(ACME),
                "http://127.0.0.1:" + hookReceiver.getAddress().getPort() + "/hook", List.of(), ADMIN_ACTOR));
        s.registerWebhookEndpoint().register(new RegisterWebhookEndpointCommand(Optional.empty(),
                "http://localhost:9/unreachable", List.of("invoice.created"), ADMIN_ACTOR));
        s.deliverWebhooks().deliver();
        s.reconcile().reconcile(new ReconcileCommand("console-test-reconcile-0001", Optional.empty(), ADMIN_ACTOR));
    }

    private static void usage(CustomerId customer, String id, String meter, String quantity) {
        app.services().recordUsage().record(RecordUsageCommand.single(new UsageEventInput(id, customer, meter,
                new BigDecimal(quantity), clock.instant(), Map.of()), ADMIN_ACTOR));
    }

    // ---------------------------------------------------------------- helpers

    private static String url(BillKitApplication target, String path) {
        return "http://127.0.0.1:" + target.port() + path;
    }

    private static String token(String subject, CustomerId customer, Role role) {
        Instant now = clock.instant();
        return SessionTokens.issueHs256(JWT_SECRET, Optional.empty(), subject, customer, role, now,
                now.plus(Duration.ofHours(8)));
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private static WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void signIn(BillKitApplication target, String token) {
        driver.get(url(target, "/console/"));
        WebElement field = visible(By.id("token"));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.id("signin-submit")).click();
        visible(By.id("signout"));
    }

    private static void open(String hash) {
        String current = driver.getCurrentUrl();
        String base = current.contains("#") ? current.substring(0, current.indexOf('#')) : current;
        driver.get(base + "#" + hash);
    }

    private static void settled() {
        waiting().until(d -> d.findElements(By.cssSelector("main .loading")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(String path, String method, String body, boolean withCsrf) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const [path, method, body, withCsrf] = arguments; const done = arguments[arguments.length - 1];
                const headers = { 'Content-Type': 'application/json' };
                if (withCsrf) {
                  const c = document.cookie.split('; ').find(x => x.startsWith('billkit_csrf='));
                  if (c) headers['X-CSRF-Token'] = c.slice('billkit_csrf='.length);
                }
                fetch(path, { method, headers, body: body === null ? undefined : body, credentials: 'same-origin' })
                  .then(async r => { const b = new Uint8Array(await r.arrayBuffer());
                    done({ status: r.status, type: r.headers.get('content-type') || '',
                           head: String.fromCharCode(...b.slice(0, 5)), text: new TextDecoder().decode(b.slice(0, 2000)) }); })
                  .catch(e => done({ status: -1, text: String(e) }));
                """, path, method, body, withCsrf);
    }

    /** Full-page PNGs at desktop (1280) and phone (390) width: {@code <name>-desktop.png}, {@code <name>-phone.png}. */
    private static void screenshot(String name) throws IOException {
        for (var width : List.of(Map.entry("desktop", 1280), Map.entry("phone", 390))) {
            driver.manage().window().setSize(new Dimension(width.getValue(), 900));
            settled();
            long height = ((Number) ((JavascriptExecutor) driver).executeScript(
                    "window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();"
                            + " return Math.ceil(document.documentElement.scrollHeight)")).longValue();
            // the whole page, not just the window: Chrome DevTools' screenshot beyond the viewport
            @SuppressWarnings("unchecked")
            Map<String, Object> shot = (Map<String, Object>) ((ChromeDriver) driver).executeCdpCommand(
                    "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                            "clip", Map.of("x", 0, "y", 0, "width", width.getValue(), "height", height, "scale", 1)));
            byte[] png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
            Files.write(shots.resolve(name + "-" + width.getKey() + ".png"), png);
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    // ---------------------------------------------------------------- tests

    @Test
    void sign_in_keeps_the_token_in_an_httponly_cookie_only_and_refuses_a_bad_token() throws IOException {
        driver.get(url(app, "/console/"));
        visible(By.id("token")).sendKeys("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged");
        screenshot("sign-in");
        driver.findElement(By.id("signin-submit")).click();
        WebElement error = visible(By.cssSelector("#signin-error .alert"));
        assertThat(error.getText()).startsWith("That session token was not accepted").doesNotContain("{");
        assertThat(driver.manage().getCookieNamed(SessionTokens.SESSION_COOKIE)).isNull();

        String token = token("alice", ACME, Role.MEMBER);
        signIn(app, token);

        Cookie session = driver.manage().getCookieNamed(SessionTokens.SESSION_COOKIE);
        assertThat(session).as("the session cookie is visible to the browser only on /api").isNull();
        assertThat(driver.getCurrentUrl()).doesNotContain(token.substring(0, 20));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat((String) js.executeScript("return document.cookie")).contains(SessionTokens.CSRF_COOKIE)
                .doesNotContain(token.substring(10, 40));
        assertThat(((Number) js.executeScript("return localStorage.length + sessionStorage.length")).intValue()).isZero();
        Map<String, Object> me = fetch("/api/v1/session", "GET", null, false);
        assertThat(me.get("status")).isEqualTo(200L);
        assertThat((String) me.get("text")).contains("\"subject\":\"alice\"");
        assertThat(driver.findElement(By.id("who")).getText()).contains("alice", "Member");
    }

    @Test
    void navigation_shows_billing_when_the_flag_is_on_and_admin_only_to_admins() {
        signIn(app, token("alice", ACME, Role.MEMBER));
        assertThat(driver.findElements(By.id("nav-billing"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText))
                .containsExactly("Usage", "Invoices", "Plan & credits");
        assertThat(visible(By.cssSelector("#nav a[aria-current=page]")).getText()).isEqualTo("Usage");

        driver.findElement(By.id("signout")).click();
        visible(By.id("token"));
        signIn(app, token("root", ACME, Role.ADMIN));
        assertThat(driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText))
                .containsExactly("Usage", "Invoices", "Plan & credits", "Admin");
    }

    @Test
    void with_billing_off_the_navigation_hides_billing_and_the_pages_say_so() throws IOException {
        signIn(billingOff, token("root", ACME, Role.ADMIN));
        assertThat(driver.findElements(By.id("nav-billing"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText))
                .containsExactly("Admin");
        visible(By.id("customers"));
        assertThat(driver.findElement(By.id("reconciliation")).getText()).contains("Billing is turned off");
        open("/usage");
        assertThat(visible(By.id("billing-off")).getText()).contains("Billing is turned off on this deployment");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Billing is off");
        screenshot("billing-off");
        open("/invoices");
        assertThat(visible(By.id("billing-off")).isDisplayed()).isTrue();
    }

    @Test
    void usage_bars_are_green_yellow_and_red_at_50_80_and_95_percent_with_a_daily_chart() throws IOException {
        signIn(app, token("mia", METERS, Role.MEMBER));
        visible(By.id("meters"));
        settled();
        Map<String, String> levels = new HashMap<>();
        Map<String, String> percents = new HashMap<>();
        for (WebElement card : driver.findElements(By.cssSelector("#meters .meter"))) {
            WebElement bar = card.findElement(By.cssSelector(".bar"));
            levels.put(card.getAttribute("data-meter"), bar.getAttribute("data-level"));
            percents.put(card.getAttribute("data-meter"), card.findElement(By.cssSelector(".pct")).getText());
            if (card.getAttribute("data-meter").equals("api_calls")) {
                String colour = card.findElement(By.cssSelector(".bar > span")).getCssValue("background-color");
                assertThat(colour).isEqualTo("rgba(212, 167, 44, 1)");
            }
        }
        assertThat(percents).containsEntry("impressions", "50 %").containsEntry("api_calls", "80 %")
                .containsEntry("data_transfer_gb", "95 %");
        assertThat(levels).containsEntry("impressions", "ok").containsEntry("api_calls", "warn")
                .containsEntry("data_transfer_gb", "danger");
        assertThat(driver.findElement(By.id("period")).getText()).contains("Dec 1, 2026", "Dec 31, 2026", "starter");

        WebElement chart = visible(By.id("history-chart"));
        List<WebElement> bars = chart.findElements(By.cssSelector("rect.day"));
        assertThat(bars).hasSize(17);
        assertThat(bars.get(16).getAttribute("data-day")).isEqualTo("2026-12-17");
        assertThat(chart.findElement(By.cssSelector("rect.day title")).getAttribute("textContent"))
                .matches("Dec 1: [0-9,]+ impressions?");
        new Select(driver.findElement(By.id("history-meter"))).selectByValue("data_transfer_gb");
        assertThat(visible(By.id("history-chart")).findElement(By.cssSelector("title")).getAttribute("textContent"))
                .contains("GB");
        new Select(driver.findElement(By.id("history-meter"))).selectByValue("impressions");
        screenshot("usage");
    }

    @Test
    void invoices_filter_by_status_page_through_and_show_an_empty_state() throws IOException {
        signIn(app, token("alice", ACME, Role.MEMBER));
        driver.findElement(By.cssSelector("#nav a[data-nav=invoices]")).click();
        visible(By.id("page-info"));
        assertThat(driver.findElement(By.id("page-info")).getText()).isEqualTo("Page 1 of 2 · 12 invoices");
        assertThat(driver.findElements(By.cssSelector("#invoice-list tbody tr"))).hasSize(10);
        assertThat(driver.findElement(By.id("prev-page")).isEnabled()).isFalse();
        screenshot("invoices");

        driver.findElement(By.id("next-page")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("page-info"), "Page 2 of 2 · 12 invoices"));
        assertThat(driver.findElements(By.cssSelector("#invoice-list tbody tr"))).hasSize(2);
        assertThat(driver.findElement(By.id("next-page")).isEnabled()).isFalse();

        new Select(driver.findElement(By.id("status-filter"))).selectByValue("VOID");
        waiting().until(ExpectedConditions.textToBe(By.id("page-info"), "Page 1 of 1 · 2 invoices"));
        assertThat(driver.findElements(By.cssSelector("#invoice-list .badge")).stream()
                .map(b -> b.getAttribute("data-status"))).containsExactly("VOID", "VOID");
        assertThat(driver.getCurrentUrl()).endsWith("#/invoices?status=VOID");

        new Select(driver.findElement(By.id("status-filter"))).selectByValue("OPEN");
        waiting().until(ExpectedConditions.textToBe(By.id("page-info"), "Page 1 of 1 · 10 invoices"));

        new Select(driver.findElement(By.id("status-filter"))).selectByValue("PAID");
        assertThat(visible(By.id("invoices-empty")).getText()).isEqualTo("There are no paid invoices.");
    }

    @Test
    void invoice_detail_shows_totals_and_its_pdf_downloads_with_the_cookie() throws Exception {
        signIn(app, token("alice", ACME, Role.MEMBER));
        open("/invoices");
        visible(By.cssSelector("#invoice-list tbody tr a")).click();
        WebElement total = visible(By.id("total"));
        assertThat(total.getText()).startsWith("$");
        assertThat(driver.findElement(By.id("amount-due")).getText()).startsWith("$");
        assertThat(driver.findElement(By.id("status-message")).getText()).startsWith("Payment of $").contains("is due by");
        assertThat(driver.findElements(By.cssSelector("#invoice-lines tbody tr")).size()).isGreaterThanOrEqualTo(1);
        WebElement note = visible(By.cssSelector("#credit-notes tbody tr"));
        assertThat(note.getText()).startsWith("CN-").containsIgnoringCase("product unsatisfactory")
                .contains("Account balance", "$25.00");
        assertThat(driver.findElement(By.id("remaining-creditable")).getText()).startsWith("$");
        // the newest invoice has the WELCOME10 coupon: its own line, what it applies to, and the discounts' sum
        WebElement discount = driver.findElement(By.cssSelector("#invoice-lines tbody tr.discount"));
        assertThat(discount.getText()).contains("Welcome (10% off)", "Coupon WELCOME10, on all charges", "-$");
        assertThat(driver.findElement(By.id("discounts")).getText()).startsWith("-$");
        screenshot("invoice");

        String href = driver.findElement(By.id("download-pdf")).getAttribute("href");
        Map<String, Object> pdf = fetch(href, "GET", null, false);
        assertThat(pdf.get("status")).isEqualTo(200L);
        assertThat(pdf.get("type")).isEqualTo("application/pdf");
        assertThat(pdf.get("head")).isEqualTo("%PDF-");

        // the same download outside the browser needs the cookie: without it, 401
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(href)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .statusCode()).isEqualTo(401);

        driver.findElement(By.id("back-to-invoices")).click();
        visible(By.id("page-info"));
    }

    @Test
    void plan_change_from_the_plan_page_upgrades_now() throws IOException {
        signIn(app, token("pat", PLANCO, Role.MEMBER));
        open("/plan");
        assertThat(visible(By.id("plan-name")).getText()).isEqualTo("Growth");
        assertThat(driver.findElement(By.id("no-packs")).getText()).contains("no credit packs");
        new Select(driver.findElement(By.id("plan-select"))).selectByValue("scale");
        driver.findElement(By.id("change-plan")).click();
        WebElement message = visible(By.cssSelector("#plan-message .alert.success"));
        assertThat(message.getText()).startsWith("Your plan is now Scale.");
        assertThat(visible(By.id("plan-name")).getText()).isEqualTo("Scale");
        assertThat(app.services().subscription().current(PLANCO).orElseThrow().plan().value()).isEqualTo("scale");
    }

    @Test
    void a_cookie_write_without_the_csrf_token_is_refused_and_changes_nothing() {
        signIn(app, token("alice", ACME, Role.MEMBER));
        Map<String, Object> refused = fetch("/api/v1/billing/subscription/cancel", "POST", "{\"atPeriodEnd\":true}", false);
        assertThat(refused.get("status")).isEqualTo(403L);
        assertThat((String) refused.get("text")).contains("csrf-token-invalid");
        assertThat(app.services().subscription().current(ACME).orElseThrow().cancelAtPeriodEnd()).isFalse();

        Map<String, Object> forged = fetch("/api/v1/billing/subscription/change", "POST", "{\"plan\":\"enterprise\"}", false);
        assertThat(forged.get("status")).isEqualTo(403L);
        assertThat(app.services().subscription().current(ACME).orElseThrow().plan().value()).isEqualTo("scale");
    }

    @Test
    void the_plan_page_cancels_and_resumes_with_the_csrf_token() throws IOException {
        signIn(app, token("alice", ACME, Role.MEMBER));
        open("/plan");
        visible(By.id("cancel-at-end")).click();
        assertThat(visible(By.cssSelector("#plan-message .alert.success")).getText()).startsWith("Your subscription ends on");
        assertThat(app.services().subscription().current(ACME).orElseThrow().cancelAtPeriodEnd()).isTrue();
        visible(By.id("resume")).click();
        assertThat(visible(By.cssSelector("#plan-message .alert.success")).getText()).isEqualTo("Your subscription continues.");
        assertThat(app.services().subscription().current(ACME).orElseThrow().cancelAtPeriodEnd()).isFalse();
        driver.navigate().refresh();
        visible(By.id("plan-name"));
        screenshot("plan");
    }

    @Test
    void the_admin_view_lists_customers_reconciliation_runs_and_webhook_delivery_state() throws IOException {
        signIn(app, token("root", ACME, Role.ADMIN));
        open("/admin");
        WebElement acme = visible(By.cssSelector("#customers tr[data-customer=acme]"));
        assertThat(acme.getText()).contains("Acme Corp", "Scale", "Active");
        assertThat(driver.findElement(By.cssSelector("#customers tr[data-customer=zeta]")).getText())
                .contains("No subscription");
        assertThat(driver.findElement(By.id("reconciliation")).getText()).contains("finding");
        List<WebElement> endpoints = driver.findElements(By.cssSelector("#webhook-endpoints tbody tr"));
        assertThat(endpoints).hasSize(2);
        String table = driver.findElement(By.id("webhook-endpoints")).getText();
        assertThat(table).contains("All customers", "invoice.created", "Last error");
        screenshot("admin");

        driver.findElement(By.cssSelector("#customers tr[data-customer=meters] a")).click();
        assertThat(visible(By.id("period")).getText()).contains("customer meters");
    }

    @Test
    void sign_out_clears_the_session() throws IOException {
        signIn(app, token("alice", ACME, Role.MEMBER));
        driver.findElement(By.id("signout")).click();
        WebElement info = visible(By.cssSelector(".signin .alert.info"));
        assertThat(info.getText()).isEqualTo("You are signed out.");
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat((String) ((JavascriptExecutor) driver).executeScript("return document.cookie"))
                .doesNotContain(SessionTokens.CSRF_COOKIE);
        assertThat(fetch("/api/v1/session", "GET", null, false).get("status")).isEqualTo(401L);
        driver.navigate().refresh();
        visible(By.id("token"));
    }

    @Test
    void api_failures_are_shown_as_sentences_not_json() {
        signIn(app, token("alice", ACME, Role.MEMBER));
        open("/invoices/inv_does_not_exist");
        WebElement error = visible(By.cssSelector("main .alert.error"));
        assertThat(error.getText()).isEqualTo("This invoice does not exist or is not yours.");
        // a member looking at another customer: the API's 403 becomes a sentence
        List<String> texts = new ArrayList<>();
        open("/nowhere");
        texts.add(visible(By.tagName("h1")).getText());
        assertThat(texts).containsExactly("Page not found");
    }
}
