package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven by Selenium, as the console's browser tests use it: a fresh
 * profile, the flags this closed network needs, a login through the console's form, screenshots.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final Path profile;
    private final Path work;
    private final String base;

    /** @param work where the profile and screenshots go; @param port the console's */
    Browser(Path work, int port) {
        assertThat(new File(CHROMIUM).canExecute()).as("Debian's chromium (apt-get install chromium chromium-driver)").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("Debian's chromedriver (apt-get install chromium-driver)").isTrue();
        this.work = work;
        this.base = "http://127.0.0.1:" + port;
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        profile = work.resolve("chromium-profile-" + UUID.randomUUID());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--lang=zh-CN", "--window-size=1280,1800", "--user-data-dir=" + profile);
        // The page's console messages, so a test sees what the Content-Security-Policy blocked.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1800));
    }

    WebDriver driver() {
        return driver;
    }

    String url(String path) {
        return base + path;
    }

    void get(String path) {
        driver.get(url(path));
    }

    void logIn(String user, String password) {
        driver.get(url("/console"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlMatches("/console(\\?.*)?$"));
    }

    /** The browser console's messages since the last call (blocked scripts, styles and frames among them). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(work);
        Files.copy(shot, work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A screenshot to a file of its own, e.g. under target/screenshots/ where a person looks for them. */
    void screenshotTo(Path file) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        service.stop();
        FileSystemUtils.deleteRecursively(profile);
    }
}
