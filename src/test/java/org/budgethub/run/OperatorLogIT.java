package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import org.budgethub.HubApplication;
import org.budgethub.cli.Main;
import org.budgethub.config.LogContext;
import org.budgethub.review.ReleaseService;

/**
 * What the operators of a finance bureau read in the hub's log is Chinese, and says which run and
 * agency it is about. The demo as {@code java -jar} starts it (profile demo, the jar's main class, the
 * first run at start-up, the embedded CMS), then a reviewer approves a version and it goes to the CMS.
 * Everything the hub's own loggers ({@code org.budgethub}) write at INFO and above is captured from the
 * moment logging is set up; framework lines (Spring, Camel, Hikari, Flyway) are not the hub's.
 */
class OperatorLogIT {

    private static final Path WORK = Path.of("target/operator-log-test").toAbsolutePath();
    /** A CJK Unified Ideograph: the line says something in Chinese. */
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    /** The journey's progress line names the agency after its count: "[3/8] 101031 …". */
    private static final Pattern JOURNEY_LINE = Pattern.compile("^\\[\\d+/\\d+] (\\d+) .*");
    /**
     * Lines of the hub that may stay without Chinese, each with its reason. None: every line the hub
     * logs for operators at INFO and above is a Chinese sentence (codes, ids and paths inside it as they are).
     */
    private static final Set<String> ENGLISH_ALLOWED = Set.of();

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static ConfigurableApplicationContext hub;
    private static List<ILoggingEvent> startUp;

    @BeforeAll
    static void startTheDemoAndApproveAVersion() throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        // Spring Boot sets logging up when the environment is ready: the appender goes on right after.
        ApplicationListener<ApplicationEnvironmentPreparedEvent> capture = event -> {
            Logger hubLoggers = (Logger) LoggerFactory.getLogger("org.budgethub");
            LOG.setContext(hubLoggers.getLoggerContext());
            LOG.start();
            hubLoggers.addAppender(LOG);
        };
        hub = new SpringApplicationBuilder(HubApplication.class).main(Main.class).listeners(capture).run(
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--hub.cms.port=0",
                "--hub.cms.embedded.root=" + WORK.resolve("cms"),
                "--hub.cms.embedded.keys-dir=" + WORK.resolve("keys"),
                "--hub.cms.private-key-file=" + WORK.resolve("keys/hub_ecdsa"),
                "--hub.cms.known-hosts-file=" + WORK.resolve("keys/known_hosts"),
                "--hub.console.initial-passwords-file=" + WORK.resolve("initial-passwords.txt"),
                "--spring.datasource.url=jdbc:h2:mem:operator-log-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        // The demo's first run is over when the application has started (it runs on ApplicationReadyEvent).
        startUp = events();
        hub.getBean(ReleaseService.class).approve(2026, "101023", "reviewer");
        // The approved version goes to the CMS in the background: the publisher says when it is there.
        Await.until(() -> events().stream().skip(startUp.size()).filter(e -> e.getLoggerName().endsWith(".Publisher")).findFirst(), 60);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        ((Logger) LoggerFactory.getLogger("org.budgethub")).detachAppender(LOG);
    }

    @Test
    void everyLineTheHubLogsAtStartUpInTheFirstRunAndOnReleaseIsChinese() {
        List<ILoggingEvent> lines = hubLines(events());
        List<String> english = lines.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> !CHINESE.matcher(m).find()).filter(m -> ENGLISH_ALLOWED.stream().noneMatch(m::startsWith)).toList();
        long chinese = lines.stream().filter(e -> CHINESE.matcher(e.getFormattedMessage()).find()).count();
        System.out.println("org.budgethub INFO+ lines at start-up and the first run: " + hubLines(startUp).size() + ", Chinese: "
                + hubLines(startUp).stream().filter(e -> CHINESE.matcher(e.getFormattedMessage()).find()).count());
        System.out.println("org.budgethub INFO+ lines in all (with the review and release): " + lines.size() + ", Chinese: " + chinese);

        assertThat(hubLines(startUp)).as("the start-up and the first run log something").hasSizeGreaterThan(20);
        english.forEach(m -> System.out.println("  without Chinese: " + m));
        assertThat(english).as("lines of org.budgethub without Chinese").isEmpty();
    }

    @Test
    void linesLoggedInsideAnAgencysWorkCarryTheRunAndTheAgency() {
        List<ILoggingEvent> journeys = startUp.stream().filter(e -> e.getLoggerName().endsWith(".AgencyJourney")).toList();
        assertThat(journeys).as("one line per unit and department of the demo").hasSize(8);
        String run = journeys.get(0).getMDCPropertyMap().get(LogContext.RUN);
        assertThat(run).as("the run's number").matches("\\d+");
        for (ILoggingEvent e : journeys) {
            var m = JOURNEY_LINE.matcher(e.getFormattedMessage());
            assertThat(m.matches()).as(e.getFormattedMessage()).isTrue();
            assertThat(e.getMDCPropertyMap()).as(e.getFormattedMessage())
                    .containsEntry(LogContext.RUN, run)
                    .containsEntry(LogContext.AGENCY, m.group(1));
        }
        // The agencies go through on the agencies' pool, not the thread that started the run: the keys crossed over.
        assertThat(journeys).extracting(ILoggingEvent::getThreadName).allMatch(t -> t.startsWith("agency-"));
        // The publish stage's own line (another bean, the same agency's work) carries them too.
        List<ILoggingEvent> built = startUp.stream().filter(e -> e.getLoggerName().endsWith(".Publisher")).toList();
        assertThat(built).hasSize(8).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                .containsEntry(LogContext.RUN, run)
                .containsEntry(LogContext.AGENCY, e.getFormattedMessage().split(" ")[2]));
        // The run's own lines (begin, plan, finish), also after the split, carry the run alone.
        List<ILoggingEvent> runLines = startUp.stream()
                .filter(e -> e.getLoggerName().endsWith(".RunService") || e.getLoggerName().endsWith(".IncrementalSync")).toList();
        assertThat(runLines).hasSizeGreaterThanOrEqualTo(4).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                .as(e.getFormattedMessage()).containsEntry(LogContext.RUN, run).doesNotContainKey(LogContext.AGENCY));
        // Outside a run, nothing: the start-up's lines carry neither key.
        assertThat(startUp.stream().filter(e -> e.getLoggerName().endsWith(".DemoCmsConfiguration")))
                .isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKeys(LogContext.RUN, LogContext.AGENCY));
    }

    @Test
    void theReviewAndTheReleaseOfAVersionCarryItsAgency() {
        List<ILoggingEvent> review = events().stream().skip(startUp.size()).filter(e -> e.getLoggerName().endsWith(".ReleaseService")
                || e.getLoggerName().endsWith(".Publisher")).toList();
        assertThat(review).hasSizeGreaterThanOrEqualTo(2).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                .as(e.getFormattedMessage()).containsEntry(LogContext.AGENCY, "101023"));
    }

    /** What the hub's loggers wrote at INFO and above. */
    private static List<ILoggingEvent> hubLines(List<ILoggingEvent> events) {
        List<ILoggingEvent> lines = new ArrayList<>();
        for (ILoggingEvent e : events) {
            if (e.getLevel().isGreaterOrEqual(Level.INFO) && e.getLoggerName().startsWith("org.budgethub")) {
                lines.add(e);
            }
        }
        return lines;
    }

    /** Everything captured so far (the appender takes events under its own lock). */
    private static List<ILoggingEvent> events() {
        synchronized (LOG) {
            return List.copyOf(LOG.list);
        }
    }
}
