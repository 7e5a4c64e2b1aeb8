package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.security.Users;

/**
 * The console in a real browser (Debian's headless Chromium through Selenium) against the running
 * hub: an operator reruns an agency, watches the run page update itself until the package is
 * delivered to the (embedded) CMS and opens the package's HTML preview; a viewer gets no buttons,
 * and the API refuses the viewer's POST while accepting the operator's; a run page whose updates the
 * API refuses says why.
 */
class ConsoleBrowserIT extends ConsoleTestSupport {

    private static final String OPERATOR_PASSWORD = "Kettle-brass-41";
    private static final String VIEWER_PASSWORD = "Kettle-copper-42";
    private static final String SEED_TITLE = "原重庆市江北区数字化城市运行和治理中心2026 年单位预算情况说明";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    JdbcTemplate hub;

    private Browser chromium;
    private WebDriver browser;

    @BeforeEach
    void usersAndBrowser() {
        users.create("operator", OPERATOR_PASSWORD, "OPERATOR");
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

    @Test
    void anOperatorRerunsAnAgencyWatchesTheRunAndPreviewsThePackage() throws Exception {
        logIn("operator", OPERATOR_PASSWORD);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("预算公开仪表板");
        assertThat(browser.findElements(By.id("run-all"))).as("operators get the run buttons").hasSize(1);

        browser.get(url("/console/agencies/101023?year=2026"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("101023").contains("2026");
        browser.findElement(By.id("rerun-agency")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.urlMatches("/console/runs/\\d+$"));
        String runPage = browser.getCurrentUrl();
        String firstStatus = browser.findElement(By.id("run-status")).getAttribute("data-status");
        assertThat(firstStatus).as("the run is queued or running at once").isIn("QUEUED", "RUNNING", "SUCCEEDED");
        // The page updates itself (fetch every second): no reload here.
        wait.until(b -> "SUCCEEDED".equals(b.findElement(By.id("run-status")).getAttribute("data-status"))
                && !b.findElements(By.cssSelector("#tasks-body tr[data-agency='101023'][data-stage='publish'][data-status='DONE']")).isEmpty());
        assertThat(browser.getCurrentUrl()).isEqualTo(runPage);
        assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("成功");
        WebElement publish = browser.findElement(By.cssSelector("#tasks-body tr[data-agency='101023'][data-stage='publish']"));
        assertThat(publish.getText()).contains("完成").contains("/packages/2026/101023/v1");
        assertThat(browser.findElement(By.id("run-progress-text")).getText()).startsWith("1 / 1");
        if (!"SUCCEEDED".equals(firstStatus)) {
            // rendered while running, finished without a reload: the script's doing
            assertThat(browser.findElement(By.id("run-live")).getText()).isEqualTo("运行已结束。");
        }
        screenshot("run.png");

        browser.findElement(By.cssSelector("#run a[href*='/console/agencies/101023']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("packages-table")));
        assertThat(browser.findElement(By.cssSelector("#packages-table tbody tr[data-version='1']")).getText())
                .contains("第 1 版").contains("已送达").contains("首个版本");
        assertThat(browser.findElement(By.cssSelector(".stage-list li[data-stage='publish']")).getText()).contains("完成");
        assertThat(browser.findElement(By.id("preview-pdf")).getAttribute("href")).contains("disclosure.pdf");
        screenshot("agency.png");

        browser.findElement(By.id("preview-html")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(browser.getTitle()).isEqualTo(SEED_TITLE);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(SEED_TITLE);
        screenshot("preview.png");

        // The dashboard lists the agency as published, and its filter box narrows the table.
        browser.get(url("/console?year=2026"));
        WebElement row = browser.findElement(By.cssSelector("#agency-table tr[data-agency='101023']"));
        assertThat(row.findElement(By.cssSelector("td[data-stage='publish']")).getText()).contains("完成");
        // The security log is the admins': an operator's dashboard holds none of it.
        assertThat(browser.findElements(By.id("audit-table"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("操作日志");
        screenshot("dashboard.png");
        WebElement filter = browser.findElement(By.id("agency-filter"));
        filter.sendKeys("no-such-agency");
        assertThat(row.isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("agency-filter-count")).getText()).startsWith("显示 0 /");
        filter.clear();
        filter.sendKeys("101023 新版本");
        assertThat(row.isDisplayed()).isTrue();
    }

    @Test
    void aViewerSeesNoButtonsAndTheApiRefusesTheViewersRunButNotTheOperators() throws Exception {
        logIn("viewer", VIEWER_PASSWORD);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("预算公开仪表板");
        assertThat(browser.findElements(By.id("run-all"))).isEmpty();
        assertThat(browser.findElements(By.id("rerun-failed"))).isEmpty();

        browser.get(url("/console/agencies/101023?year=2026"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("101023");
        assertThat(browser.findElement(By.id("findings-heading")).getText()).isEqualTo("校验结果");
        assertThat(browser.findElements(By.id("rerun-agency"))).as("no rerun button for viewers").isEmpty();
        assertThat(browser.findElements(By.id("force-republish"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[method='post'][action*='/runs']"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("重新运行本单位");
        screenshot("agency-viewer.png");

        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"year\": 2026, \"scope\": \"agency\", \"agency\": \"104002\"}";
        assertThat(postRun(http, "viewer", VIEWER_PASSWORD, body).statusCode()).isEqualTo(403);
        HttpResponse<String> accepted = postRun(http, "operator", OPERATOR_PASSWORD, body);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"status\":\"QUEUED\"");
    }

    @Test
    void aRunPageWhoseUpdatesTheApiRefusesSaysWhyAndWhereToGo() throws Exception {
        // A run under way elsewhere: its page polls the API every second.
        Timestamp now = Timestamp.from(Instant.now());
        hub.update("INSERT INTO run (fiscal_year, scope, agency_code, forced, triggered_by, owner, status, total, done, started_at, updated_at) "
                + "VALUES (2026, 'AGENCY', '101031', FALSE, 'browser-refusal', 'elsewhere', 'RUNNING', 1, 0, ?, ?)", now, now);
        long id = hub.queryForObject("SELECT MAX(id) FROM run WHERE triggered_by = 'browser-refusal'", Long.class);
        try {
            logIn("operator", OPERATOR_PASSWORD);
            browser.get(url("/console/runs/" + id));
            assertThat(browser.findElement(By.id("run-live")).getText()).startsWith("运行中");

            // The session ends (logged out elsewhere, expired): the API answers 401 with a problem, and the page says
            // so instead of the browser asking for a password in its own dialog.
            browser.manage().deleteCookieNamed("JSESSIONID");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(b -> b.findElement(By.id("run-live")).getText().startsWith("无法更新"));
            assertThat(browser.findElement(By.id("run-live")).getText())
                    .isEqualTo("无法更新：控制台会话已结束或尚未登录，请重新登录。 重新登录");
            WebElement login = browser.findElement(By.id("run-live-link"));
            assertThat(login.getText()).isEqualTo("重新登录");
            assertThat(login.getAttribute("href")).endsWith("/login");
            screenshot("run-refused.png");
        } finally {
            hub.update("DELETE FROM run WHERE id = ?", id);
        }
    }

    private HttpResponse<String> postRun(HttpClient http, String user, String password, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/runs")))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void logIn(String user, String password) {
        chromium.logIn(user, password);
    }

    private void screenshot(String name) throws Exception {
        chromium.screenshot(name);
    }

    private String url(String path) {
        return chromium.url(path);
    }
}
