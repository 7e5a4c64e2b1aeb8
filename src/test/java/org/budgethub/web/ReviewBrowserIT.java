package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.run.RunRequest;
import org.budgethub.security.Users;

/**
 * The review page as a reviewer uses it (先审后发), in headless Chromium against the running hub with
 * its embedded CMS: the queue after a build, the API listing the same, a preview of the version,
 * a department approved with its units, a rejection with its reason; a viewer sees no buttons.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=sftp",
        "hub.publish.review=required",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/review-browser-test/cms",
        "hub.cms.embedded.keys-dir=target/review-browser-test/keys",
        "hub.cms.private-key-file=target/review-browser-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/review-browser-test/keys/known_hosts",
        "hub.schedule.enabled=false",
        "hub.console.initial-passwords-file=target/review-browser-test/initial-passwords.txt",
        "hub.console.demo-users=false",
        "spring.datasource.url=jdbc:h2:mem:review-browser-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class ReviewBrowserIT {

    static final Path WORK = Path.of("target/review-browser-test").toAbsolutePath();
    private static final String REVIEWER_PASSWORD = "Kettle-silver-44";
    private static final String VIEWER_PASSWORD = "Kettle-copper-42";

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
        users.create("reviewer", REVIEWER_PASSWORD, "REVIEWER");
        users.create("viewer", VIEWER_PASSWORD, "VIEWER");
        chromium = new Browser(WORK, port);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(file).exists();
    }

    @Test
    void aReviewerApprovesADepartmentWithItsUnitsAndRejectsAnotherUnit() throws Exception {
        // The nightly run of department 101's units: the units, then the department, all built and held.
        producer.requestBody("direct:run", RunRequest.agencies(2026, java.util.List.of("101001", "101023", "101031", "104002"),
                "schedule", false, null), Object.class);
        Path cms = WORK.resolve("cms/packages/2026");
        assertThat(cms.resolve("101023")).as("nothing reaches the website before a review").doesNotExist();

        HttpResponse<String> queue = get("/api/reviews?year=2026", "reviewer", REVIEWER_PASSWORD);
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("\"code\":\"101\"").contains("\"code\":\"101023\"").contains("\"code\":\"104002\"");

        chromium.logIn("reviewer", REVIEWER_PASSWORD);
        chromium.get("/console/reviews?year=2026");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("审核发布");
        assertThat(browser.findElement(By.id("review-101")).getText()).contains("部门").contains("第 1 版").contains("待审核")
                .contains("首次发布");
        assertThat(browser.findElement(By.cssSelector("#group-101 #review-101023")).getText()).contains("未查看");
        chromium.screenshot("reviews.png");

        // The preview is the very version waiting for review.
        String preview = browser.findElement(By.cssSelector("#review-101023 a[href*='disclosure.html']")).getAttribute("href");
        browser.get(preview);
        assertThat(browser.getTitle()).contains("2026 年单位预算情况说明");
        chromium.get("/console/reviews?year=2026");

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // 发布前确认: without the two confirmations and the signer the browser does not even ask.
        browser.findElement(By.id("approve-department-101")).click();
        assertThat(ExpectedConditions.alertIsPresent().apply(browser)).as("no confirm question before the attestations").isNull();
        assertThat(browser.findElement(By.id("secrecy-101")).getAttribute("validationMessage")).isEqualTo("请确认已完成保密审查");
        assertThat(browser.findElement(By.id("leader-101")).getAttribute("validationMessage")).isEqualTo("请确认已经负责人审签");
        assertThat(browser.findElement(By.id("signer-101")).getAttribute("validationMessage")).isEqualTo("请填写签发人");
        assertThat(browser.findElement(By.id("batch-form-101")).getText()).contains("发布前确认").contains("已完成保密审查")
                .contains("已经负责人审签").contains("签发人");
        browser.findElement(By.id("secrecy-101")).click();
        browser.findElement(By.id("leader-101")).click();
        browser.findElement(By.id("signer-101")).sendKeys("  张三 ");
        chromium.screenshot("attestations.png");
        browser.findElement(By.id("approve-department-101")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("确定批准部门 101 及其全部 3 个待审核单位（101001、101023、101031）");
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash-ok")));
        assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText()).contains("101 第 1 版").contains("101023 第 1 版");
        for (String code : new String[] {"101", "101001", "101023", "101031"}) {
            awaitFile(cms.resolve(code + "/v1/package.done"));
            JsonNode attestations = new ObjectMapper().readTree(cms.resolve(code + "/v1/manifest.json").toFile()).path("attestations");
            assertThat(attestations.path("secrecyReviewed").asBoolean()).as(code).isTrue();
            assertThat(attestations.path("leaderSigned").asBoolean()).as(code).isTrue();
            assertThat(attestations.path("signer").asText()).as(code).isEqualTo("张三");
            assertThat(attestations.path("approvedBy").asText()).as(code).isEqualTo("reviewer");
        }
        assertThat(cms.resolve("104002")).as("approved with its department only what belongs to it").doesNotExist();

        // The hub checks them again: a form sent past the browser's checks is refused, naming what is missing.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('approve-104002').form.noValidate = true;");
        browser.findElement(By.id("approve-104002")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash-bad")));
        assertThat(browser.findElement(By.cssSelector(".flash-bad")).getText()).contains("缺少：保密审查确认、负责人审签确认、签发人");
        assertThat(browser.findElement(By.id("review-104002")).getText()).contains("待审核");

        browser.findElement(By.id("reason-104002")).sendKeys("项目绩效指标需补充");
        browser.findElement(By.id("reject-104002")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("确定退回 104002 第 1 版");
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash-ok")));
        assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText()).contains("104002").contains("已退回");
        assertThat(browser.findElement(By.id("queue-empty")).getText()).contains("没有待审核的版本");
        chromium.get("/console/agencies/104002?year=2026");
        assertThat(browser.findElement(By.id("packages-table")).getText()).contains("已退回").contains("项目绩效指标需补充");
        chromium.screenshot("rejected.png");
        assertThat(cms.resolve("104002")).doesNotExist();

        // The version page shows what was attested with each approval.
        chromium.get("/console/agencies/101023?year=2026");
        assertThat(browser.findElement(By.id("packages-table")).getText()).contains("保密审查：已确认；负责人审签：已确认；签发人：张三");

        HttpResponse<String> audit = get("/api/runs", "reviewer", REVIEWER_PASSWORD);
        assertThat(audit.statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerSeesTheQueueButNoReviewButtonsAndCannotApproveThroughTheApi() throws Exception {
        producer.requestBody("direct:run", new RunRequest(2026, "103005", "schedule"), Object.class);
        chromium.logIn("viewer", VIEWER_PASSWORD);
        chromium.get("/console/reviews?year=2026");
        assertThat(browser.findElement(By.id("review-103005")).getText()).contains("待审核");
        assertThat(browser.findElements(By.id("approve-103005"))).isEmpty();
        assertThat(browser.findElements(By.id("reject-103005"))).isEmpty();

        assertThat(post("/api/reviews/2026/103005/approve", "viewer", VIEWER_PASSWORD, "").statusCode()).isEqualTo(403);
        assertThat(post("/api/reviews/2026/999999/approve", "reviewer", REVIEWER_PASSWORD, "").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chromium.url(path)))
                .header("Authorization", basic(user, password)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String user, String password, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chromium.url(path)))
                .header("Authorization", basic(user, password)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
