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

/** The run metrics against a hub database migrated by Flyway, with run and task rows as RunHistory writes them. */
class MetricsTest {

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
    void countsTheRunsAndTasksOfThisInstanceFromItsStartOnly() {
        // An earlier process's run, and another instance's run: neither is this process's to count.
        long old = run(ME, "SUCCEEDED", now.minusSeconds(7200), now.minusSeconds(3600));
        task(old, "101023", "ingest", "DONE", now.minusSeconds(3650), 5000L);
        long theirs = run("hub-b", "RUNNING", now.minusSeconds(60), null);
        task(theirs, "101023", "ingest", "DONE", now.minusSeconds(50), 700L);
        MeterRegistry registry = new SimpleMeterRegistry();
        RunHistoryMetrics metrics = metrics(registry, now.minusSeconds(600));

        long mine = run(ME, "RUNNING", now.minusSeconds(120), null);
        task(mine, "101023", "ingest", "DONE", now.minusSeconds(110), 1200L);
        task(mine, "101023", "validate", "DONE", now.minusSeconds(109), 300L);
        task(mine, "101023", "render", "FAILED", now.minusSeconds(108), 50L);
        task(mine, "101031", "ingest", "DONE", now.minusSeconds(100), 800L);
        task(mine, "101031", "validate", "RUNNING", null, null);
        metrics.poll();
        metrics.poll();

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

        task(mine, "101031", "validate", "DONE", now.minusSeconds(5), 400L);
        jdbc.update("UPDATE run SET status = 'FAILED', finished_at = ? WHERE id = ?", Timestamp.from(now), mine);
        metrics.poll();
        metrics.poll();

        assertThat(runs(registry, "started")).isEqualTo(1);
        assertThat(runs(registry, "failed")).isEqualTo(1);
        assertThat(registry.get("hub.runs.active").gauge().value()).isZero();
        assertThat(tasks(registry, "validate", "done")).isEqualTo(2);
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(1);
        assertThat(registry.get("hub.run.duration").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(120);
    }

    @Test
    void runsRecordedByRunHistoryAreCountedAndARetriedStageCountsEachTimeItFinishes() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        RunHistoryMetrics metrics = metrics(registry, RunHistoryMetrics.now(Clock.systemUTC()));
        long run = history.startRun(new RunRequest(2026, "101023", "test"));
        history.stageStarted(run, "101023", Stage.INGEST);
        Thread.sleep(5);
        history.stageFinished(run, "101023", Stage.INGEST, TaskStatus.DONE, null, null, null, null);
        metrics.poll();
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(1);

        // The agency is redelivered after a database error: the stage runs again.
        history.stageStarted(run, "101023", Stage.INGEST);
        metrics.poll();
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(1);
        Thread.sleep(5);
        history.stageFinished(run, "101023", Stage.INGEST, TaskStatus.DONE, null, null, null, null);
        history.stageStarted(run, "101023", Stage.PUBLISH);
        history.stageFinished(run, "101023", Stage.PUBLISH, TaskStatus.SKIPPED, null, "not sent: unchanged", null, null);
        history.agencyDone(run, org.budgethub.run.Outcome.NEW_VERSION);
        history.finishRun(run, true, List.of());
        metrics.poll();
        metrics.poll();

        assertThat(runs(registry, "started")).isEqualTo(1);
        assertThat(runs(registry, "succeeded")).isEqualTo(1);
        assertThat(tasks(registry, "ingest", "done")).isEqualTo(2);
        assertThat(tasks(registry, "publish", "skipped")).isEqualTo(1);
        assertThat(registry.get("hub.task.duration").tag("stage", "ingest").timer().count()).isEqualTo(2);
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void aRunThatAnEarlierProcessLeftRunningIsCountedAsInterruptedWhenTheRestartMarksIt() {
        long crashed = run(ME, "RUNNING", now.minusSeconds(3600), null);
        task(crashed, "101023", "ingest", "DONE", now.minusSeconds(3590), 900L);
        task(crashed, "101023", "validate", "RUNNING", null, null);
        MeterRegistry registry = new SimpleMeterRegistry();
        RunHistoryMetrics metrics = metrics(registry, RunHistoryMetrics.now(Clock.systemUTC()));
        metrics.poll();

        assertThat(history.markInterrupted()).isEqualTo(1);
        metrics.poll();

        assertThat(runs(registry, "started")).isZero();
        assertThat(runs(registry, "interrupted")).isEqualTo(1);
        assertThat(tasks(registry, "validate", "interrupted")).isEqualTo(1);
        assertThat(tasks(registry, "ingest", "done")).isZero();
        assertThat(registry.get("hub.run.duration").timer().count()).isZero();
        assertThat(registry.get("hub.task.duration").tag("stage", "validate").timer().count()).isZero();
    }

    @Test
    void aTaskCommittedLateWithAnEarlierFinishTimeIsCountedOnce() {
        MeterRegistry registry = new SimpleMeterRegistry();
        RunHistoryMetrics metrics = metrics(registry, now.minusSeconds(600));
        long run = run(ME, "RUNNING", now.minusSeconds(100), null);
        task(run, "101023", "ingest", "DONE", now, 1000L);
        metrics.poll();
        // Another worker stamped its row earlier but committed it after the poll.
        task(run, "101031", "ingest", "DONE", now.minusSeconds(20), 1000L);
        metrics.poll();
        metrics.poll();

        assertThat(tasks(registry, "ingest", "done")).isEqualTo(2);
    }

    @Test
    void manyRunsOverTimeAreEachCountedOnceWhileTheWindowMovesOn() {
        MeterRegistry registry = new SimpleMeterRegistry();
        RunHistoryMetrics metrics = metrics(registry, now.minusSeconds(600));
        for (int i = 0; i < 60; i++) {
            long mine = run(ME, "RUNNING", now.minusSeconds(300 - i), null);
            task(mine, "a" + i, "publish", "DONE", now.minusSeconds(299 - i), 10L);
            run("hub-b", "SUCCEEDED", now.minusSeconds(300 - i), now.minusSeconds(299 - i));
            jdbc.update("UPDATE run SET status = 'SUCCEEDED', finished_at = ? WHERE id = ?", Timestamp.from(now.minusSeconds(299 - i)), mine);
            if (i % 7 == 0) {
                metrics.poll();
                clock.advance(Duration.ofSeconds(30));
            }
        }
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            metrics.poll();
        }

        assertThat(runs(registry, "started")).isEqualTo(60);
        assertThat(runs(registry, "succeeded")).isEqualTo(60);
        assertThat(tasks(registry, "publish", "done")).isEqualTo(60);
        assertThat(registry.get("hub.run.duration").timer().count()).isEqualTo(60);
    }

    @Test
    void thePrometheusExpositionNamesTheHubMetrics() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunHistoryMetrics metrics = metrics(prometheus, now.minusSeconds(600));
        long run = run(ME, "RUNNING", now.minusSeconds(90), null);
        task(run, "101023", "ingest", "DONE", now.minusSeconds(80), 1200L);
        task(run, "101023", "publish", "FAILED", now.minusSeconds(1), 2500L);
        jdbc.update("UPDATE run SET status = 'FAILED', finished_at = ? WHERE id = ?", Timestamp.from(now), run);
        metrics.poll();

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
                .contains("hub_runs_active 0.0");
    }

    private RunHistoryMetrics metrics(MeterRegistry registry, Instant since) {
        return new RunHistoryMetrics(jdbc, ME, registry, since, clock, Duration.ofSeconds(5));
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

    /** A task row as RunHistory leaves it; an existing (run, agency, stage) row is updated, as a retry does. */
    private void task(long run, String agency, String stage, String status, Instant finished, Long durationMs) {
        Instant started = finished == null ? now : finished.minusMillis(durationMs);
        Timestamp finishedAt = finished == null ? null : Timestamp.from(finished);
        int updated = jdbc.update("UPDATE task SET status = ?, finished_at = ?, duration_ms = ? WHERE run_id = ? AND agency_code = ? AND stage = ?",
                status, finishedAt, durationMs, run, agency, stage);
        if (updated == 0) {
            jdbc.update("INSERT INTO task (run_id, agency_code, stage, status, started_at, finished_at, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    run, agency, stage, status, Timestamp.from(started), finishedAt, durationMs);
        }
    }

    /** The real time, moved on by the test: runs settle once their finish is long enough ago. */
    private static final class TestClock extends Clock {
        private Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
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
            return Instant.now().plus(offset);
        }
    }
}
