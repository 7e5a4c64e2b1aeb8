package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.publish.DeliveryRecords;
import org.budgethub.run.RunRequest;
import org.budgethub.security.Users;

/**
 * One reviewer and a department of several units, in headless Chromium: the queue filtered by
 * department and by warnings, each warning's text with its link, the units looked at (their
 * previews opened), the clean ones approved together (one approval and one audit line each), the
 * department's own version asking first about its units still waiting, a unit rejected after a
 * confirmation, and brought back by a forced one-unit run into the queue as a new version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=sftp",
        "hub.publish.review=required",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/reviewer-queue-test/cms",
        "hub.cms.embedded.keys-dir=target/reviewer-queue-test/keys",
        "hub.cms.private-key-file=target/reviewer-queue-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/reviewer-queue-test/keys/known_hosts",
        "hub.schedule.enabled=false",
        "hub.console.initial-passwords-file=target/reviewer-queue-test/initial-passwords.txt",
        "hub.console.demo-users=false",
        "spring.datasource.url=jdbc:h2:mem:reviewer-queue-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class ReviewerQueueBrowserIT {

    static final Path WORK = Path.of("target/reviewer-queue-test").toAbsolutePath();
    static final Path SHOTS = Path.of("target/screenshots").toAbsolutePath();
    private static final String REVIEWER_PASSWORD = "Kettle-silver-44";
    private static final String OPERATOR_PASSWORD = "Kettle-brass-41";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    DeliveryRecords records;

    @Autowired
    JdbcTemplate hub;

    private Browser chromium;
    private WebDriver browser;

    @DynamicPropertySource
    static void cleanWorkFolder(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        registry.add("hub.console.test-work", WORK::toString);
    }

    @BeforeEach
    void usersAndBrowser() {
        users.create("reviewer", REVIEWER_PASSWORD, "REVIEWER");
        users.create("operator", OPERATOR_PASSWORD, "OPERATOR");
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
    void aReviewerFiltersLooksApprovesTheCleanUnitsTogetherRejectsOneAndItComesBack() throws Exception {
        producer.requestBody("direct:run", RunRequest.agencies(2026, List.of("101001", "101023", "101031", "102001"),
                "schedule", false, null), Object.class);
        // 101031's validation left a warning about 表二 (the demo's data has none): its stored findings say so.
        long id = records.latest(2026, "101031").orElseThrow().id();
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                hub.queryForObject("SELECT disclosure_json FROM delivery WHERE id = ?", String.class, id));
        doc.withArray("findings").addObject().put("severity", "WARN").put("rule", "table-sum")
                .put("message", "表二 合计 为 100.00 万元，不等于其组成部分之和 99.00 万元（差 10000.00 元）").put("location", "表二 合计");
        hub.update("UPDATE delivery SET disclosure_json = ? WHERE id = ?", doc.toString(), id);
        JsonNode queue = api("/api/reviews?year=2026&department=101");
        assertThat(queue.path("total").asInt()).as(queue.toString()).isEqualTo(4);
        assertThat(queue.path("page").asInt()).isEqualTo(1);
        List<String> units = new ArrayList<>();
        queue.path("items").forEach(v -> {
            if ("unit".equals(v.path("kind").asText())) {
                units.add(v.path("code").asText());
            }
        });
        assertThat(units).containsExactly("101001", "101023", "101031");
        assertThat(queue.path("items").get(0).path("code").asText()).as("the department first").isEqualTo("101");

        chromium.logIn("reviewer", REVIEWER_PASSWORD);
        chromium.get("/console/reviews?year=2026");
        assertThat(browser.findElements(By.cssSelector("section.dept-group"))).hasSizeGreaterThanOrEqualTo(2);
        // Filter: department 101 only.
        new Select(browser.findElement(By.id("filter-department"))).selectByValue("101");
        browser.findElement(By.id("filter-submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.urlContains("department=101"));
        assertThat(browser.findElements(By.cssSelector("section.dept-group"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#group-101 article.review"))).hasSize(4);
        assertThat(browser.findElements(By.id("batch-approve-101"))).as("nothing looked at yet").isEmpty();
        assertThat(browser.findElement(By.id("batch-form-101")).getText()).contains("没有可一并批准的单位");
        assertThat(browser.findElement(By.id("review-101001")).getText()).contains("未查看").contains("首次发布")
                .doesNotContain("AWAITING").doesNotContain("待审核：待审核");
        chromium.screenshotTo(SHOTS.resolve("reviewer-queue-department.png"));

        // The unit to reject: 101031, the one with a warning.
        String rejected = "101031";
        List<String> clean = List.of("101001", "101023");
        // Has warnings: only versions that have some, each with its message.
        new Select(browser.findElement(By.id("filter-warnings"))).selectByValue("true");
        browser.findElement(By.id("filter-submit")).click();
        wait.until(ExpectedConditions.urlContains("warnings=true"));
        assertThat(browser.findElements(By.cssSelector("article.review"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#review-101031 ul.warnings")).getText())
                .contains("表二 合计 为 100.00 万元，不等于其组成部分之和").contains("在预览中查看表二");
        assertThat(browser.findElement(By.cssSelector("#review-101031 a.warning-link")).getAttribute("href")).endsWith("/files/disclosure.html#t2");
        for (WebElement card : browser.findElements(By.cssSelector("article.review"))) {
            assertThat(card.findElements(By.cssSelector("ul.warnings li .warning-message"))).as(card.getText()).isNotEmpty();
            assertThat(card.findElements(By.cssSelector("ul.warnings li a.warning-link"))).isNotEmpty();
        }
        chromium.screenshotTo(SHOTS.resolve("reviewer-queue-warnings.png"));
        new Select(browser.findElement(By.id("filter-warnings"))).selectByValue("");
        browser.findElement(By.id("filter-submit")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("warnings=true")));

        // Look: the page preview of one, the PDF of the other.
        for (String code : clean) {
            assertThat(browser.findElement(By.id("review-" + code)).getAttribute("data-warnings")).as(code).isEqualTo("0");
        }
        browser.get(browser.findElement(By.cssSelector("#review-101001 a.look[href$='disclosure.html']")).getAttribute("href"));
        assertThat(browser.getTitle()).contains("2026 年单位预算情况说明");
        chromium.get("/console/reviews?year=2026&department=101");
        String pdf = browser.findElement(By.cssSelector("#review-101023 a.look[href$='disclosure.pdf']")).getAttribute("href");
        HttpResponse<byte[]> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdf))
                .header("Cookie", "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(opened.statusCode()).isEqualTo(200);
        chromium.get("/console/reviews?year=2026&department=101");
        assertThat(browser.findElement(By.id("review-101001")).getText()).contains("已查看");
        assertThat(browser.findElement(By.id("review-101023")).getText()).contains("已查看");
        assertThat(browser.findElement(By.id("review-101031")).getText()).contains("未查看").contains("警告");

        // The API refuses a batch holding a unit not looked at, naming it, and approves none.
        HttpResponse<String> refused = post("/api/reviews/2026/batch-approve",
                "{\"codes\": [\"101001\", \"101031\"], \"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \"张三\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("units").toString()).isEqualTo("[\"101031\"]");
        assertThat(problem.path("detail").asText()).contains("101031（有 1 条警告，须逐个审核）").contains("未批准任何单位");
        assertThat(records.latest(2026, "101001").orElseThrow().status().name()).isEqualTo("AWAITING_REVIEW");

        // Approve the clean units together: the attestations once.
        WebElement batch = browser.findElement(By.id("batch-approve-101"));
        assertThat(batch.getText()).isEqualTo("批准本部门无警告且已查看的 2 个单位");
        browser.findElement(By.id("secrecy-101")).click();
        browser.findElement(By.id("leader-101")).click();
        browser.findElement(By.id("signer-101")).sendKeys("张三");
        chromium.screenshotTo(SHOTS.resolve("reviewer-queue-looked.png"));
        batch.click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("101001、101023");
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash-ok")));
        assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText()).contains("已一并批准 2 个单位").contains("101001 第 1 版");
        assertThat(browser.getCurrentUrl()).as("back to the filter").contains("department=101");
        for (String code : clean) {
            assertThat(records.latest(2026, code).orElseThrow().reviewedBy()).isEqualTo("reviewer");
            assertThat(hub.queryForList("SELECT detail FROM audit_log WHERE action = 'review.approve' AND detail LIKE ?", String.class,
                    "2026 年 " + code + " 第 1 版%")).as(code).hasSize(1).allSatisfy(d -> assertThat(d).contains("签发人：张三"));
        }

        // The department's own version asks first, naming the unit still waiting.
        browser.findElement(By.id("secrecy-101")).click();
        browser.findElement(By.id("leader-101")).click();
        browser.findElement(By.id("signer-101")).sendKeys("张三");
        browser.findElement(By.id("approve-101")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("还有 1 个单位待审核：101031");
        browser.switchTo().alert().dismiss();
        assertThat(records.latest(2026, "101").orElseThrow().status().name()).isEqualTo("AWAITING_REVIEW");
        HttpResponse<String> department = post("/api/reviews/2026/101/approve",
                "{\"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \"张三\"}");
        assertThat(department.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(department.body()).path("units").toString()).isEqualTo("[\"101031\"]");

        // Reject one, after a confirmation; the page says how it comes back.
        browser.findElement(By.id("reason-" + rejected)).sendKeys("项目绩效目标表缺少指标值");
        browser.findElement(By.id("reject-" + rejected)).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("确定退回 " + rejected + " 第 1 版");
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash-ok")));
        assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText()).contains("已退回").contains("下一步").contains("强制重新生成");
        assertThat(browser.findElement(By.id("rejected-" + rejected)).getText()).contains("项目绩效目标表缺少指标值").contains("已退回");
        assertThat(browser.findElement(By.id("rejected")).getText()).contains("重新运行本单位").contains("强制重新生成")
                .contains("请告知操作员");
        chromium.screenshotTo(SHOTS.resolve("reviewer-queue-rejected.png"));

        // An operator brings it back: a forced one-unit run makes a new version of unchanged content, back in the queue.
        browser.manage().deleteAllCookies();
        chromium.logIn("operator", OPERATOR_PASSWORD);
        chromium.get("/console/reviews?year=2026");
        browser.findElement(By.id("force-rerun-" + rejected)).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("强制重新生成 " + rejected);
        browser.switchTo().alert().accept();
        long deadline = System.currentTimeMillis() + 90_000;
        while (records.latest(2026, rejected).orElseThrow().version() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
        }
        DeliveryRecords.Delivery back = records.latest(2026, rejected).orElseThrow();
        assertThat(back.version()).isEqualTo(2);
        assertThat(back.status().name()).isEqualTo("AWAITING_REVIEW");

        browser.manage().deleteAllCookies();
        chromium.logIn("reviewer", REVIEWER_PASSWORD);
        chromium.get("/console/reviews?year=2026&department=101");
        assertThat(browser.findElement(By.id("review-" + rejected)).getText()).contains("第 2 版").contains("未查看");
        assertThat(browser.findElements(By.id("rejected-" + rejected))).as("no longer rejected: its newest version waits").isEmpty();
        chromium.screenshotTo(SHOTS.resolve("reviewer-queue-back.png"));

        // The agency page previews the version awaiting review.
        chromium.get("/console/agencies/" + rejected + "?year=2026");
        assertThat(browser.findElement(By.id("preview-which")).getText()).contains("待审核的第 2 版");
        assertThat(browser.findElement(By.id("preview-html")).getAttribute("href")).contains("/versions/2/files/disclosure.html");
        chromium.screenshotTo(SHOTS.resolve("reviewer-agency-preview.png"));
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chromium.url(path)))
                .header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chromium.url(path)))
                .header("Authorization", basic()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("reviewer:" + REVIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
