package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

import org.budgethub.config.Departments;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.FinanceDatabase;

/**
 * The export command starts what its pipeline uses and nothing else (issue 20, cold start): its context,
 * started as the command starts it, has no web server, console, API, security, embedded CMS (SFTP server),
 * Quartz scheduler, broker (Artemis), metrics, health indicators, task executors or start-up runners, and
 * its Camel context only the routes of an export, every one of them fed by a direct: endpoint (no timer,
 * Quartz, seda, JMS or SFTP). A run of the seed through it starts none of their threads either. The time
 * it saves is measured, not asserted here: README, "The export command".
 */
class ExportScopeIT {

    /** Threads of what an export must not start: Quartz, sshd, Artemis, Tomcat, Camel's timers and seda, Spring's task pools. */
    private static final Pattern NOT_IN_AN_EXPORT = Pattern.compile(
            "(?i).*(quartz|_Worker-|sshd|nio2|activemq|artemis|http-nio|tomcat|timer:|seda:|jms|scheduling-|task-\\d).*");

    /** The routes an export goes through: the run, its dispatch, the batch, the agency, the local publish and their dead-letter ends. */
    private static final Set<String> EXPORT_ROUTES = Set.of("disclosure-run", "dispatch-agency", "disclosure-agency-batch",
            "disclosure-agency", "publish-local", "run-failed", "agency-batch-failed", "agency-failed");

    private static FinanceDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSeed() {
        db = FinanceDatabase.create("demo/seed-unit.sql");
    }

    @Test
    void theExportsContextHoldsThePipelineAndNothingElse() throws Exception {
        Path narratives = Files.createDirectories(dir.resolve("narratives"));
        Files.copy(ExportScopeIT.class.getResourceAsStream("/seed/101023-2026.yaml"), narratives.resolve("101023.yaml"));
        ExportCommand.Arguments arguments = ExportCommand.parse(new String[] {"--finance-url=" + db.jdbcUrl(),
                "--finance-user=postgres", "--finance-password=postgres", "--year=2026", "--agency=101023",
                "--narratives=" + narratives, "--out=" + dir.resolve("out")});
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Path hubDatabase = Files.createDirectories(dir.resolve("hub"));
        try (ConfigurableApplicationContext context = ExportCommand.start(arguments, hubDatabase)) {
            assertThat(context.getEnvironment().getActiveProfiles()).contains(ExportScope.PROFILE);
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeansWithAnnotation(Controller.class)).as("console and API controllers").isEmpty();
            assertThat(context.getBeansWithAnnotation(ControllerAdvice.class)).isEmpty();
            for (String type : new String[] {
                    "org.budgethub.demo.EmbeddedSftpServer",
                    "org.quartz.Scheduler",
                    "org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ",
                    "jakarta.jms.ConnectionFactory",
                    "io.micrometer.core.instrument.MeterRegistry",
                    "org.springframework.boot.actuate.health.HealthContributor",
                    "org.springframework.security.web.SecurityFilterChain",
                    "org.springframework.security.core.userdetails.UserDetailsService",
                    "org.springframework.security.crypto.password.PasswordEncoder",
                    "org.springframework.scheduling.TaskScheduler",
                    "org.springframework.core.task.TaskExecutor",
                    "com.fasterxml.jackson.databind.ObjectMapper",
                    "org.thymeleaf.ITemplateEngine"}) {
                assertThat(context.getBeanNamesForType(Class.forName(type))).as(type).isEmpty();
            }
            assertThat(context.getBeanNamesForType(ApplicationRunner.class)).as("start-up recovery, user bootstrap").isEmpty();
            assertThat(context.getBeanNamesForType(CommandLineRunner.class)).isEmpty();

            CamelContext camel = context.getBean(CamelContext.class);
            assertThat(camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet())).isEqualTo(EXPORT_ROUTES);
            assertThat(camel.getRoutes()).allSatisfy(r -> assertThat(r.getEndpoint().getEndpointUri()).startsWith("direct:"));
            for (String component : new String[] {"timer", "quartz", "seda", "sftp"}) {
                assertThat(camel.hasComponent(component)).as(component).isNull();
            }

            RunReport report = context.getBean(ProducerTemplate.class).requestBody("direct:run",
                    new RunRequest(2026, "101023", "export").withDepartments(Departments.NONE).withFull(true), RunReport.class);
            assertThat(report.succeeded()).as(report.summary()).isTrue();
            assertThat(dir.resolve("out/2026/101023/disclosure.json")).exists();

            Set<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                    .map(Thread::getName).collect(Collectors.toSet());
            assertThat(started).as("threads the export started").noneMatch(n -> NOT_IN_AN_EXPORT.matcher(n).matches());
        }
    }
}
