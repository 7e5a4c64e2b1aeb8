package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.run.RunRequest;
import org.budgethub.security.Role;
import org.budgethub.security.Users;

/**
 * The words page (说明填报) as a unit's author uses it, in headless Chromium against the running hub:
 * the author makes the expenditure reason name a figure the tables do not have, sees the preview
 * change and a 表文一致 finding appear, puts the right figure back and sees the finding go, saves;
 * the save rebuilds the unit, and a reviewer sees the new version awaiting review. Screenshots go to
 * target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=sftp",
        "hub.publish.review=required",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/narrative-browser-test/cms",
        "hub.cms.embedded.keys-dir=target/narrative-browser-test/keys",
        "hub.cms.private-key-file=target/narrative-browser-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/narrative-browser-test/keys/known_hosts",
        "hub.schedule.enabled=false",
        "hub.console.initial-passwords-file=target/narrative-browser-test/initial-passwords.txt",
        "hub.console.demo-users=false",
        "spring.datasource.url=jdbc:h2:mem:narrative-browser-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class NarrativeBrowserIT {

    static final Path WORK = Path.of("target/narrative-browser-test").toAbsolutePath();
    static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();
    private static final String AUTHOR_PASSWORD = "Kettle-tin-45ab";
    private static final String REVIEWER_PASSWORD = "Kettle-silver-44";
    private static final String OPERATOR_PASSWORD = "Kettle-brass-41";
    private static final String VIEWER_PASSWORD = "Kettle-copper-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The seed's own expenditure reason, and the same with a figure no table has (904.13 for 904.31). */
    private static final String WRONG = "主要是基本支出预算增加 122.38 万元，项目支出预算减少 904.13 万元";
    private static final String RIGHT = "主要是基本支出预算增加 122.38 万元，项目支出预算减少 904.31 万元，一次性项目本年只需支付结算尾款";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ProducerTemplate producer;

    private Browser chromium;
    private WebDriver browser;

    @DynamicPropertySource
    static void cleanWorkFolder(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        registry.add("hub.console.test-work", WORK::toString);
    }

    @BeforeEach
    void usersAndBrowser() {
        users.create("author", AUTHOR_PASSWORD, Role.AUTHOR);
        users.assignAgencies("author", List.of("101023"));
        users.create("reviewer", REVIEWER_PASSWORD, "REVIEWER");
        chromium = new Browser(WORK, port);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAuthorFixesAFigureSeesTheFindingGoSavesAndTheReviewerSeesTheNewVersion() throws Exception {
        // Last night's build of the seed unit and its department: version 1 of each, awaiting review.
        producer.requestBody("direct:run", RunRequest.agencies(2026, List.of("101023"), "schedule", false, null), Object.class);
        int built = awaitingVersion("101023");
        assertThat(built).isPositive();

        // The author lands on its list: its own unit only, words imported from the folder (已确认).
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        chromium.get("/console");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("author");
        browser.findElement(By.id("password")).sendKeys(AUTHOR_PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/console/narratives"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#words-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getAttribute("data-code")).isEqualTo("101023");
        assertThat(rows.get(0).getText()).contains("已确认").contains("第 1 版");
        assertThat(browser.findElement(By.id("nav-narratives")).getAttribute("aria-current")).isEqualTo("page");
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-0-list.png"));
        chromium.get("/console/narratives/2026/101031");
        assertThat(browser.findElement(By.tagName("body")).getText()).as("another unit's words").contains("没有权限");
        chromium.get("/console/narratives?year=2026");
        browser.findElement(By.id("edit-101023")).click();
        wait.until(ExpectedConditions.urlContains("/console/narratives/2026/101023"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("说明文字").contains("101023");
        wait.until(d -> !d.findElements(By.cssSelector("#preview-body .preview-paragraph")).isEmpty());
        wait.until(d -> d.findElement(By.id("check-summary")).getAttribute("data-busy") == null);
        WebElement expenditure = browser.findElement(By.id("words-reasons-expenditure"));
        assertThat(expenditure.getAttribute("value")).isEqualTo("主要是基本支出预算增加 122.38 万元，项目支出预算减少 904.31 万元");
        assertThat(browser.findElement(By.cssSelector("label[for=words-reasons-expenditure]")).getText()).isEqualTo("支出变动原因");
        // The hub's draft beside it, drafted from the figures, with a button to take it.
        assertThat(browser.findElement(By.id("words-reasons-expenditure-draft")).getText()).contains("122.38").contains("904.31");
        assertThat(browser.findElement(By.id("words-reasons-expenditure-take")).isEnabled()).isTrue();
        assertThat(mismatches()).as("the seed's words name only figures of its tables").isEmpty();
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-1-loaded.png"));

        // A wrong figure: the preview says it, and 表文一致 finds it.
        replace(expenditure, WRONG);
        wait.until(d -> previewHas("904.13"));
        wait.until(d -> !mismatches().isEmpty());
        assertThat(mismatches().get(0).getText()).contains("904.13");
        assertThat(browser.findElement(By.id("save-state")).getText()).isEqualTo("有未保存的修改");
        scrollTo(expenditure);
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-2-wrong-figure.png"));

        // The right figure back: the finding goes.
        replace(expenditure, RIGHT);
        wait.until(d -> previewHas("一次性项目本年只需支付结算尾款"));
        wait.until(d -> mismatches().isEmpty());
        assertThat(previewHas("904.13")).isFalse();
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-3-fixed.png"));
        assertThat(chromium.consoleMessages()).as("nothing refused by the Content-Security-Policy, no script error")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));

        browser.findElement(By.id("words-save")).click();
        WebElement saved = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("words-message-ok")));
        assertThat(saved.getText()).contains("已保存为第").contains("正在重新生成").contains("进入审核");
        assertThat(browser.findElements(By.id("saved-agency-link"))).as("an author sees no agency page").isEmpty();
        wait.until(d -> d.findElement(By.cssSelector("#history-body tr")).getText().contains("author"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-4-saved.png"));

        // The history: the saved version against the imported one, field by field.
        browser.findElement(By.cssSelector("#history-body tr:first-child button")).click();
        WebElement diff = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff-result .field-diff")));
        assertThat(diff.getAttribute("data-key")).isEqualTo("reasons.expenditure");
        assertThat(diff.findElement(By.tagName("ins")).getText()).contains("一次性项目本年只需支付结算尾款");
        scrollTo(browser.findElement(By.id("words-history")));
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-5-history.png"));

        // The save rebuilt the unit: a new version awaits review, with the new words.
        long deadline = System.currentTimeMillis() + 120_000;
        int waiting = built;
        while (waiting <= built && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            waiting = awaitingVersion("101023");
        }
        assertThat(waiting).as("a new version of 101023 awaits review within two minutes of the save").isGreaterThan(built);

        chromium.close();
        chromium = new Browser(WORK, port);
        browser = chromium.driver();
        chromium.logIn("reviewer", REVIEWER_PASSWORD);
        chromium.get("/console/reviews?year=2026");
        WebElement review = browser.findElement(By.id("review-101023"));
        assertThat(review.getText()).contains("第 " + waiting + " 版").contains("待审核");
        String preview = review.findElement(By.cssSelector("a[href*='disclosure.html']")).getAttribute("href");
        scrollTo(review);
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-6-review.png"));
        browser.get(preview);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(RIGHT);
    }

    /**
     * An operator (who may see the agency pages) is told when someone saved meanwhile (412), compares,
     * and keeps their words; a control character is refused (400) next to its field.
     */
    @Test
    void aStaleSaveIsExplainedAndComparedAndBadWordsAreShownAtTheirField() throws Exception {
        users.create("operator", OPERATOR_PASSWORD, Role.OPERATOR);
        chromium.logIn("operator", OPERATOR_PASSWORD);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // Everybody but an author lists every department and unit of the year, departments above their units.
        browser.findElement(By.id("nav-narratives")).click();
        wait.until(ExpectedConditions.urlContains("/console/narratives"));
        List<String> codes = browser.findElements(By.cssSelector("#words-table tbody tr")).stream().map(r -> r.getAttribute("data-code")).toList();
        assertThat(codes).contains("101", "101001", "101023", "101031", "102", "102001");
        assertThat(codes.indexOf("101")).isLessThan(codes.indexOf("101001"));
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-9-list-operator.png"));
        // The agency page links to its words.
        chromium.get("/console/agencies/101031?year=2026");
        browser.findElement(By.id("words-link")).click();
        wait.until(ExpectedConditions.urlContains("/console/narratives/2026/101031"));
        wait.until(d -> !"loading".equals(d.findElement(By.id("words-state")).getAttribute("data-state")));
        String loaded = browser.findElement(By.id("words-state")).getAttribute("data-version");
        assertThat(browser.findElement(By.id("agency-link")).getAttribute("href")).endsWith("/console/agencies/101031?year=2026");

        // Someone else saves a version meanwhile, through the API.
        HttpResponse<String> current = api("GET", "/api/narratives/2026/101031", null, null);
        JsonNode words = JSON.readTree(current.body()).path("words");
        ((com.fasterxml.jackson.databind.node.ObjectNode) words.path("contact")).put("name", "王五");
        HttpResponse<String> other = api("PUT", "/api/narratives/2026/101031", "{\"words\": " + words + "}",
                current.headers().firstValue("ETag").orElse("\"0\""));
        assertThat(other.statusCode()).isEqualTo(200);

        WebElement phone = browser.findElement(By.id("words-contact-phone"));
        replace(phone, "023-67000099");
        browser.findElement(By.id("words-save")).click();
        WebElement stale = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("words-message-stale")));
        assertThat(stale.getText()).contains("已有人保存了更新的第 " + (Integer.parseInt(loaded) + 1) + " 版").contains("仍在表单中");
        browser.findElement(By.id("stale-compare")).click();
        wait.until(d -> d.findElements(By.cssSelector("#diff-result .field-diff")).size() == 2);
        // From the newer version to the form: the other's 王五 struck, the operator's phone number marked new.
        WebElement name = browser.findElement(By.cssSelector("#diff-result .field-diff[data-key='contact.name']"));
        assertThat(name.findElement(By.tagName("h4")).getText()).isEqualTo("联系人");
        assertThat(name.findElement(By.tagName("del")).getText()).isEqualTo("五");
        assertThat(browser.findElement(By.cssSelector("#diff-result .field-diff[data-key='contact.phone'] ins")).getText())
                .contains("67000099");
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-7-stale.png"));
        browser.findElement(By.id("stale-keep")).click();
        browser.findElement(By.id("words-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("words-message-ok")));
        assertThat(browser.findElement(By.id("words-message-ok")).getText()).contains("已保存为第 " + (Integer.parseInt(loaded) + 2) + " 版");
        assertThat(browser.findElement(By.id("saved-agency-link")).getAttribute("href")).endsWith("/console/agencies/101031?year=2026");

        // A control character: refused, and said under its field.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "var t = document.getElementById('words-duties'); t.value = '职能\u0007职责'; t.dispatchEvent(new Event('input', {bubbles: true}));");
        browser.findElement(By.id("words-save")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("words-duties-error")));
        assertThat(error.getText()).startsWith("职能职责：");
        assertThat(browser.findElement(By.id("words-duties")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("words-message-bad")).getText()).contains("职能职责");
        scrollTo(browser.findElement(By.id("words-duties-row")));
        chromium.screenshotTo(SCREENSHOTS.resolve("narrative-8-refused.png"));

        // A viewer reads the words, the draft, the findings and the preview, and can change nothing.
        users.create("viewer", VIEWER_PASSWORD, Role.VIEWER);
        chromium.close();
        chromium = new Browser(WORK, port);
        browser = chromium.driver();
        chromium.logIn("viewer", VIEWER_PASSWORD);
        chromium.get("/console/narratives/2026/101031");
        WebDriverWait viewing = new WebDriverWait(browser, Duration.ofSeconds(30));
        viewing.until(d -> !d.findElements(By.cssSelector("#preview-body .preview-paragraph")).isEmpty());
        assertThat(browser.findElement(By.id("words-duties")).getAttribute("readonly")).isNotNull();
        assertThat(browser.findElements(By.id("words-save"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button.take-draft"))).isEmpty();
        assertThat(browser.findElement(By.id("read-only-note")).getText()).contains("只能查看");
        assertThat(browser.findElement(By.id("check-summary")).getText()).isNotEmpty().doesNotContain("无法检查");
    }

    private HttpResponse<String> api(String method, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(chromium.url(path)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("operator:" + OPERATOR_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<WebElement> mismatches() {
        return browser.findElements(By.cssSelector("#check-list li[data-rule='narrative.figure-mismatch']"));
    }

    private boolean previewHas(String text) {
        return browser.findElements(By.cssSelector("#preview-body .preview-paragraph")).stream().anyMatch(p -> p.getText().contains(text));
    }

    /** Selects the field's text and types over it, as a person does (the field brought clear of the sticky save bar first). */
    private void replace(WebElement field, String text) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", field);
        field.click();
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        field.sendKeys(Keys.DELETE);
        field.sendKeys(text);
    }

    private void scrollTo(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    /** The version of {@code code} awaiting review, 0 for none. */
    private int awaitingVersion(String code) throws Exception {
        HttpResponse<String> queue = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chromium == null
                        ? "http://127.0.0.1:" + port + "/api/reviews?year=2026" : chromium.url("/api/reviews?year=2026")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("reviewer:" + REVIEWER_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queue.statusCode()).isEqualTo(200);
        for (JsonNode v : JSON.readTree(queue.body()).path("items")) {
            if (code.equals(v.path("code").asText())) {
                return v.path("version").asInt();
            }
        }
        return 0;
    }
}
