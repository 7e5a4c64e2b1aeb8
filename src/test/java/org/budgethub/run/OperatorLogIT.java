package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import org.budgethub.config.LogContext;

/**
 * What the operators of a finance bureau read in the hub's log is Chinese, and says which run and
 * agency it is about. The demo is started as {@code java -jar} starts it (the jar's main class, profile
 * demo, the first run at start-up, the embedded CMS) in a JVM of its own, so that no other test's hub
 * logs into what is read here; a reviewer then approves a version through the API and it goes to the
 * CMS. The hub logs JSON (logging.structured.format.console=ecs, as README's "Logs" says): one object a
 * line, with the logger, the level, the thread and the MDC keys as fields. Everything the hub's own
 * loggers ({@code org.budgethub}) write at INFO and above is checked; framework lines (Spring, Camel,
 * Hikari, Flyway) are not the hub's.
 */
class OperatorLogIT {

    private static final Path WORK = Path.of("target/operator-log-test").toAbsolutePath();
    private static final String ADMIN_PASSWORD = "Operator-log-2026";
    /** A CJK Unified Ideograph: the line says something in Chinese. */
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    /** The journey's progress line names the agency after its count: "[3/8] 101031 …". */
    private static final Pattern JOURNEY_LINE = Pattern.compile("^\\[\\d+/\\d+] (\\d+) .*");
    private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");
    /**
     * Lines of the hub that may stay without Chinese, each with its reason. None: every line the hub
     * logs for operators at INFO and above is a Chinese sentence (codes, ids and paths inside it as they are).
     */
    private static final Set<String> ENGLISH_ALLOWED = Set.of();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process hub;
    /** Every line of the hub's log, to its end. */
    private static List<JsonNode> log;
    /** The lines up to the end of the first run (the demo's start-up export). */
    private static List<JsonNode> startUp;

    @BeforeAll
    static void startTheDemoApproveAVersionAndStop() throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Path out = WORK.resolve("hub.log.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + WORK, "-cp", System.getProperty("java.class.path"), "org.budgethub.cli.Main",
                "--spring.profiles.active=demo",
                "--logging.structured.format.console=ecs",
                "--logging.charset.console=UTF-8",
                "--server.port=0",
                "--hub.cms.port=0",
                "--hub.cms.embedded.root=" + WORK.resolve("cms"),
                "--hub.cms.embedded.keys-dir=" + WORK.resolve("keys"),
                "--hub.cms.private-key-file=" + WORK.resolve("keys/hub_ecdsa"),
                "--hub.cms.known-hosts-file=" + WORK.resolve("keys/known_hosts"),
                "--hub.console.initial-passwords-file=" + WORK.resolve("initial-passwords.txt"),
                "--spring.datasource.url=jdbc:h2:mem:operator-log-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("HUB_CONSOLE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        hub = builder.start();
        // The demo's first run is over when the start-up export says so.
        List<JsonNode> lines = until(out, l -> logger(l).endsWith(".DemoExport"), 240);
        startUp = List.copyOf(lines);
        int port = lines.stream().map(l -> TOMCAT_PORT.matcher(l.path("message").asText())).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
        HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/reviews/2026/101023/approve"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \"张三\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        // The approved version goes to the CMS in the background: the publisher says when it is there.
        until(out, l -> logger(l).endsWith(".Publisher") && message(l).contains("已发送至"), 60);
        hub.destroy();
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).as("the hub stops on SIGTERM").isTrue();
        log = read(out);
    }

    @AfterAll
    static void stop() {
        if (hub != null && hub.isAlive()) {
            hub.destroyForcibly();
        }
    }

    @Test
    void everyLineTheHubLogsAtStartUpInTheFirstRunOnReleaseAndOnStoppingIsChinese() {
        List<JsonNode> lines = hubLines(log);
        List<String> english = lines.stream().map(OperatorLogIT::message).filter(m -> !CHINESE.matcher(m).find())
                .filter(m -> ENGLISH_ALLOWED.stream().noneMatch(m::startsWith)).toList();
        System.out.println("org.budgethub INFO+ lines at start-up and the first run: " + hubLines(startUp).size() + ", Chinese: "
                + hubLines(startUp).stream().filter(l -> CHINESE.matcher(message(l)).find()).count());
        System.out.println("org.budgethub INFO+ lines in all (with the review, the release and the stop): " + lines.size() + ", Chinese: "
                + lines.stream().filter(l -> CHINESE.matcher(message(l)).find()).count());
        english.forEach(m -> System.out.println("  without Chinese: " + m));

        assertThat(hubLines(startUp)).as("the start-up and the first run log something").hasSizeGreaterThan(20);
        assertThat(hubLines(startUp)).as("Spring Boot's own start-up lines are the hub's, in Chinese")
                .anySatisfy(l -> assertThat(message(l)).startsWith("中枢启动中："))
                .anySatisfy(l -> assertThat(message(l)).startsWith("中枢已启动，用时"));
        assertThat(english).as("lines of org.budgethub without Chinese").isEmpty();
    }

    @Test
    void linesLoggedInsideAnAgencysWorkCarryTheRunAndTheAgency() {
        List<JsonNode> journeys = startUp.stream().filter(l -> logger(l).endsWith(".AgencyJourney")).toList();
        assertThat(journeys).as("one line per unit and department of the demo").hasSize(8);
        String run = journeys.get(0).path(LogContext.RUN).asText();
        assertThat(run).as("the run's number").matches("\\d+");
        for (JsonNode l : journeys) {
            Matcher m = JOURNEY_LINE.matcher(message(l));
            assertThat(m.matches()).as(message(l)).isTrue();
            assertThat(l.path(LogContext.RUN).asText()).as(message(l)).isEqualTo(run);
            assertThat(l.path(LogContext.AGENCY).asText()).as(message(l)).isEqualTo(m.group(1));
        }
        // The agencies go through on the agencies' pool, not the thread that started the run: the keys crossed over.
        assertThat(journeys).extracting(OperatorLogIT::thread).allMatch(t -> t.startsWith("agency-"));
        // The publish stage's own line (another bean, the same agency's work) carries them too: "2026 年 101023 第 1 版已生成，待审核".
        List<JsonNode> built = startUp.stream().filter(l -> logger(l).endsWith(".Publisher")).toList();
        assertThat(built).hasSize(8).allSatisfy(l -> {
            assertThat(l.path(LogContext.RUN).asText()).as(message(l)).isEqualTo(run);
            assertThat(l.path(LogContext.AGENCY).asText()).as(message(l)).isEqualTo(message(l).split(" ")[2]);
        });
        // The run's own lines (begin, plan, sync record, finish; some after the split, on its threads) carry the run alone.
        List<JsonNode> runLines = startUp.stream()
                .filter(l -> logger(l).endsWith(".RunService") || logger(l).endsWith(".IncrementalSync")).toList();
        assertThat(runLines).hasSizeGreaterThanOrEqualTo(4).allSatisfy(l -> {
            assertThat(l.path(LogContext.RUN).asText()).as(message(l)).isEqualTo(run);
            assertThat(l.has(LogContext.AGENCY)).as(message(l)).isFalse();
        });
        // Outside a run, neither: the start-up's own lines.
        assertThat(startUp.stream().filter(l -> logger(l).endsWith(".DemoCmsConfiguration") || logger(l).endsWith(".HubApplication")))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(l -> assertThat(l.has(LogContext.RUN) || l.has(LogContext.AGENCY)).as(message(l)).isFalse());
    }

    @Test
    void theReviewAndTheReleaseOfAVersionCarryItsAgency() {
        List<JsonNode> review = log.stream().skip(startUp.size())
                .filter(l -> logger(l).endsWith(".ReleaseService") || logger(l).endsWith(".Publisher")).toList();
        assertThat(review).extracting(OperatorLogIT::message)
                .anySatisfy(m -> assertThat(m).startsWith("2026 年 101023 第 1 版已由 admin 批准"))
                .anySatisfy(m -> assertThat(m).startsWith("2026 年 101023 第 1 版已发送至 sftp://"));
        assertThat(review).allSatisfy(l -> assertThat(l.path(LogContext.AGENCY).asText()).as(message(l)).isEqualTo("101023"));
    }

    /** What the hub's loggers wrote at INFO and above. */
    private static List<JsonNode> hubLines(List<JsonNode> lines) {
        return lines.stream().filter(l -> logger(l).startsWith("org.budgethub"))
                .filter(l -> Set.of("INFO", "WARN", "ERROR").contains(l.path("log").path("level").asText())).toList();
    }

    /** The hub's log up to the first line that matches, read again as it grows. */
    private static List<JsonNode> until(Path out, Predicate<JsonNode> line, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            List<JsonNode> lines = read(out);
            for (int i = 0; i < lines.size(); i++) {
                if (line.test(lines.get(i))) {
                    return lines.subList(0, i + 1);
                }
            }
            assertThat(hub.isAlive()).as("the hub is running; its log: " + out).isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("not in the hub's log within " + seconds + " s: " + out);
    }

    /** The JSON lines of the log (a line being written, or any other output, is skipped). */
    private static List<JsonNode> read(Path out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines().toList()) {
            if (text.startsWith("{") && text.endsWith("}")) {
                try {
                    lines.add(JSON.readTree(text));
                } catch (IOException notWhole) {
                    // the last line, half written
                }
            }
        }
        return lines;
    }

    private static String logger(JsonNode line) {
        return line.path("log").path("logger").asText();
    }

    private static String message(JsonNode line) {
        return line.path("message").asText();
    }

    private static String thread(JsonNode line) {
        return line.path("process").path("thread").path("name").asText();
    }
}
