package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A small clinic answers the whole questionnaire in headless Chromium (Debian's chromium and chromedriver, both
 * paths set, so nothing is downloaded), reloads midway to see nothing is lost, and reads its result; the file the
 * form wrote then assesses to the same JSON with the CLI. Screenshots of every page go to target/screenshots/, and
 * every page passes axe-core's WCAG 2 A and AA rules. The short reports of the bundled examples print on at most 4 A4 pages.
 * Without the browser the test is skipped, unless KENSA_BROWSER_TESTS=required (CI), when it fails.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Project.ROOT.resolve("target/screenshots");

    @TempDir Path data;
    @TempDir Path profile;
    @TempDir Path out;
    ServeFixture serve;
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeAll
    static void browserPresent() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("KENSA_BROWSER_TESTS"))) {
            fail("KENSA_BROWSER_TESTS=required, but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install -y chromium chromium-driver fonts-noto-cjk)");
        }
        assumeTrue(present, "browser test skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                + " are not installed (apt-get install -y chromium chromium-driver fonts-noto-cjk; KENSA_BROWSER_TESTS=required makes this a failure)");
    }

    @BeforeEach
    void start() throws Exception {
        serve = new ServeFixture(data);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja-JP,ja"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,768", "--lang=ja-JP",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (driver != null) driver.quit();
        if (serve != null) serve.close();
    }

    @Test
    void aSmallClinicAnswersEverythingAndGetsItsReport() throws Exception {
        driver.get(serve.base + "/");
        screenshot("01-start");
        driver.findElement(By.name("name")).sendKeys("さくら内科クリニック");
        driver.findElement(By.cssSelector("input[name='facilityType'][value='clinic']")).click();
        submit(By.cssSelector("form[action='/new'] button.primary"));
        Matcher m = Pattern.compile("/f/([a-z0-9-]+)/q/basics-0$").matcher(driver.getCurrentUrl());
        assertTrue(m.find(), driver.getCurrentUrl());
        String id = m.group(1);

        // 施設の基本: a value the schema refuses is explained next to its field and not saved
        type("a:licensedBeds", "-1");
        assertTrue(driver.findElement(By.id("q2")).getText().contains("0 以上の整数"), driver.findElement(By.id("q2")).getText());
        assertFalse(ServeFixture.read(serve.file(id)).contains("licensedBeds"));
        screenshot("02-error", false);
        type("a:licensedBeds", "0");
        choose("a:medicalInformationSystemInUse", "true");
        screenshot("02-basics");
        next("governance-0");

        // 体制: a follow-up appears when the officer is appointed; then the page is reloaded midway
        assertTrue(driver.findElements(By.name("a:securityOfficer/@role")).isEmpty());
        choose("a:securityOfficer/@appointed", "true");
        type("a:securityOfficer/@role", "院長");
        choose("a:securityOfficer/@dedicated", "false");
        choose("a:operatingRules/@established", "false");
        choose("a:staff/@confidentialityInContracts", "true");
        choose("a:staff/@trainingAtHire", "false");
        date("a:staff/@lastTraining", "2025-04-01");
        driver.navigate().refresh();
        waitForPage();
        assertTrue(checked("a:securityOfficer/@appointed", "true"), "still there after a reload");
        assertEquals("院長", driver.findElement(By.name("a:securityOfficer/@role")).getAttribute("value"));
        assertTrue(checked("a:securityOfficer/@dedicated", "false"));
        assertTrue(checked("a:staff/@trainingAtHire", "false"));
        assertEquals("", driver.findElement(By.name("a:securityOfficer/@name")).getAttribute("value"), "unanswered stays empty");
        assertTrue(checked("a:operatingRules/@established", "false"));
        assertEquals("2025-04-01", driver.findElement(By.name("a:staff/@lastTraining")).getAttribute("value"));
        screenshot("03-section");
        next("equipment-0");

        // 機器と台帳: the register, three devices, each device's questions
        choose("a:assetRegister/@kept", "false");
        next("equipment-1");
        addEntry("電子カルテサーバ", "server");
        addEntry("受付PC", "terminal");
        addEntry("ルーター", "network_device");
        assertTrue(checked("list", "true"), "adding an entry answers はい");
        assertEquals(3, driver.findElements(By.cssSelector("table.entries tr")).size());
        screenshot("04-list");
        next("equipment-1-e1"); // (an entry's screen is addressed by its id)
        choose("a:@patchesApplied", "false");
        choose("a:@patchUnavailable", "false");
        choose("a:@antiMalwareCurrent", "true");
        choose("a:@unneededServicesStopped", "true");
        choose("a:@defaultPasswordsChanged", "true");
        choose("a:@accessRightsByRole", "true");
        choose("a:@administratorRightsLimited", "true");
        choose("a:@unneededAccountsRemoved", "false");
        choose("a:@twoFactorAuthentication", "false");
        choose("a:@accessLogKept", "true");
        screenshot("05-entry");
        next("equipment-1-e2");
        type("a:@quantity", "2");
        choose("a:@patchesApplied", "true");
        choose("a:@antiMalwareCurrent", "true");
        choose("a:@defaultPasswordsChanged", "true");
        choose("a:@accessRightsByRole", "false");
        choose("a:@twoFactorAuthentication", "false");
        assertTrue(driver.findElements(By.name("a:@accessLogKept")).isEmpty(), "a server-only question is not asked about a terminal");
        next("equipment-1-e3");
        choose("a:@patchesApplied", "false");
        choose("a:@defaultPasswordsChanged", "false");
        choose("a:@connectionSourceRestricted", "false");
        choose("a:@vpn", "none");
        assertTrue(driver.findElements(By.name("a:@vpnHardened")).isEmpty());
        next("equipment-2");
        choose("a:deviceOperation/@unusedDevicesStopped", "true");
        next("equipment-3");
        next("equipment-4"); // the systems list: わからない
        choose("list", "false"); // no networked medical devices
        next("vendors-0");

        // 事業者
        addEntry("みどりメディカルシステム", null);
        next("vendors-0-e1");
        type("a:@system", "電子カルテ");
        choose("a:@remoteMaintenanceAsked", "true");
        choose("a:@remoteMaintenanceUsed", "true");
        choose("a:@remoteMaintenanceLogsReviewed", "false");
        choose("a:@mdsSdsReceived", "false");
        choose("a:@confidentialityAgreed", "true");
        next("vendors-1");
        next("accounts-0"); // maintenance outsourcing: わからない

        // アカウントとパスワード
        choose("a:accountRules/@individualIds", "false");
        type("a:passwordRules/@minLength", "8");
        choose("a:passwordRules/@mixedCharacters", "true");
        choose("a:passwordRules/@changedPeriodically", "false");
        choose("a:passwordRules/@reuseProhibited", "false");
        screenshot("06-progress");
        next("network-0");

        // ネットワーク
        choose("a:network/@externalConnection", "true");
        choose("a:network/@segmented", "false");
        choose("a:wirelessLan/@used", "false");
        next("backup-0");

        // バックアップ
        choose("a:backup/@essentialDataIdentified", "true");
        choose("a:backup/@performed", "true");
        choose("a:backup/@offlineCopy", "false");
        choose("a:backup/@restoreProcedureConfirmed", "false");
        next("incident-0");

        // インシデント対応
        choose("a:incidentResponse/@contactChart", "true");
        choose("a:incidentResponse/@chartIncludesStaff", "true");
        choose("a:incidentResponse/@chartIncludesVendors", "true");
        choose("a:incidentResponse/@chartIncludesMhlw", "false");
        choose("a:businessContinuity/@cyberAttackBcp", "false");
        next("incident-1");
        choose("list", "false");
        submit(By.cssSelector("button.primary[name='action'][value='next']"));
        assertTrue(driver.getCurrentUrl().endsWith("/f/" + id + "/result"), driver.getCurrentUrl());

        // The result: the same assessment as the CLI's, shown with its verdicts
        screenshot("07-result");
        String xml = ServeFixture.read(serve.file(id));
        assertTrue(xml.contains("<vendors>") && xml.contains("name=\"みどりメディカルシステム\""), xml);
        assertFalse(xml.contains("maintenanceOutsourcing"), "わからない is left out: " + xml);
        assertFalse(xml.contains("externalMediaRestricted"), xml);
        assertTrue(xml.contains("<medicalDevices/>"), "いいえ is an empty list: " + xml);
        assertFalse(xml.contains("<systems"), xml);
        CliTest.Run cli = CliTest.kensa("assess", serve.file(id).toString(), "-o", out.toString(), "--format", "json");
        assertEquals(1, cli.exit(), cli.stderr());
        String cliJson = Files.readString(out.resolve(id + ".json"));
        assertEquals(cliJson, serve.serverJson(id), "the file the form wrote assesses to the CLI's result");

        JsonNode a = CliTest.readAssessment(out.resolve(id + ".json"));
        assertEquals("met", a.get("gate").get("status").asText());
        Map<String, Set<String>> verdicts = findings(a);
        assertEquals(Set.of("met"), verdicts.get("security_officer_appointed"), verdicts.toString());
        assertTrue(verdicts.get("asset_register_kept").contains("not_met"), verdicts.toString());
        assertTrue(verdicts.get("default_passwords_changed").contains("not_met"), "the router's factory password");
        assertTrue(verdicts.get("security_patches_applied").contains("not_met"));
        assertTrue(verdicts.get("backup_offline_copy").contains("not_met"));
        assertTrue(verdicts.get("mds_sds_received").contains("not_met"));
        assertTrue(a.get("counts").get("unanswered").asInt() > 0, "わからない answers are unanswered, never met");
        String page = driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("さくら内科クリニック") && page.contains("次にすること"), page);
        List<WebElement> counts = driver.findElements(By.cssSelector("table.counts td"));
        assertEquals(a.get("counts").get("notMet").asText(), counts.get(0).getText());
        assertEquals(a.get("counts").get("unanswered").asText(), counts.get(1).getText());
        assertEquals(a.get("counts").get("met").asText(), counts.get(2).getText());
        JsonNode first = a.get("summary").get("urgentActions").get(0).get("finding");
        String firstAction = (first.has("remediation") ? first.get("remediation") : first.get("evidence")).asText();
        assertTrue(page.contains(firstAction.substring(0, 20)), "the first urgent action is shown");

        driver.get(serve.base + "/f/" + id + "/report");
        waitForPage();
        assertTrue(driver.getTitle().startsWith("サイバーセキュリティ対策 報告書"), driver.getTitle());
        screenshot("08-report");
        driver.get(serve.base + "/f/" + id + "/detail");
        waitForPage();
        assertTrue(driver.getTitle().contains("評価報告書(詳細)"), driver.getTitle());
        screenshot("08-detail");
        driver.get(serve.base + "/f/" + id + "/form");
        waitForPage();
        assertTrue(driver.findElement(By.tagName("body")).getText().contains("さくら内科クリニック"));
        screenshot("09-form");
        driver.get(serve.base + "/f/" + id + "/vendor");
        waitForPage();
        assertTrue(driver.findElement(By.tagName("body")).getText().contains("みどりメディカルシステム"));
        screenshot("09-vendor");

        // The device list shows how far each device is answered (its name and kind count); on a phone the section list folds away.
        driver.get(serve.base + "/f/" + id + "/q/equipment-1");
        waitForPage();
        List<WebElement> devices = driver.findElements(By.cssSelector("table.entries tr"));
        assertTrue(devices.get(2).getText().contains("ルーター") && devices.get(2).getText().contains("6/"), devices.get(2).getText());
        assertTrue(devices.get(0).findElement(By.cssSelector("td.entry-progress")).getText().matches("12/\\d+ 問に回答"),
                devices.get(0).getText());
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            WebElement menu = driver.findElement(By.cssSelector("nav.sections details.menu"));
            wait.until(d -> menu.getAttribute("open") == null);
            assertFalse(driver.findElement(By.cssSelector("nav.sections ol")).isDisplayed(), "the section list is folded");
            screenshot("10-phone-list");
            driver.findElement(By.cssSelector("nav.sections summary")).click();
            assertTrue(driver.findElement(By.cssSelector("nav.sections ol")).isDisplayed(), "and opens under its summary");
            screenshot("11-phone-menu");
        } finally {
            driver.manage().window().setSize(new Dimension(1366, 768));
        }
        assertTrue(driver.findElement(By.cssSelector("nav.sections ol")).isDisplayed(), "a wide window shows the list again");
        // The download is saved under the facility's name and the assessment date.
        String disposition = serve.get("/f/" + id + "/download").headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment; filename=\"" + id + ".xml\"; filename*=UTF-8''"), disposition);
        assertTrue(java.net.URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("さくら内科クリニック_"), disposition);

        // Reopened from the start page, every answer is where it was
        driver.get(serve.base + "/");
        waitForPage();
        submit(By.cssSelector("a.button[href='/f/" + id + "']"));
        go("governance-0");
        assertEquals("院長", driver.findElement(By.name("a:securityOfficer/@role")).getAttribute("value"));
    }

    /**
     * The reports kensa assess writes for the bundled small clinic and 250-bed hospital: each page is screenshotted and
     * passes axe; each short report prints on at most 4 A4 pages (Chromium's own print to PDF, pages counted by PDFBox).
     */
    @Test
    void theReportsReadWellPrintShortAndPassAxe() throws Exception {
        CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(),
                Project.EXAMPLES.resolve("hospital-250-beds.xml").toString(), "-o", out.toString(),
                "--format", "html,detail.html,form.html,vendor.html");
        assertEquals(1, run.exit(), run.stderr());
        driver.manage().window().setSize(new Dimension(900, 1000)); // the README's screenshots: 900 px wide, the first screen
        for (String page : List.of("small-clinic.html", "small-clinic.detail.html", "small-clinic.vendor.html", "small-clinic.form.html",
                "hospital-250-beds.html", "hospital-250-beds.detail.html", "summary.html")) {
            driver.get(out.resolve(page).toUri().toString());
            waitForPage();
            screenshot("report-" + page.replace(".html", "").replace('.', '-'));
        }
        for (String report : List.of("small-clinic", "hospital-250-beds")) {
            driver.get(out.resolve(report + ".html").toUri().toString());
            waitForPage();
            Printed printed = print();
            System.out.println("BrowserTest: " + report + ".html prints on " + printed.pages() + " A4 pages");
            assertTrue(printed.pages() >= 1 && printed.pages() <= 4, report + ".html prints on " + printed.pages() + " A4 pages");
            assertTrue(printed.lastPage().contains(printed.pages() + " / " + printed.pages()), "numbered: " + printed.lastPage());
        }
        driver.get(out.resolve("small-clinic.detail.html").toUri().toString());
        waitForPage();
        Printed detail = print();
        assertTrue(detail.pages() > 4, "the detail report is the long one (and the count is real)");
        assertTrue(detail.lastPage().contains(detail.pages() + " / " + detail.pages()), "numbered: " + detail.lastPage());
    }

    // ---------------------------------------------------------------- helpers

    private record Printed(int pages, String lastPage) {}

    /** The page printed to PDF on A4 paper, as Chromium prints it: its pages counted, and the text of the last one. */
    private Printed print() throws IOException {
        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(29.7, 21.0)); // A4 portrait, in cm
        byte[] pdf = Base64.getDecoder().decode(driver.print(options).getContent());
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper text = new PDFTextStripper();
            text.setStartPage(document.getNumberOfPages());
            return new Printed(document.getNumberOfPages(), text.getText(document));
        }
    }

    private static String axeScript;

    /** axe-core's WCAG 2 A and AA rules on the page as shown: no violation, or each is named with where it is. */
    private void assertAccessible(String name) throws IOException {
        if (axeScript == null) {
            try (InputStream in = BrowserTest.class.getResourceAsStream("/axe.min.js")) {
                assertTrue(in != null, "axe.min.js (com.deque.html.axe-core:selenium) is on the test class path");
                axeScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        js(axeScript);
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
                  .then(r => done(r.violations.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                      + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')').join('; '))
                      .join('\\n')))
                  .catch(e => done('axe failed: ' + e));
                """);
        assertEquals("", violations, name + " (" + driver.getCurrentUrl() + ") breaks WCAG 2 A/AA:\n" + violations);
    }


    /** Clicks a radio button and waits until the answer is saved (and the page reloaded, when that adds questions). */
    private void choose(String name, String value) {
        WebElement radio = driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
        radio.click();
        settle(radio);
    }

    /** Types into a field and leaves it, which saves it. */
    private void type(String name, String text) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(text, Keys.TAB);
        settle(field);
    }

    /** Sets a date field as the date picker does, and saves it. */
    private void date(String name, String iso) {
        WebElement field = driver.findElement(By.name(name));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, iso);
        settle(field);
    }

    private boolean checked(String name, String value) {
        List<WebElement> radios = driver.findElements(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
        return !radios.isEmpty() && radios.get(0).isSelected();
    }

    /** Adds an entry on a list screen: its name, and the kind for a device. */
    private void addEntry(String name, String kind) {
        driver.findElement(By.name("new:@name")).sendKeys(name);
        if (kind != null) driver.findElement(By.cssSelector("input[name='new:@kind'][value='" + kind + "']")).click();
        submit(By.cssSelector("div.add button[name='action'][value='add']"));
        assertTrue(driver.findElement(By.cssSelector("table.entries")).getText().contains(name));
    }

    /** 次へ, then the screen expected. */
    private void next(String key) {
        submit(By.cssSelector("button.primary[name='action'][value='next']"));
        assertTrue(driver.getCurrentUrl().endsWith("/q/" + key), "expected " + key + " at " + driver.getCurrentUrl());
        assertNoOverflow();
    }

    /** A section from the section list. */
    private void go(String key) {
        submit(By.cssSelector("button[name='go'][value='" + key + "']"));
        assertTrue(driver.getCurrentUrl().endsWith("/q/" + key), driver.getCurrentUrl());
    }

    private void submit(By button) {
        WebElement html = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        wait.until(d -> stale(html));
        waitForPage();
    }

    private void settle(WebElement touched) {
        wait.until(d -> {
            if (stale(touched)) return "complete".equals(js("return document.readyState"));
            return "0".equals(js("return document.documentElement.getAttribute('data-saving')"));
        });
        waitForPage();
    }

    private void waitForPage() {
        wait.until(d -> "complete".equals(js("return document.readyState")));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static boolean stale(WebElement e) {
        try {
            e.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        }
    }

    /** Nothing wider than the 1366×768 window. */
    private void assertNoOverflow() {
        Object wide = js("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertEquals(Boolean.FALSE, wide, "the page overflows sideways at " + driver.getCurrentUrl());
    }

    private void screenshot(String name) throws Exception {
        screenshot(name, true);
    }

    /** Every page screenshotted is also checked with axe. */
    private void screenshot(String name, boolean top) throws Exception {
        assertNoOverflow();
        if (top) js("window.scrollTo(0, 0)");
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        assertAccessible(name);
    }

    /** Every finding's status by rule id, from the facility's form, the vendors' forms and the guideline. */
    private static Map<String, Set<String>> findings(JsonNode a) {
        Map<String, Set<String>> out = new TreeMap<>();
        List<JsonNode> todo = new ArrayList<>(List.of(a));
        while (!todo.isEmpty()) {
            JsonNode n = todo.remove(todo.size() - 1);
            if (n.isObject() && n.has("rule") && n.has("status") && n.has("evidence")) {
                out.computeIfAbsent(n.get("rule").asText(), k -> new TreeSet<>()).add(n.get("status").asText());
            }
            n.forEach(todo::add);
        }
        return out;
    }
}
