package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.budgethub.security.Users;

/**
 * Accounts in a real browser (headless Chromium) under the console's Content-Security-Policy: a
 * user changes their password on the 账户 page and the old one stops working; an admin unlocks a
 * locked user and gives another a new password, with the confirm dialogs of console.js (which the
 * policy must let run) and no message of a blocked script, style or frame.
 */
class AccountBrowserIT extends ConsoleTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    private Browser chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void browser() {
        chromium = new Browser(WORK, port);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aUserChangesTheirPasswordAndTheOldOneStopsWorking() throws Exception {
        users.create("clerk-browser", "old-password-1", "VIEWER");
        chromium.logIn("clerk-browser", "old-password-1");
        browser.findElement(By.id("nav-account")).click();
        wait.until(ExpectedConditions.urlContains("/console/account"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("账户");

        changePassword("old-password-1", "new-password-22", "new-password-23");
        assertThat(browser.findElement(By.cssSelector(".flash-bad")).getText()).isEqualTo("未能修改密码：两次输入的新密码不一致。请重新输入两遍相同的新密码。");
        changePassword("old-password-1", "new-password-22", "new-password-22");
        assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText()).isEqualTo("密码已修改。下次登录请使用新密码；您在其他浏览器或电脑上的登录已结束。");
        chromium.screenshot("account.png");
        assertThat(blocked()).isEmpty();
        // The policy is in force, and a refusal would show here: an inline script does not run.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("var s = document.createElement('script'); s.textContent = 'window.inlineRan = true;'; document.head.appendChild(s);");
        assertThat(js.executeScript("return window.inlineRan === true;")).isEqualTo(false);
        assertThat(blocked()).anySatisfy(m -> assertThat(m).contains("Content Security Policy"));

        browser.findElement(By.cssSelector(".who button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        logInExpectingRefusal("clerk-browser", "old-password-1");
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("用户名或密码不正确");
        chromium.logIn("clerk-browser", "new-password-22");
        assertThat(browser.findElement(By.cssSelector(".who strong")).getText()).isEqualTo("clerk-browser");
    }

    @Test
    void anAdminUnlocksALockedUserAndGivesAnotherANewPassword() throws Exception {
        users.create("admin-browser", "admin-password-1", "ADMIN");
        users.create("clerk-locked", "locked-password-1", "VIEWER");
        users.create("clerk-forgot", "forgot-password-1", "VIEWER");
        for (int i = 0; i < 10; i++) {
            assertThat(api("clerk-locked", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        // Locked: the right password is refused on the login page, with the lockout's own words.
        logInExpectingRefusal("clerk-locked", "locked-password-1");
        assertThat(browser.findElement(By.id("login-locked")).getText()).startsWith("账户已锁定，请 15 分钟后（").contains("联系管理员解锁");
        chromium.screenshot("locked.png");

        chromium.logIn("admin-browser", "admin-password-1");
        chromium.get("/console/admin");
        assertThat(browser.findElement(By.cssSelector("#users-table tr[data-user='clerk-locked'] .login-state")).getText()).startsWith("已锁定至");
        browser.findElement(By.id("unlock-clerk-locked")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept(); // console.js's confirm(): the policy let the script run
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash-ok")));
        assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText()).isEqualTo("已解锁用户 clerk-locked，可以立即登录。");
        assertThat(api("clerk-locked", "locked-password-1").statusCode()).isEqualTo(200);

        browser.findElement(By.id("reset-clerk-forgot")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        String generated = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("generated-password-value"))).getText();
        assertThat(browser.findElement(By.id("generated-password")).getText()).contains("clerk-forgot").contains("只显示这一次");
        assertThat(api("clerk-forgot", generated).statusCode()).isEqualTo(200);
        assertThat(api("clerk-forgot", "forgot-password-1").statusCode()).isEqualTo(401);
        chromium.get("/console/admin");
        assertThat(browser.findElements(By.id("generated-password"))).as("shown once").isEmpty();

        // The audit log on the same page, narrowed to one user and one action.
        browser.findElement(By.id("audit-user")).sendKeys("admin-browser");
        new Select(browser.findElement(By.id("audit-action"))).selectByValue("user.unlock");
        browser.findElement(By.id("audit-filter-submit")).click();
        wait.until(ExpectedConditions.urlContains("action=user.unlock"));
        List<String> rows = browser.findElements(By.cssSelector("#audit-table tbody tr")).stream().map(r -> r.getText()).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).contains("admin-browser").contains("解锁账户").contains("解锁用户 clerk-locked");
        chromium.screenshot("admin-audit.png");
        assertThat(blocked()).isEmpty();

        // Swagger UI, a page the console links to, works under its own policy.
        chromium.get("/swagger-ui/index.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
        assertThat(browser.findElement(By.cssSelector(".swagger-ui .info .title")).getText()).contains("预算公开集成中枢 API");
        chromium.screenshot("swagger.png");
        assertThat(blocked()).isEmpty();
    }

    private void changePassword(String current, String replacement, String repeated) {
        browser.findElement(By.id("current-password")).sendKeys(current);
        browser.findElement(By.id("new-password")).sendKeys(replacement);
        browser.findElement(By.id("confirm-password")).sendKeys(repeated);
        browser.findElement(By.id("change-password")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
    }

    private void logInExpectingRefusal(String user, String password) {
        chromium.get("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlMatches("/login\\?(error|locked)$"));
    }

    /** What the browser console says the Content-Security-Policy refused. */
    private List<String> blocked() {
        return chromium.consoleMessages().stream().filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
    }

    private HttpResponse<String> api(String user, String password) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chromium.url("/api/runs"))).header("Authorization", basic)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
