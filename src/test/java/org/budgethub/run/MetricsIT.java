package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import org.budgethub.config.HubInstance;
import org.budgethub.model.Stage;

/**
 * The run metrics, recorded when runs and stages change: by {@link RunMetrics} itself, and by
 * {@link RunHistory} as it writes a hub database migrated by Flyway. Nothing polls: every
 * assertion follows the event it checks at once.
 */
class MetricsIT {

    private static final String ME = "hub-a";

    private JdbcTemplate jdbc;
    private RunHistory history;
    private final TestClock clock = new TestClock();
    private final Instant now = Instant.now();

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        history = new RunHistory(jdbc, new HubInstance(ME));
    }

    @AfterEach
    void drop() {
        jdbc.execute("SHUTDOWN");
    }

    @Test
    void countsTheRunsAndTasksAsTheyStartAndFinish() {
        MeterRegistry registry = new SimpleMeterRegistry();
        RunMetrics metrics = new RunMetrics(registry, clock);

        metrics.runStarted(7);
        metrics.taskFinished("ingest", TaskStatus.DONE, Duration.ofMillis(1200));
        metrics.taskFinished("validate", TaskStatus.DONE, Duration.ofMillis(300));
        metrics.taskFinished("render", TaskStatus.FAILED, Duration.ofMillis(50));
        metrics.taskFinished("ingest", TaskStatus.DONE, Duration.ofMillis(800));

        assertThat(runs(registry, "started")).isEqualTo(1);
        assertThat(runs(registry, "succeeded")).isZero();
        assertThat(registry.get("hub.runs.active").gauge().value()).isEqualTo(1);
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(2);
        assertThat(tasks(registry, "validate", "done")).isEqualTo(1);
        assertThat(tasks(registry, "render", "failed")).isEqualTo(1);
        assertThat(tasks(registry, "publish", "done")).isZero();
        assertThat(registry.get("hub.task.duration").tag("stage", "ingest").timer().count()).isEqualTo(2);
        assertThat(registry.get("hub.task.duration").tag("stage", "ingest").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000);
        assertThat(registry.get("hub.run.duration").timer().count()).isZero();

        metrics.taskFinished("validate", TaskStatus.DONE, Duration.ofMillis(400));
        clock.advance(Duration.ofSeconds(120));
        metrics.runFinished(7, RunStatus.FAILED);

        assertThat(runs(registry, "started")).isEqualTo(1);
        assertThat(runs(registry, "failed")).isEqualTo(1);
        assertThat(registry.get("hub.runs.active").gauge().value()).isZero();
        assertThat(tasks(registry, "validate", "done")).isEqualTo(2);
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(1);
        assertThat(registry.get("hub.run.duration").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(120);
    }

    @Test
    void aFinishedTaskAndAFinishedRunChangeTheCountersAndTimersWhenRunHistoryRecordsThem() {
        MeterRegistry registry = new SimpleMeterRegistry();
        history.setMetrics(new RunMetrics(registry, clock));
        // A run of an earlier process in the table: nothing reads it.
        long old = run(ME, "SUCCEEDED", now.minusSeconds(7200), now.minusSeconds(3600));
        task(old, "101023", "ingest", "DONE", now.minusSeconds(3650), 5000L);

        long run = history.startRun(new RunRequest(2026, "101023", "test"));
        assertThat(runs(registry, "started")).isEqualTo(1);
        assertThat(registry.get("hub.runs.active").gauge().value()).isEqualTo(1);

        long started = history.stageStarted(run, "101023", Stage.INGEST);
        history.stageFinished(run, "101023", Stage.INGEST, started - 1500, TaskStatus.DONE, null, null, null, null);
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(1);
        assertThat(registry.get("hub.task.duration").tag("stage", "ingest").timer().count()).isEqualTo(1);
        assertThat(registry.get("hub.task.duration").tag("stage", "ingest").timer().totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1500);

        clock.advance(Duration.ofSeconds(30));
        history.finishRun(run, true, List.of());
        assertThat(runs(registry, "succeeded")).isEqualTo(1);
        assertThat(registry.get("hub.runs.active").gauge().value()).isZero();
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(1);
        assertThat(registry.get("hub.run.duration").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(30);
    }

    @Test
    void runsRecordedByRunHistoryAreCountedAndARetriedStageCountsEachTimeItFinishes() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        history.setMetrics(new RunMetrics(registry, clock));
        long run = history.startRun(new RunRequest(2026, "101023", "test"));
        history.stageStarted(run, "101023", Stage.INGEST);
        Thread.sleep(5);
        history.stageFinished(run, "101023", Stage.INGEST, TaskStatus.DONE, null, null, null, null);
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(1);

        // The agency is redelivered after a database error: the stage runs again.
        history.stageStarted(run, "101023", Stage.INGEST);
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(1);
        Thread.sleep(5);
        history.stageFinished(run, "101023", Stage.INGEST, TaskStatus.DONE, null, null, null, null);
        history.stageStarted(run, "101023", Stage.PUBLISH);
        history.stageFinished(run, "101023", Stage.PUBLISH, TaskStatus.SKIPPED, null, "not sent: unchanged", null, null);
        history.agencyDone(run, org.budgethub.run.Outcome.NEW_VERSION);
        history.finishRun(run, true, List.of());

        assertThat(runs(registry, "started")).isEqualTo(1);
        assertThat(runs(registry, "succeeded")).isEqualTo(1);
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(2);
        assertThat(tasks(registry, "publish", "skipped")).isEqualTo(1);
        assertThat(registry.get("hub.task.duration").tag("stage", "ingest").timer().count()).isEqualTo(2);
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void theLastSuccessfulRunIsReadFromTheRunTableAtStartAndSetWhenARunSucceeds() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Instant now = clock.instant();
        run(ME, "SUCCEEDED", now.minusSeconds(7200), now.minusSeconds(3600));
        run(ME, "FAILED", now.minusSeconds(1800), now.minusSeconds(600));
        history.setMetrics(new RunMetrics(registry, clock));
        assertThat(registry.get("hub.last.successful.run.timestamp.seconds").gauge().value())
                .isEqualTo(now.minusSeconds(3600).getEpochSecond());

        long failed = history.startRun(new RunRequest(2026, "101023", "test"));
        history.finishRun(failed, false, List.of());
        assertThat(registry.get("hub.last.successful.run.timestamp.seconds").gauge().value())
                .isEqualTo(now.minusSeconds(3600).getEpochSecond());

        long run = history.startRun(new RunRequest(2026, "101023", "test"));
        clock.advance(Duration.ofSeconds(30));
        history.finishRun(run, true, List.of());
        assertThat(registry.get("hub.last.successful.run.timestamp.seconds").gauge().value())
                .isEqualTo(now.plusSeconds(30).getEpochSecond());
    }

    @Test
    void noSuccessfulRunYetIsZero() {
        MeterRegistry registry = new SimpleMeterRegistry();
        history.setMetrics(new RunMetrics(registry, clock));
        assertThat(registry.get("hub.last.successful.run.timestamp.seconds").gauge().value()).isZero();
    }

    @Test
    void aQueuedRunStartsWhenItBeginsAndARunEndedTwiceCountsOnce() {
        MeterRegistry registry = new SimpleMeterRegistry();
        history.setMetrics(new RunMetrics(registry, clock));
        long run = history.queueRun(new RunRequest(2026, "101023", "test"));
        assertThat(runs(registry, "started")).isZero();
        assertThat(registry.get("hub.runs.active").gauge().value()).isZero();

        history.running(run);
        history.running(run);
        assertThat(runs(registry, "started")).isEqualTo(1);
        assertThat(registry.get("hub.runs.active").gauge().value()).isEqualTo(1);

        // The dead-letter end of the run, then the launcher's catch: the second finds it ended.
        history.finishRun(run, RunStatus.FAILED, List.of("x"));
        history.finishRun(run, RunStatus.FAILED, List.of("y"));
        assertThat(runs(registry, "failed")).isEqualTo(1);
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(1);
        assertThat(registry.get("hub.runs.active").gauge().value()).isZero();
    }

    @Test
    void theStagesARunEndCutsOffAreCountedWithTheirStatusButNotTimed() {
        MeterRegistry registry = new SimpleMeterRegistry();
        history.setMetrics(new RunMetrics(registry, clock));
        long run = history.startRun(new RunRequest(2026, "101023", "test"));
        history.stageStarted(run, "101023", Stage.RENDER);
        history.stageStarted(run, "101031", Stage.MODEL);

        history.finishRun(run, RunStatus.INTERRUPTED, List.of());

        assertThat(runs(registry, "interrupted")).isEqualTo(1);
        assertThat(tasks(registry, "render", "interrupted")).isEqualTo(1);
        assertThat(tasks(registry, "model", "interrupted")).isEqualTo(1);
        assertThat(registry.get("hub.task.duration").tag("stage", "render").timer().count()).isZero();
        assertThat(registry.get("hub.run.duration").timer().count()).isZero();
        assertThat(registry.get("hub.runs.active").gauge().value()).isZero();
    }

    @Test
    void aRunThatAnEarlierProcessLeftRunningIsCountedAsInterruptedWhenTheRestartMarksIt() {
        long crashed = run(ME, "RUNNING", now.minusSeconds(3600), null);
        task(crashed, "101023", "ingest", "DONE", now.minusSeconds(3590), 900L);
        task(crashed, "101023", "validate", "RUNNING", null, null);
        long theirs = run("hub-b", "RUNNING", now.minusSeconds(60), null);
        task(theirs, "101023", "ingest", "RUNNING", null, null);
        MeterRegistry registry = new SimpleMeterRegistry();
        history.setMetrics(new RunMetrics(registry, clock));

        assertThat(history.markInterrupted()).isEqualTo(1);

        assertThat(runs(registry, "started")).isZero();
        assertThat(runs(registry, "interrupted")).isEqualTo(1);
        assertThat(tasks(registry, "validate", "interrupted")).isEqualTo(1);
        assertThat(tasks(registry, "ingest", "done")).isZero();
        assertThat(tasks(registry, "ingest", "interrupted")).isZero();
        assertThat(registry.get("hub.run.duration").timer().count()).isZero();
        assertThat(registry.get("hub.task.duration").tag("stage", "validate").timer().count()).isZero();
    }

    @Test
    void manyRunsAreEachCountedOnce() {
        MeterRegistry registry = new SimpleMeterRegistry();
        history.setMetrics(new RunMetrics(registry, clock));
        for (int i = 0; i < 60; i++) {
            long run = history.startRun(new RunRequest(2026, "a" + i, "test"));
            long started = history.stageStarted(run, "a" + i, Stage.PUBLISH);
            history.stageFinished(run, "a" + i, Stage.PUBLISH, started, TaskStatus.DONE, null, null, null, null);
            history.finishRun(run, true, List.of());
        }

        assertThat(runs(registry, "started")).isEqualTo(60);
        assertThat(runs(registry, "succeeded")).isEqualTo(60);
        assertThat(tasks(registry, "publish", "done")).isEqualTo(60);
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(60);
        assertThat(registry.get("hub.runs.active").gauge().value()).isZero();
    }

    @Test
    void thePrometheusExpositionNamesTheHubMetrics() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunMetrics metrics = new RunMetrics(prometheus, clock);
        metrics.runStarted(1);
        metrics.taskFinished("ingest", TaskStatus.DONE, Duration.ofMillis(1200));
        metrics.taskFinished("publish", TaskStatus.FAILED, Duration.ofMillis(2500));
        clock.advance(Duration.ofSeconds(90));
        metrics.runFinished(1, RunStatus.FAILED);

        String text = prometheus.scrape();

        assertThat(text).contains("# TYPE hub_runs_total counter")
                .contains("hub_runs_total{status=\"started\"} 1.0")
                .contains("hub_runs_total{status=\"failed\"} 1.0")
                .contains("hub_runs_total{status=\"succeeded\"} 0.0")
                .contains("hub_tasks_total{stage=\"ingest\",status=\"done\"} 1.0")
                .contains("hub_tasks_total{stage=\"publish\",status=\"failed\"} 1.0")
                .contains("# TYPE hub_task_duration_seconds histogram")
                .contains("hub_task_duration_seconds_count{stage=\"ingest\"} 1")
                .contains("hub_task_duration_seconds_sum{stage=\"ingest\"} 1.2")
                .contains("hub_task_duration_seconds_bucket{stage=\"publish\",le=\"5.0\"} 1")
                .contains("hub_task_duration_seconds_bucket{stage=\"publish\",le=\"2.0\"} 0")
                .contains("# TYPE hub_run_duration_seconds histogram")
                .contains("hub_run_duration_seconds_count 1")
                .contains("hub_run_duration_seconds_sum 90.0")
                .contains("# TYPE hub_runs_active gauge")
                .contains("hub_runs_active 0.0");
    }

    private static double runs(MeterRegistry registry, String status) {
        return registry.get("hub.runs").tag("status", status).counter().count();
    }

    private static double tasks(MeterRegistry registry, String stage, String status) {
        return registry.get("hub.tasks").tag("stage", stage).tag("status", status).counter().count();
    }

    private long run(String owner, String status, Instant started, Instant finished) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var s = c.prepareStatement("INSERT INTO run (fiscal_year, scope, triggered_by, owner, status, started_at, updated_at, finished_at) "
                    + "VALUES (2026, 'ALL', 'test', ?, ?, ?, ?, ?)", new String[] {"id"});
            s.setString(1, owner);
            s.setString(2, status);
            s.setTimestamp(3, Timestamp.from(started));
            s.setTimestamp(4, Timestamp.from(finished == null ? started : finished));
            s.setTimestamp(5, finished == null ? null : Timestamp.from(finished));
            return s;
        }, key);
        return key.getKey().longValue();
    }

    /** A task row as an earlier process left it. */
    private void task(long run, String agency, String stage, String status, Instant finished, Long durationMs) {
        Instant started = finished == null ? now : finished.minusMillis(durationMs);
        jdbc.update("INSERT INTO task (run_id, agency_code, stage, status, started_at, finished_at, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                run, agency, stage, status, Timestamp.from(started), finished == null ? null : Timestamp.from(finished), durationMs);
    }

    /** A time that stands still until the test moves it on: the runs' durations are exact. */
    private static final class TestClock extends Clock {
        private Instant instant = Instant.parse("2026-03-01T02:00:00Z");

        void advance(Duration by) {
            instant = instant.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
