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

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.review.AttestationRequest;
import org.budgethub.review.ReleaseService;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.security.Users;
import org.budgethub.support.FinanceDatabase;

/**
 * A correction as a viewer sees it, in headless Chromium against the running hub (先审后发, the
 * embedded CMS, the delivery record in a real PostgreSQL): version 1 of 102001 approved and
 * delivered; then one ledger entry and one authored sentence change and version 2 waits for review.
 * The review card shows what changed; on the agency page "与上一版比较" opens the diff, which marks
 * the changed figure cell by cell and the changed sentence, struck and underlined.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=required",
        "hub.publish.mode=sftp",
        "hub.publish.retry.max-redeliveries=1",
        "hub.publish.retry.delay-ms=50",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/versions-browser-test/cms",
        "hub.cms.embedded.keys-dir=target/versions-browser-test/keys",
        "hub.cms.private-key-file=target/versions-browser-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/versions-browser-test/keys/known_hosts",
        "hub.console.demo-users=false"})
class VersionsBrowserIT {

    static final Path WORK = Path.of("target/versions-browser-test").toAbsolutePath();
    static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();
    private static final String AGENCY = "102001";
    private static final String VIEWER_PASSWORD = "Kettle-copper-43";
    private static final String OLD_DUTY = "6.完成区委、区政府交办的其他任务。";
    private static final String ADDED_WORDS = "，做好城市管理应急保障";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ReleaseService releases;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    @Qualifier("financeDataSource")
    DataSource finance;

    private Browser chromium;

    /** The demo's narratives, copied: the test edits one between the two versions. */
    @DynamicPropertySource
    static void workFolder(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        FileSystemUtils.copyRecursively(Path.of("config/narratives"), WORK.resolve("narratives"));
        registry.add("hub.narratives.dir", () -> WORK.resolve("narratives").toString());
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("hub.console.test-work", WORK::toString);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    private RunReport build() {
        return producer.requestBody("direct:run", new RunRequest(2026, AGENCY, "schedule"), RunReport.class);
    }

    private String status(int version) {
        return hub.queryForObject("SELECT status FROM delivery WHERE agency_code = ? AND version = ?", String.class, AGENCY, version);
    }

    @Test
    void aViewerOpensTheDiffFromTheAgencyPageAndSeesTheChangedFigureAndSentence() throws Exception {
        assertThat(build().failed()).isEmpty();
        releases.approve(2026, AGENCY, "reviewer-1", AttestationRequest.of("王五"));
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"DELIVERED".equals(status(1)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(status(1)).isEqualTo("DELIVERED");

        // The correction: one basic-expenditure entry of fund 11 up by 10,000 yuan, one duty sentence longer.
        JdbcTemplate fin = new JdbcTemplate(finance);
        String entry = fin.queryForObject("SELECT MIN(l.entry_id) FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id "
                + "WHERE a.agency_code = ? AND a.fiscal_year = 2026 AND a.exp_kind = 'B' AND a.fund_type_code = '11' "
                + "AND a.is_deleted = FALSE AND l.stage = 'INITIAL'", String.class, AGENCY);
        fin.update("UPDATE bgt_ledger SET amount = amount + 10000 WHERE entry_id = ?", entry);
        Path narrative = WORK.resolve("narratives/" + AGENCY + "-2026.yaml");
        String yaml = Files.readString(narrative);
        assertThat(yaml).contains(OLD_DUTY);
        Files.writeString(narrative, yaml.replace(OLD_DUTY, OLD_DUTY.replace("。", ADDED_WORDS + "。")));
        assertThat(build().failed()).isEmpty();
        assertThat(status(2)).isEqualTo("AWAITING_REVIEW");

        // 表二's 合计 · 总计 of both versions, read from what was stored, not from the diff
        ObjectMapper json = new ObjectMapper();
        JsonNode v1 = json.readTree(Files.readString(WORK.resolve("cms/packages/2026/" + AGENCY + "/v1/disclosure.json")));
        JsonNode v2 = json.readTree(hub.queryForObject("SELECT disclosure_json FROM delivery WHERE agency_code = ? AND version = 2",
                String.class, AGENCY));
        String before = total(v1);
        String after = total(v2);
        assertThat(after).isNotEqualTo(before);

        users.create("viewer", VIEWER_PASSWORD, "VIEWER");
        chromium = new Browser(WORK, port);
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        chromium.logIn("viewer", VIEWER_PASSWORD);

        // The review card names what changed and links the full diff (a card stays light: hundreds are on a page).
        chromium.get("/console/reviews?year=2026");
        WebElement card = browser.findElement(By.id("review-" + AGENCY));
        assertThat(card.getText()).contains("更正网站上的第 1 版").contains("表二").contains("说明");
        assertThat(card.findElement(By.cssSelector("a.diff-link")).getAttribute("href")).contains("/versions/1/diff/2");
        chromium.screenshotTo(SCREENSHOTS.resolve("review-diff.png"));

        chromium.get("/console/agencies/" + AGENCY + "?year=2026");
        WebElement v2Row = browser.findElement(By.cssSelector("#packages-table tbody tr[data-version='2']"));
        assertThat(v2Row.getText()).contains("待审核").contains("packages/2026/" + AGENCY + "/v2/").contains("尚未送达");
        assertThat(browser.findElement(By.cssSelector("#packages-table tbody tr[data-version='1']")).getText())
                .contains("已送达").contains("packages/2026/" + AGENCY + "/v1/").contains("首个版本");
        chromium.screenshotTo(SCREENSHOTS.resolve("versions.png"));
        v2Row.findElement(By.cssSelector("a.diff-link")).click();

        wait.until(ExpectedConditions.urlContains("/versions/1/diff/2"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("版本比较").contains(AGENCY);
        WebElement cell = browser.findElement(By.cssSelector("[data-table='表二'] tr.cell-change[data-row='合计'][data-column='总计']"));
        assertThat(cell.findElement(By.cssSelector("td.old del")).getText()).isEqualTo(before);
        assertThat(cell.findElement(By.cssSelector("td.new ins")).getText()).isEqualTo(after);
        assertThat(cell.findElement(By.cssSelector("td.delta")).getText()).isEqualTo("+1.00");

        WebElement sentence = browser.findElement(By.cssSelector(".sentence-change[data-section='一、单位基本情况']"));
        assertThat(sentence.findElement(By.cssSelector(".sentence-old")).getText()).contains("原").contains(OLD_DUTY);
        assertThat(sentence.findElement(By.cssSelector(".sentence-new ins")).getText()).isEqualTo(ADDED_WORDS);
        // Not by colour alone: the old is struck through, the new underlined.
        assertThat(sentence.findElement(By.cssSelector(".sentence-old .old-text")).getCssValue("text-decoration-line")).contains("line-through");
        assertThat(sentence.findElement(By.cssSelector(".sentence-new ins")).getCssValue("text-decoration-line")).contains("underline");
        assertThat(cell.findElement(By.cssSelector("td.old del")).getCssValue("text-decoration-line")).contains("line-through");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});",
                browser.findElement(By.id("diff")));
        chromium.screenshotTo(SCREENSHOTS.resolve("version-diff.png"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});",
                browser.findElement(By.cssSelector(".diff-narrative")));
        chromium.screenshotTo(SCREENSHOTS.resolve("version-diff-sentences.png"));

        // Any two versions, the other way round, through the form.
        new Select(browser.findElement(By.id("compare-from"))).selectByValue("2");
        new Select(browser.findElement(By.id("compare-to"))).selectByValue("1");
        browser.findElement(By.id("compare-submit")).click();
        wait.until(ExpectedConditions.urlContains("/versions/2/diff/1"));
        assertThat(browser.findElement(By.cssSelector("[data-table='表二'] tr.cell-change[data-row='合计'][data-column='总计'] td.old del"))
                .getText()).isEqualTo(after);

        // The viewer downloads the waiting version as a zip: reading is all a viewer needs.
        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(chromium.url("/console/agencies/" + AGENCY + "/versions/2/package.zip?year=2026")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("viewer:" + VIEWER_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(zip.body()).startsWith(new byte[] {'P', 'K', 3, 4});
    }

    private static String total(JsonNode doc) {
        for (JsonNode t : doc.path("tables")) {
            if (t.path("no").asText().equals("表二")) {
                return t.path("rows").path(0).path(2).asText();
            }
        }
        throw new AssertionError("no 表二");
    }
}
