package org.budgethub.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Prometheus metrics of runs and tasks, recorded when they happen: {@link RunHistory} tells this
 * recorder of every change of status it writes, at the moment it writes it.
 *
 * <ul>
 *   <li>{@code hub_runs_total{status}}: runs started ({@code started}: recorded, or a queued one
 *       begun) and finished ({@code succeeded}, {@code failed}, {@code interrupted});</li>
 *   <li>{@code hub_tasks_total{stage,status}}: agency stages finished ({@code done},
 *       {@code skipped}, {@code failed}, {@code interrupted}); a stage that is retried and
 *       finishes again counts again;</li>
 *   <li>{@code hub_task_duration_seconds{stage}} and {@code hub_run_duration_seconds}: histograms
 *       of finished (not interrupted) stages and of succeeded or failed runs;</li>
 *   <li>{@code hub_runs_active}: runs this process started that have not finished;</li>
 *   <li>{@code hub_last_successful_run_timestamp_seconds}: when the last SUCCEEDED run finished (epoch
 *       seconds, 0 before any): read once from the run table when the run history is wired in, then set
 *       as runs succeed. With distributed runs an instance sees only the runs it finishes; the alert takes
 *       the max over the instances.</li>
 * </ul>
 *
 * <p>Each process counts what it does from its start on (a restarted instance's counters begin at
 * zero, as Prometheus expects): the runs it starts and finishes, and the stages its journeys finish.
 * A run an earlier process left running counts as {@code interrupted} when the restart marks it so.
 * No database is read here and no thread runs for it.
 */
public class RunMetrics {

    static final List<String> RUN_STATUSES = List.of("started", "succeeded", "failed", "interrupted");
    static final List<String> TASK_STATUSES = List.of("done", "skipped", "failed", "interrupted");

    private static final Duration[] TASK_BUCKETS = seconds(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800);
    private static final Duration[] RUN_BUCKETS = seconds(1, 10, 30, 60, 300, 600, 1800, 3600, 7200, 14400, 28800);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> runCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> taskCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> taskTimers = new ConcurrentHashMap<>();
    private final Timer runTimer;
    /** The runs this process started and has not seen finish, with their start: the active gauge and the run timer. */
    private final Map<Long, Instant> running = new ConcurrentHashMap<>();
    /** Epoch seconds of the last SUCCEEDED run's finish; 0: none known. */
    private final AtomicLong lastSuccess = new AtomicLong();

    public RunMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.runTimer = Timer.builder("hub.run.duration")
                .description("Duration of finished runs (succeeded or failed)")
                .serviceLevelObjectives(RUN_BUCKETS)
                .register(registry);
        RUN_STATUSES.forEach(this::runCounter);
        for (String stage : RunHistory.STAGES) {
            TASK_STATUSES.forEach(status -> taskCounter(stage, status));
            taskTimer(stage);
        }
        Gauge.builder("hub.runs.active", running, Map::size)
                .description("Runs of this instance that are running")
                .register(registry);
        Gauge.builder("hub.last.successful.run.timestamp.seconds", lastSuccess, AtomicLong::get)
                .description("Finish of the last succeeded run, in seconds since the epoch (0: none)")
                .register(registry);
    }

    /** The last succeeded run's finish as the run table has it (start-up); a later one already seen wins. */
    void lastSucceeded(Instant finished) {
        if (finished != null) {
            lastSuccess.accumulateAndGet(finished.getEpochSecond(), Math::max);
        }
    }

    /** A recorder whose meters go nowhere: the run history of a hub with hub.metrics.enabled=false, and of tests. */
    static RunMetrics none() {
        return new RunMetrics(new CompositeMeterRegistry(), Clock.systemUTC());
    }

    /** The run is running from now on. */
    public void runStarted(long runId) {
        if (running.putIfAbsent(runId, clock.instant()) == null) {
            runCounter("started").increment();
        }
    }

    /**
     * The run ended with {@code status}; its duration is timed when it succeeded or failed and this
     * process saw it start.
     */
    public void runFinished(long runId, RunStatus status) {
        Instant started = running.remove(runId);
        runCounter(label(status)).increment();
        if (status == RunStatus.SUCCEEDED) {
            lastSuccess.accumulateAndGet(clock.instant().getEpochSecond(), Math::max);
        }
        if (started != null && (status == RunStatus.SUCCEEDED || status == RunStatus.HELD_BACK || status == RunStatus.FAILED)) {
            runTimer.record(Duration.between(started, clock.instant()));
        }
    }

    /** Runs of an earlier process, marked INTERRUPTED by the restart: counted, not timed. */
    public void runsInterrupted(int count) {
        if (count > 0) {
            runCounter(label(RunStatus.INTERRUPTED)).increment(count);
        }
    }

    /** An agency's stage finished with {@code status} after {@code duration} (null: unknown, not timed). */
    public void taskFinished(String stage, TaskStatus status, Duration duration) {
        taskCounter(stage, label(status)).increment();
        if (duration != null && status != TaskStatus.INTERRUPTED) {
            taskTimer(stage).record(duration);
        }
    }

    /** Stages still running that a run's end closed with {@code status}, one entry per task: counted, not timed. */
    public void tasksEnded(List<String> stages, TaskStatus status) {
        stages.forEach(stage -> taskFinished(stage, status, null));
    }

    private Counter runCounter(String status) {
        return runCounters.computeIfAbsent(status, s -> Counter.builder("hub.runs")
                .description("Runs started, and runs finished by status")
                .tag("status", s)
                .register(registry));
    }

    private Counter taskCounter(String stage, String status) {
        return taskCounters.computeIfAbsent(stage + "\n" + status, k -> Counter.builder("hub.tasks")
                .description("Agency stages finished, by stage and status")
                .tag("stage", stage)
                .tag("status", status)
                .register(registry));
    }

    private Timer taskTimer(String stage) {
        return taskTimers.computeIfAbsent(stage, s -> Timer.builder("hub.task.duration")
                .description("Duration of finished agency stages")
                .tag("stage", s)
                .serviceLevelObjectives(TASK_BUCKETS)
                .register(registry));
    }

    private static String label(Enum<?> status) {
        return status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT);
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(Math.round(values[i] * 1000));
        }
        return durations;
    }
}
