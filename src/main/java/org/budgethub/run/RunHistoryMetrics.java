package org.budgethub.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.health.FailureExplainer;

/**
 * Prometheus metrics of runs and tasks, read from the run history (tables {@code run} and
 * {@code task} of the hub's database) instead of calls sprinkled through the pipeline:
 *
 * <ul>
 *   <li>{@code hub_runs_total{status}}: runs started ({@code started}) and finished
 *       ({@code succeeded}, {@code failed}, {@code interrupted});</li>
 *   <li>{@code hub_tasks_total{stage,status}}: agency stages finished ({@code done},
 *       {@code skipped}, {@code failed}, {@code interrupted}); a stage that is retried and
 *       finishes again counts again;</li>
 *   <li>{@code hub_task_duration_seconds{stage}} and {@code hub_run_duration_seconds}: histograms
 *       of finished (not interrupted) stages and runs;</li>
 *   <li>{@code hub_runs_active}: runs of this instance that are running.</li>
 * </ul>
 *
 * <p>Every few seconds it reads what changed. It counts the runs of this instance only (column
 * {@code owner}), so instances sharing one database do not count each other's work, and only
 * events from its own start on: the counters of a restarted instance begin at zero, as Prometheus
 * expects, and the history of earlier processes is never counted twice. A run left running by a
 * crash is counted as {@code interrupted} when the restarted instance marks it so.
 *
 * <p>Cheap: runs are read by primary key from the lowest run still open (a window of a few rows);
 * tasks only of open runs (the unique index on {@code task(run_id, …)}) and only those finished
 * since the last poll, less an overlap that catches rows committed late. Rows already counted
 * are remembered by id (runs) and by id and finish time (tasks) until they leave the window.
 */
public class RunHistoryMetrics implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RunHistoryMetrics.class);

    /** Late commits of rows stamped up to this long before the newest seen are still counted, once. */
    static final Duration OVERLAP = Duration.ofSeconds(60);
    /** Run ids are re-read this far below the newest, for inserts committed out of id order. */
    static final int ID_MARGIN = 20;

    static final List<String> RUN_STATUSES = List.of("started", "succeeded", "failed", "interrupted");
    static final List<String> TASK_STATUSES = List.of("done", "skipped", "failed", "interrupted");

    private static final Duration[] TASK_BUCKETS = seconds(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800);
    private static final Duration[] RUN_BUCKETS = seconds(1, 10, 30, 60, 300, 600, 1800, 3600, 7200, 14400, 28800);

    private final JdbcTemplate jdbc;
    private final String owner;
    private final MeterRegistry registry;
    private final Instant since;
    private final Clock clock;
    private final Duration interval;

    private final Map<String, Counter> runCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> taskCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> taskTimers = new ConcurrentHashMap<>();
    private final Timer runTimer;
    private final AtomicInteger active = new AtomicInteger();

    /** This instance's runs in the window, by id. */
    private final Map<Long, RunState> runs = new HashMap<>();
    /** Tasks counted, by id, with the finish time counted (a retried stage finishes again later). */
    private final Map<Long, Instant> countedTasks = new HashMap<>();
    private Long floor;
    private Instant newestTask;

    private ScheduledExecutorService executor;
    private volatile boolean running;
    private boolean failing;

    private static final class RunState {
        boolean finished;
        /** When this poller saw the run finished (its clock, not the row's): an outage never settles a run unseen. */
        Instant seenFinished;
        /** Its tasks were read after the finish was seen. */
        boolean tasksRead;
    }

    private record RunRow(long id, String owner, RunStatus status, Instant startedAt, Instant finishedAt) {
    }

    private record TaskRow(long id, String stage, TaskStatus status, Instant finishedAt, Long durationMs) {
    }

    /**
     * @param owner the instance whose runs are counted ({@link RunHistory#instance()})
     * @param since events before this instant belong to an earlier process and are not counted
     */
    public RunHistoryMetrics(JdbcTemplate jdbc, String owner, MeterRegistry registry, Instant since, Clock clock, Duration interval) {
        this.jdbc = jdbc;
        this.owner = owner;
        this.registry = registry;
        this.since = since;
        this.clock = clock;
        this.interval = interval;
        this.newestTask = since;
        this.runTimer = Timer.builder("hub.run.duration")
                .description("Duration of finished runs (succeeded or failed)")
                .serviceLevelObjectives(RUN_BUCKETS)
                .register(registry);
        RUN_STATUSES.forEach(this::runCounter);
        for (String stage : RunHistory.STAGES) {
            TASK_STATUSES.forEach(status -> taskCounter(stage, status));
            taskTimer(stage);
        }
        Gauge.builder("hub.runs.active", active, AtomicInteger::get)
                .description("Runs of this instance that are running")
                .register(registry);
    }

    /** Reads what changed in the run history since the last poll and counts it. */
    public synchronized void poll() {
        Instant now = clock.instant();
        if (floor == null) {
            floor = initialFloor();
        }
        long newest = floor - 1;
        for (RunRow row : jdbc.query("SELECT id, owner, status, started_at, finished_at FROM run WHERE id >= ? ORDER BY id",
                RunHistoryMetrics::runRow, floor)) {
            newest = Math.max(newest, row.id());
            if (owner.equals(row.owner())) {
                count(row, now);
            }
        }
        pollTasks(now);
        long next = Math.max(floor, newest + 1 - ID_MARGIN);
        int open = 0;
        for (Map.Entry<Long, RunState> run : runs.entrySet()) {
            if (!settled(run.getValue(), now)) {
                next = Math.min(next, run.getKey());
            }
            if (!run.getValue().finished) {
                open++;
            }
        }
        long lowest = next;
        runs.keySet().removeIf(id -> id < lowest);
        floor = next;
        active.set(open);
    }

    private void count(RunRow row, Instant now) {
        RunState state = runs.get(row.id());
        if (state == null) {
            state = new RunState();
            runs.put(row.id(), state);
            if (!row.startedAt().isBefore(since)) {
                runCounter("started").increment();
            }
        }
        if (!state.finished && row.status() != RunStatus.RUNNING) {
            state.finished = true;
            state.seenFinished = now;
            Instant finishedAt = row.finishedAt() != null ? row.finishedAt() : now;
            if (!finishedAt.isBefore(since)) {
                runCounter(label(row.status())).increment();
                if ((row.status() == RunStatus.SUCCEEDED || row.status() == RunStatus.FAILED) && row.finishedAt() != null) {
                    runTimer.record(Duration.between(row.startedAt(), row.finishedAt()));
                }
            }
        }
    }

    private void pollTasks(Instant now) {
        List<Long> open = runs.entrySet().stream().filter(e -> !settled(e.getValue(), now)).map(Map.Entry::getKey).sorted().toList();
        List<RunState> finished = open.stream().map(runs::get).filter(r -> r.finished).toList();
        if (open.isEmpty()) {
            return;
        }
        Instant from = later(since, newestTask.minus(OVERLAP));
        Object[] args = new Object[open.size() + 1];
        for (int i = 0; i < open.size(); i++) {
            args[i] = open.get(i);
        }
        args[open.size()] = Timestamp.from(from);
        String in = String.join(", ", Collections.nCopies(open.size(), "?"));
        List<TaskRow> rows = jdbc.query("SELECT id, stage, status, finished_at, duration_ms FROM task WHERE run_id IN (" + in
                + ") AND finished_at >= ? ORDER BY finished_at, id", RunHistoryMetrics::taskRow, args);
        for (TaskRow task : rows) {
            if (task.status() == TaskStatus.RUNNING || task.finishedAt().equals(countedTasks.get(task.id()))) {
                continue;
            }
            countedTasks.put(task.id(), task.finishedAt());
            newestTask = later(newestTask, task.finishedAt());
            taskCounter(task.stage(), label(task.status())).increment();
            if (task.durationMs() != null && task.status() != TaskStatus.INTERRUPTED) {
                taskTimer(task.stage()).record(Duration.ofMillis(task.durationMs()));
            }
        }
        finished.forEach(r -> r.tasksRead = true);
        Instant keepFrom = later(since, newestTask.minus(OVERLAP));
        countedTasks.values().removeIf(at -> at.isBefore(keepFrom));
    }

    /** The first poll starts at the lowest run this process may have to count: still running, or started or ended since. */
    private long initialFloor() {
        Timestamp from = Timestamp.from(since);
        Long interesting = jdbc.queryForObject("SELECT MIN(id) FROM run WHERE owner = ? AND (status = ? OR started_at >= ? OR finished_at >= ?)",
                Long.class, owner, RunStatus.RUNNING.name(), from, from);
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM run", Long.class);
        long start = interesting != null ? interesting : (max == null ? 0 : max) + 1;
        return Math.max(0, start - ID_MARGIN);
    }

    /**
     * A run whose tasks can no longer change: every task is finished before its run (the split
     * waits for all agencies; a restart marks tasks, then runs, INTERRUPTED), its tasks were read
     * after the finish was seen, and then an overlap passed for late commits.
     */
    private static boolean settled(RunState run, Instant now) {
        return run.finished && run.tasksRead && run.seenFinished.isBefore(now.minus(OVERLAP));
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
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static RunRow runRow(ResultSet rs, int i) throws SQLException {
        return new RunRow(rs.getLong("id"), rs.getString("owner"), RunStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static TaskRow taskRow(ResultSet rs, int i) throws SQLException {
        return new TaskRow(rs.getLong("id"), rs.getString("stage"), TaskStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("finished_at")),
                rs.getObject("duration_ms", Long.class));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(Math.round(values[i] * 1000));
        }
        return durations;
    }

    /** Events from this instant on are this process's to count. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void safePoll() {
        try {
            poll();
            if (failing) {
                LOG.info("Run metrics: the run history is readable again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Run metrics: cannot read the run history ({}); retrying every {} ms", FailureExplainer.innermostMessage(e),
                        interval.toMillis());
                failing = true;
            } else {
                LOG.debug("Run metrics: cannot read the run history", e);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-metrics");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::safePoll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Stops polling after a last poll, so what finished just before the stop is in the last scrape too. */
    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = executor;
            executor = null;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // No last poll here: at shutdown the database may be going away too, and a pool waiting
        // for a connection would hold the stop for its whole timeout for the sake of a counter.
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
