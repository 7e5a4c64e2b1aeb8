package org.budgethub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The field's own checkers of a published package, run from the tests as the website team would run
 * them: the Nu Html Checker (npm vnu-jar), axe-core (npm) in Debian's headless Chromium, the
 * Frictionless datapackage library (npm) and qpdf (Debian). The npm packages live in one folder,
 * {@code target/node-tools} unless {@value #TOOLS_PROPERTY} names another; {@code .ci/run} installs
 * them there. A missing tool fails the test that needs it: CI installs them all.
 */
public final class PackageCheckers {

    public static final String TOOLS_PROPERTY = "hub.test.node-tools";

    /** What installs the npm tools: the line of {@code .ci/run}. */
    public static final String NPM_INSTALL = "npm install --prefix target/node-tools --no-save --ignore-scripts "
            + "vnu-jar@26.9.27 axe-core@4.14.1 datapackage@1.1.10";

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private PackageCheckers() {
    }

    /** A finished process: its exit code and what it printed. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Path nodeModules() {
        Path modules = Path.of(System.getProperty(TOOLS_PROPERTY, "target/node-tools")).toAbsolutePath().resolve("node_modules");
        assertThat(modules).as("the npm checkers (%s, as .ci/run does)", NPM_INSTALL).isDirectory();
        return modules;
    }

    public static Path vnuJar() {
        return existing(nodeModules().resolve("vnu-jar/build/dist/vnu.jar"));
    }

    public static Path axeScript() {
        return existing(nodeModules().resolve("axe-core/axe.min.js"));
    }

    /** The Nu Html Checker's errors for {@code html}, one line each: none for a valid page. */
    public static Result nuChecker(Path html) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return run(List.of(java, "-jar", vnuJar().toString(), "--errors-only", html.toString()), Map.of(), 180);
    }

    /** {@code node -e script args…} with the npm checkers on the module path. */
    public static Result node(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(executable("node"), "-e", script, "--"));
        command.addAll(List.of(args));
        return run(command, Map.of("NODE_PATH", nodeModules().toString()), 180);
    }

    public static Result qpdfCheck(Path pdf) {
        return run(List.of(executable("qpdf"), "--check", pdf.toString()), Map.of(), 120);
    }

    /**
     * Debian's headless Chromium through chromedriver, with the flags a closed network needs. With a
     * {@code phoneWidth} it emulates a phone of that many CSS pixels (a mobile viewport).
     */
    public static ChromeDriver chromium(Path profile, Integer phoneWidth) {
        assertThat(new File(CHROMIUM).canExecute()).as("Debian's chromium (apt-get install chromium chromium-driver)").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("Debian's chromedriver (apt-get install chromium-driver)").isTrue();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--lang=zh-CN", "--window-size=1280,1024", "--user-data-dir=" + profile);
        if (phoneWidth != null) {
            options.setExperimentalOption("mobileEmulation",
                    Map.of("deviceMetrics", Map.of("width", phoneWidth, "height", 844, "pixelRatio", 3.0, "mobile", true)));
        }
        return new ChromeDriver(service, options);
    }

    private static Path existing(Path file) {
        assertThat(file).as("%s (%s, as .ci/run does)", file.getFileName(), NPM_INSTALL).isRegularFile();
        return file;
    }

    private static String executable(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return name;
    }

    private static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("checker", ".out");
            Path err = Files.createTempFile("checker", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    throw new AssertionError(command.get(0) + " is needed for this check (.ci/run installs it): " + e.getMessage(), e);
                }
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
