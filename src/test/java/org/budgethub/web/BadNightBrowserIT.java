package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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

import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.run.ScheduledRuns;
import org.budgethub.security.Users;

/**
 * The morning after a bad night, as an operator sees it in a real browser. The night: the CMS
 * refuses the upload of one agency (a file stands where its folder must go), another publishes with
 * a warning, and the schedule's second year has no data yet. Then a narrative file is broken and
 * another removed, and those agencies are rerun from the console. Every screen must say what
 * happened, in Chinese: the right counts, the reason beside the row, the attempts of the upload,
 * the file, line and column of the YAML error, and the console's own 404 and 403 pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=sftp",
        "hub.publish.review=none",
        "hub.publish.retry.max-redeliveries=2",
        "hub.publish.retry.delay-ms=100",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/bad-night-test/cms",
        "hub.cms.embedded.keys-dir=target/bad-night-test/keys",
        "hub.cms.private-key-file=target/bad-night-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/bad-night-test/keys/known_hosts",
        "hub.narratives.dir=target/bad-night-test/narratives",
        // The night of a bureau that keeps its words as files: runs read the folder itself, so a broken file holds its
        // agency back with the file's line and a removed one leaves it without words (the store keeps both otherwise).
        "hub.narratives.source=folder",
        "hub.narratives.missing=hold",
        "hub.schedule.enabled=true",
        "hub.schedule.years=2026,2027",
        "hub.run.departments=none",
        "hub.console.demo-users=false",
        "spring.datasource.url=jdbc:h2:mem:bad-night-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class BadNightBrowserIT {

    static final Path WORK = Path.of("target/bad-night-test").toAbsolutePath();
    static final Path NARRATIVES = WORK.resolve("narratives");
    private static final String OPERATOR_PASSWORD = "Kettle-brass-41";
    private static final String VIEWER_PASSWORD = "Kettle-copper-42";

    @DynamicPropertySource
    static void prepareTheNight(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(NARRATIVES);
        try (Stream<Path> files = Files.list(Path.of("config/narratives"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, NARRATIVES.resolve(f.getFileName()));
            }
        }
        // The upload of 103005 cannot create its folder: the CMS refuses it on every attempt.
        Path blocked = WORK.resolve("cms/packages/2026/103005");
        Files.createDirectories(blocked.getParent());
        Files.writeString(blocked, "not a folder");
        registry.add("hub.console.test-work", WORK::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ScheduledRuns schedule;

    @Autowired
    CamelContext camel;

    private Browser chromium;
    private WebDriver browser;

    @BeforeEach
    void usersAndBrowser() throws Exception {
        // The schedule is on (so the console shows the next run) but fires only when the test says so.
        camel.getRouteController().stopRoute("nightly-schedule");
        users.create("operator", OPERATOR_PASSWORD, "OPERATOR");
        users.create("viewer", VIEWER_PASSWORD, "VIEWER");
        chromium = new Browser(WORK.resolve("screenshots"), port);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theMorningAfterABadNight() throws Exception {
        for (RunRequest night : schedule.requests()) {
            producer.requestBody("direct:run", night, RunReport.class);
        }

        chromium.logIn("operator", OPERATOR_PASSWORD);
        browser.get(chromium.url("/console?year=2026"));

        // The night's summary: counts kept apart, the failure named with its reason.
        WebElement counts = browser.findElement(By.id("night-counts"));
        assertThat(counts.getText()).contains("5 新版本").contains("0 未变化").contains("0 未通过校验").contains("1 失败");
        WebElement failure = browser.findElement(By.cssSelector("#last-night li[data-agency='103005']"));
        assertThat(failure.getText()).contains("失败").contains("尝试 3 次均失败").contains("发布目录不存在或不是文件夹");
        assertThat(browser.findElement(By.id("next-run")).getText()).startsWith("下次定时运行：");

        // One row per agency, its stages from one run, its name, the reason and the warnings beside it.
        WebElement failed = agencyRow("103005");
        assertThat(failed.getAttribute("data-outcome")).isEqualTo("FAILED");
        assertThat(failed.findElement(By.cssSelector("td[data-stage='render']")).getAttribute("data-status")).isEqualTo("DONE");
        assertThat(failed.findElement(By.cssSelector("td[data-stage='publish']")).getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(failed.findElement(By.cssSelector(".reason")).getText()).startsWith("尝试 3 次均失败");
        assertThat(failed.findElement(By.cssSelector(".agency-name")).getText()).isNotBlank();
        WebElement warned = agencyRow("104002");
        assertThat(warned.getAttribute("data-outcome")).isEqualTo("NEW_VERSION");
        assertThat(warned.findElement(By.cssSelector("td.warnings")).getText()).isEqualTo("1 条");
        assertThat(agencyRow("101023").findElement(By.cssSelector("td.delivered")).getText()).isEqualTo("第 1 版");
        assertThat(failed.findElement(By.cssSelector("td.delivered")).getText()).isEqualTo("未发布");
        chromium.screenshot("dashboard-bad-night.png");

        // The schedule's next year has no agencies yet: a succeeded run that says so, not a red failure. A year's dashboard
        // lists that year's runs only: the 2027 run is on the 2027 dashboard, not on this one.
        assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")).get(0).getText())).containsOnly("2026");
        browser.get(chromium.url("/console?year=2027"));
        WebElement nextYear = browser.findElements(By.cssSelector("#runs-table tbody tr")).stream()
                .filter(r -> r.findElements(By.tagName("td")).get(0).getText().equals("2027")).findFirst().orElseThrow();
        assertThat(nextYear.getText()).contains("成功");
        nextYear.findElement(By.cssSelector("a")).click();
        assertThat(browser.findElement(By.id("run-status")).getAttribute("data-status")).isEqualTo("SUCCEEDED");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(b -> b.findElement(By.id("run-warnings-list")).getText().contains("2027 年尚无数据"));

        // The failed agency's page: the attempts and the real reason of the upload.
        browser.get(chromium.url("/console/agencies/103005?year=2026"));
        assertThat(browser.findElement(By.id("latest-outcome")).getText()).contains("失败");
        assertThat(browser.findElement(By.cssSelector(".stage-list li[data-stage='publish']")).getText())
                .contains("失败").contains("尝试 3 次均失败（重试用时 ");
        chromium.screenshot("agency-failed-upload.png");

        // The morning: one narrative broken (a duplicated key), another removed; both rerun from the console.
        Path broken = NARRATIVES.resolve("101031-2026.yaml");
        List<String> lines = Files.readAllLines(broken, StandardCharsets.UTF_8);
        String duplicated = lines.stream().filter(l -> l.startsWith("year:")).findFirst().orElseThrow();
        lines.add(duplicated);
        Files.write(broken, lines, StandardCharsets.UTF_8);
        Files.delete(NARRATIVES.resolve("102001-2026.yaml"));

        rerun("101031", wait);
        // Held back like a validation failure: the file must be corrected, retrying cannot help.
        assertThat(browser.findElement(By.id("latest-outcome")).getText()).contains("未通过");
        String narrativeError = browser.findElement(By.cssSelector(".stage-list li[data-stage='model']")).getText();
        assertThat(narrativeError).contains("101031-2026.yaml").contains("第 " + lines.size() + " 行第 1 列")
                .contains("“year”重复出现").doesNotContain("缺少单位");
        chromium.screenshot("agency-broken-yaml.png");

        rerun("102001", wait);
        assertThat(browser.findElement(By.id("latest-outcome")).getText()).contains("未通过");
        assertThat(browser.findElement(By.cssSelector("#findings-list li[data-rule='input.narrative-missing']")).getText())
                .contains("严重");

        // The grid: the night and the two reruns side by side, the failure where it happened.
        browser.get(chromium.url("/console/grid?year=2026"));
        assertThat(browser.findElements(By.cssSelector("#run-grid thead th.run-col"))).hasSize(3);
        List<String> row101031 = browser.findElements(By.cssSelector("#run-grid tr[data-agency='101031'] td.grid-cell")).stream()
                .map(c -> c.getAttribute("data-outcome")).toList();
        assertThat(row101031).as("newest first: the held-back rerun, absent from the other rerun, new in the night")
                .containsExactly("NONE", "HELD_BACK", "NEW_VERSION");
        assertThat(browser.findElements(By.cssSelector("#run-grid tr[data-agency='103005'] td.grid-cell")).stream()
                .map(c -> c.getAttribute("data-outcome")).toList()).containsExactly("NONE", "NONE", "FAILED");
        chromium.screenshot("grid.png");

        // Unknown pages: the console's own 404 page, in Chinese, with a way back; no rerun offered.
        browser.get(chromium.url("/console/agencies/999999?year=2026"));
        assertThat(browser.findElement(By.id("main")).getAttribute("data-status")).isEqualTo("404");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("404");
        assertThat(browser.findElement(By.id("back-to-dashboard")).getText()).isEqualTo("回到仪表板");
        assertThat(browser.findElements(By.id("rerun-agency"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
        browser.get(chromium.url("/console/no-such-page"));
        assertThat(browser.findElement(By.id("main")).getAttribute("data-status")).isEqualTo("404");
        chromium.screenshot("404.png");

        // A viewer reads everything, acts on nothing: the admin page answers with the console's 403 page.
        browser.manage().deleteAllCookies();
        chromium.logIn("viewer", VIEWER_PASSWORD);
        assertThat(agencyRow("103005").getAttribute("data-outcome")).isEqualTo("FAILED");
        assertThat(browser.findElements(By.id("rerun-failed"))).isEmpty();
        browser.get(chromium.url("/console/admin"));
        assertThat(browser.findElement(By.id("main")).getAttribute("data-status")).isEqualTo("403");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("403");
        assertThat(browser.getPageSource()).doesNotContain("Whitelabel").doesNotContain("Forbidden");
        chromium.screenshot("403.png");
    }

    private WebElement agencyRow(String code) {
        if (browser.findElements(By.id("agency-table")).isEmpty()) {
            browser.get(chromium.url("/console?year=2026"));
        }
        return browser.findElement(By.cssSelector("#agency-table tr[data-agency='" + code + "']"));
    }

    /** Reruns one agency from its page, waits for the run to end, and comes back to the agency's page. */
    private void rerun(String code, WebDriverWait wait) {
        browser.get(chromium.url("/console/agencies/" + code + "?year=2026"));
        browser.findElement(By.id("rerun-agency")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.urlMatches("/console/runs/\\d+$"));
        // A rerun held back by its data ends HELD_BACK (amber 完成，有暂缓), never the red FAILED of a fault.
        wait.until(b -> List.of("SUCCEEDED", "HELD_BACK", "FAILED").contains(b.findElement(By.id("run-status")).getAttribute("data-status")));
        browser.get(chromium.url("/console/agencies/" + code + "?year=2026"));
    }
}
