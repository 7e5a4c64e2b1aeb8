package org.budgethub.run;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubInstance;
import org.budgethub.health.FailureExplainer;
import org.budgethub.model.Stage;

/**
 * Runs and their tasks in the hub's database: what ran, who started it, and one task per agency
 * per stage with timing, status, error and findings. It survives restarts; a run that this
 * instance left RUNNING (it crashed or was stopped) is marked INTERRUPTED when it starts again.
 */
@Component
public class RunHistory {

    /** The stages as the task table names them, in journey order. */
    public static final List<String> STAGES = java.util.Arrays.stream(Stage.values()).map(Stage::id).toList();

    public record Run(long id, int fiscalYear, String scope, String agencyCode, boolean forced, String triggeredBy,
                      String owner, RunStatus status, int total, int done, int exported, int failed, String currentAgency,
                      String warnings, Long resumedFrom, Instant startedAt, Instant updatedAt, Instant finishedAt,
                      int newVersions, int unchanged, int heldBack, String agencies) {

        public Duration elapsed() {
            return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
        }
    }

    public record Task(long id, long runId, String agencyCode, String stage, TaskStatus status, String detail, String error,
                       String findings, Instant startedAt, Instant finishedAt, Long durationMs, AgencyOutcome outcome) {

        /** This task ends its agency's journey in the run ({@link TaskStatus#finishesAgency}). */
        public boolean finishesAgency() {
            return status.finishesAgency(stage);
        }
    }

    private static final RowMapper<Run> RUN = (rs, i) -> new Run(rs.getLong("id"), rs.getInt("fiscal_year"), rs.getString("scope"),
            rs.getString("agency_code"), rs.getBoolean("forced"), rs.getString("triggered_by"), rs.getString("owner"),
            RunStatus.valueOf(rs.getString("status")), rs.getInt("total"), rs.getInt("done"), rs.getInt("exported"), rs.getInt("failed"),
            rs.getString("current_agency"), rs.getString("warnings"), (Long) rs.getObject("resumed_from", Long.class),
            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("finished_at")),
            rs.getInt("new_versions"), rs.getInt("unchanged"), rs.getInt("held_back"), rs.getString("agencies"));

    private static final RowMapper<Task> TASK = (rs, i) -> new Task(rs.getLong("id"), rs.getLong("run_id"), rs.getString("agency_code"),
            rs.getString("stage"), TaskStatus.valueOf(rs.getString("status")), rs.getString("detail"), rs.getString("error"), rs.getString("findings"),
            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")), (Long) rs.getObject("duration_ms", Long.class),
            rs.getString("outcome") == null ? null : AgencyOutcome.valueOf(rs.getString("outcome")));

    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

    private final JdbcTemplate jdbc;
    private final String instance;
    /** Told of every change of status written here, as it is written. */
    private RunMetrics metrics = RunMetrics.none();

    public RunHistory(JdbcTemplate jdbc, HubInstance instance) {
        this.jdbc = jdbc;
        this.instance = instance.id();
        this.booted = now();
    }

    /** When this process began: a run recorded since is its own, never one a crash left behind. */
    private final Timestamp booted;

    public String instance() {
        return instance;
    }

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setMetrics(RunMetrics metrics) {
        this.metrics = metrics;
        try {
            metrics.lastSucceeded(lastSucceededAt().orElse(null));
        } catch (DataAccessException e) {
            // the hub's database is away at start-up: the gauge starts at 0 (the alert's "no run") until a run succeeds
            LOG.warn("hub_last_successful_run_timestamp_seconds：无法读取运行表（run）：{}", e.getMessage());
        }
    }

    /** When the last SUCCEEDED run finished (the metrics' starting point). */
    Optional<Instant> lastSucceededAt() {
        return Optional.ofNullable(instant(jdbc.queryForObject("SELECT MAX(finished_at) FROM run WHERE status = ?", Timestamp.class,
                RunStatus.SUCCEEDED.name())));
    }

    /** Records a run that starts now. */
    public long startRun(RunRequest request) {
        long runId = record(request, RunStatus.RUNNING);
        metrics.runStarted(runId);
        return runId;
    }

    /** Records a run that waits for the one before it; it is RUNNING once {@link #running} says so. */
    public long queueRun(RunRequest request) {
        return record(request, RunStatus.QUEUED);
    }

    /** A queued run begins. */
    public void running(long runId) {
        Timestamp now = now();
        if (jdbc.update("UPDATE run SET status = ?, started_at = ?, updated_at = ? WHERE id = ? AND status = ?", RunStatus.RUNNING.name(), now, now,
                runId, RunStatus.QUEUED.name()) > 0) {
            metrics.runStarted(runId);
        }
    }

    /** A queued or running run of the same year and scope, which a second identical request would only repeat. */
    public Optional<Run> sameAs(RunRequest request) {
        return jdbc.query("SELECT * FROM run WHERE status IN (?, ?) AND fiscal_year = ? AND scope = ? AND forced = ? "
                        + "ORDER BY id DESC", RUN, RunStatus.QUEUED.name(), RunStatus.RUNNING.name(), request.year(), request.scope(), request.force()).stream()
                .filter(r -> java.util.Objects.equals(r.agencyCode(), request.agency())
                        && java.util.Objects.equals(r.agencies(), request.agencies() == null ? null : String.join(",", request.agencies())))
                .findFirst();
    }

    private long record(RunRequest request, RunStatus status) {
        Timestamp now = now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var s = c.prepareStatement("INSERT INTO run (fiscal_year, scope, agency_code, forced, triggered_by, owner, status, "
                    + "resumed_from, started_at, updated_at, agencies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            s.setInt(1, request.year());
            s.setString(2, request.scope());
            s.setString(3, request.agency());
            s.setBoolean(4, request.force());
            s.setString(5, request.trigger() == null ? "unknown" : request.trigger());
            s.setString(6, instance);
            s.setString(7, status.name());
            s.setObject(8, request.resumedFrom());
            s.setTimestamp(9, now);
            s.setTimestamp(10, now);
            s.setString(11, request.agencies() == null ? null : String.join(",", request.agencies()));
            return s;
        }, key);
        return key.getKey().longValue();
    }

    public void expect(long runId, int total) {
        jdbc.update("UPDATE run SET total = ?, updated_at = ? WHERE id = ?", total, now(), runId);
    }

    /**
     * The agency's task of {@code stage} is running from now on; returns its start (epoch ms) for
     * {@link #stageFinished(long, String, Stage, long, TaskStatus, AgencyOutcome, String, String, String)}. The run's current
     * agency is the one whose own work starts (MODEL): its batch entered INGEST for all of its agencies at once.
     */
    public long stageStarted(long runId, String agency, Stage stage) {
        Timestamp now = now();
        String id = stage.id();
        int updated = jdbc.update("UPDATE task SET status = ?, started_at = ?, finished_at = NULL, duration_ms = NULL, error = NULL, "
                + "outcome = NULL "
                + "WHERE run_id = ? AND agency_code = ? AND stage = ?", TaskStatus.RUNNING.name(), now, runId, agency, id);
        if (updated == 0) {
            jdbc.update("INSERT INTO task (run_id, agency_code, stage, status, started_at) VALUES (?, ?, ?, ?, ?)",
                    runId, agency, id, TaskStatus.RUNNING.name(), now);
        }
        if (stage == Stage.MODEL) {
            jdbc.update("UPDATE run SET current_agency = ?, updated_at = ? WHERE id = ?", agency, now, runId);
        }
        return now.getTime();
    }

    /**
     * @param outcome what the task decided for its agency, when it decided (a failure: HELD_BACK or
     *                FAILED; publishing: NEW_VERSION, AWAITING_REVIEW or UNCHANGED); else null
     */
    public void stageFinished(long runId, String agency, Stage stage, TaskStatus status, AgencyOutcome outcome, String detail, String error,
                              String findings) {
        stageFinished(runId, agency, stage, -1, status, outcome, detail, error, findings);
    }

    /** As above, with the task's start when the caller kept it ({@code startedAt} ≥ 0): one statement, no lookup. */
    public void stageFinished(long runId, String agency, Stage stage, long startedAt, TaskStatus status, AgencyOutcome outcome, String detail,
                              String error, String findings) {
        Timestamp now = now();
        String id = stage.id();
        long duration = startedAt >= 0 ? Math.max(0, now.getTime() - startedAt) : durationOf(runId, agency, id, now);
        jdbc.update("UPDATE task SET status = ?, outcome = ?, detail = ?, error = ?, findings = ?, finished_at = ?, "
                        + "duration_ms = ? WHERE run_id = ? AND agency_code = ? AND stage = ?",
                status.name(), outcome == null ? null : outcome.name(), truncate(detail, 1000), error, findings, now, duration, runId, agency, id);
        metrics.taskFinished(id, status, Duration.ofMillis(duration));
    }

    /** A running task's detail, while it runs (a retry under way, say). */
    public void stageProgress(long runId, String agency, Stage stage, String detail) {
        jdbc.update("UPDATE task SET detail = ? WHERE run_id = ? AND agency_code = ? AND stage = ? AND status = ?",
                truncate(detail, 1000), runId, agency, stage.id(), TaskStatus.RUNNING.name());
    }

    private long durationOf(long runId, String agency, String stage, Timestamp now) {
        List<Timestamp> started = jdbc.query("SELECT started_at FROM task WHERE run_id = ? AND agency_code = ? AND stage = ?",
                (rs, i) -> rs.getTimestamp(1), runId, agency, stage);
        return started.isEmpty() ? 0 : Math.max(0, now.getTime() - started.get(0).getTime());
    }

    /** The incremental sync found {@code agencies} unchanged since they were last built: they count as the run's unchanged. */
    public void skippedUnchanged(long runId, int agencies) {
        jdbc.update("UPDATE run SET unchanged = unchanged + ?, skipped_unchanged = ?, updated_at = ? WHERE id = ?", agencies, agencies, now(),
                runId);
    }

    /** One agency (or department) of the run is through, with what became of it. */
    public void agencyDone(long runId, Outcome outcome) {
        String count = switch (outcome) {
            case NEW_VERSION -> "exported = exported + 1, new_versions = new_versions + 1";
            case UNCHANGED -> "exported = exported + 1, unchanged = unchanged + 1";
            case HELD_BACK -> "failed = failed + 1, held_back = held_back + 1";
            case FAILED -> "failed = failed + 1";
        };
        jdbc.update("UPDATE run SET done = done + 1, " + count + ", updated_at = ? WHERE id = ?", now(), runId);
    }

    public void finishRun(long runId, boolean succeeded, List<String> warnings) {
        finishRun(runId, succeeded ? RunStatus.SUCCEEDED : RunStatus.FAILED, warnings);
    }

    /**
     * Ends a run: its tasks still RUNNING end INTERRUPTED when the hub is stopping (a resume completes
     * them), else FAILED (their outcome could not be written: the hub's database was away), and the run
     * gets its status. When the hub's database is away
     * this waits for it with back-off (1 s doubling to 30 s, for up to {@link #FINISH_PATIENCE}), so a
     * run never stays RUNNING because of an outage; past that, a restart marks it INTERRUPTED.
     */
    public void finishRun(long runId, RunStatus status, List<String> warnings) {
        String text = warnings.isEmpty() ? null : String.join("\n", warnings);
        withBackOff("运行 #" + runId + " 的结果", () -> {
            Timestamp now = now();
            boolean stopped = status == RunStatus.INTERRUPTED;
            TaskStatus cut = stopped ? TaskStatus.INTERRUPTED : TaskStatus.FAILED;
            List<String> cutOff = jdbc.queryForList("SELECT stage FROM task WHERE run_id = ? AND status = ?", String.class, runId,
                    TaskStatus.RUNNING.name());
            jdbc.update("UPDATE task SET status = ?, finished_at = ?, error = ? WHERE run_id = ? AND status = ?", cut.name(),
                    now, stopped ? "已中断：中枢停止运行，继续运行时完成" : "结果未能记录：当时无法写入中枢数据库；该单位在下次运行时重新处理",
                    runId, TaskStatus.RUNNING.name());
            metrics.tasksEnded(cutOff, cut);
            int ended = jdbc.update("UPDATE run SET status = ?, warnings = ?, current_agency = NULL, updated_at = ?, finished_at = ? WHERE id = ? "
                    + "AND status IN (?, ?)", status.name(), text, now, now, runId, RunStatus.RUNNING.name(), RunStatus.QUEUED.name());
            if (ended > 0) {
                metrics.runFinished(runId, status);
            }
        });
    }

    static final Duration FINISH_PATIENCE = Duration.ofMinutes(15);

    private static void withBackOff(String what, Runnable write) {
        long deadline = System.nanoTime() + FINISH_PATIENCE.toNanos();
        long pauseMs = 1000;
        while (true) {
            try {
                write.run();
                return;
            } catch (org.springframework.dao.DataAccessException e) {
                if (System.nanoTime() + pauseMs * 1_000_000 > deadline) {
                    LOG.error("{}未能写入中枢数据库，已放弃；中枢重启时将该运行记为中断：{}", what, FailureExplainer.innermostMessage(e));
                    throw e;
                }
                LOG.warn("{}暂时无法写入中枢数据库，{} 秒后重试：{}", what, pauseMs / 1000, FailureExplainer.innermostMessage(e));
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMs = Math.min(pauseMs * 2, 30_000);
            }
        }
    }


    /** At start-up: runs this instance left RUNNING did not finish. */
    public int markInterrupted() {
        Timestamp now = now();
        // Only runs from before this process: the schedule may already have started one of its own.
        List<String> cutOff = jdbc.queryForList("SELECT stage FROM task WHERE status = ? AND run_id IN (SELECT id FROM run WHERE status = ? "
                + "AND owner = ? AND started_at < ?)", String.class, TaskStatus.RUNNING.name(), RunStatus.RUNNING.name(), instance, booted);
        jdbc.update("UPDATE task SET status = ?, finished_at = ?, error = ? WHERE status = ? AND run_id IN "
                + "(SELECT id FROM run WHERE status = ? AND owner = ? AND started_at < ?)", TaskStatus.INTERRUPTED.name(), now,
                "已中断：中枢停止运行，继续运行时完成", TaskStatus.RUNNING.name(), RunStatus.RUNNING.name(), instance, booted);
        int interrupted = jdbc.update("UPDATE run SET status = ?, current_agency = NULL, updated_at = ?, finished_at = ? WHERE status IN (?, ?) "
                + "AND owner = ? AND started_at < ?", RunStatus.INTERRUPTED.name(), now, now, RunStatus.RUNNING.name(), RunStatus.QUEUED.name(),
                instance, booted);
        metrics.tasksEnded(cutOff, TaskStatus.INTERRUPTED);
        metrics.runsInterrupted(interrupted);
        return interrupted;
    }

    public Optional<Run> run(long id) {
        return jdbc.query("SELECT * FROM run WHERE id = ?", RUN, id).stream().findFirst();
    }

    public List<Run> runs(int limit) {
        return jdbc.query("SELECT * FROM run ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY", RUN);
    }

    /** Runs queued or under way, oldest first. */
    public List<Run> active() {
        return jdbc.query("SELECT * FROM run WHERE status IN (?, ?) ORDER BY id", RUN, RunStatus.QUEUED.name(), RunStatus.RUNNING.name());
    }

    /** The newest finished run of the year that {@code trigger} started (the schedule: "last night"). */
    public Optional<Run> lastFinished(int year, String trigger) {
        return jdbc.query("SELECT * FROM run WHERE fiscal_year = ? AND triggered_by = ? AND finished_at IS NOT NULL "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", RUN, year, trigger).stream().findFirst();
    }

    /** The newest runs of one year, newest first. */
    public List<Run> runsOfYear(int year, int limit) {
        return jdbc.query("SELECT * FROM run WHERE fiscal_year = ? ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500))
                + " ROWS ONLY", RUN, year);
    }

    /** The agencies that have tasks in the given runs: the grid's rows, before paging. */
    public List<String> agenciesOf(List<Long> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT DISTINCT agency_code FROM task WHERE run_id IN ("
                + String.join(",", java.util.Collections.nCopies(runIds.size(), "?")) + ")", String.class, runIds.toArray());
    }

    /** The tasks of the given agencies in the given runs, without findings: one page of the grid's cells. */
    public List<Task> tasksOf(List<String> agencies, List<Long> runIds) {
        if (agencies.isEmpty() || runIds.isEmpty()) {
            return List.of();
        }
        List<Object> args = new java.util.ArrayList<>(runIds);
        args.addAll(agencies);
        return jdbc.query("SELECT id, run_id, agency_code, stage, status, detail, error, CAST(NULL AS VARCHAR(1)) AS findings, started_at, "
                + "finished_at, duration_ms, outcome FROM task WHERE run_id IN (" + String.join(",", java.util.Collections.nCopies(runIds.size(), "?"))
                + ") AND agency_code IN (" + String.join(",", java.util.Collections.nCopies(agencies.size(), "?")) + ") ORDER BY run_id, agency_code, id",
                TASK, args.toArray());
    }

    /** Tasks running now in a run: the agencies in flight, with their stage. */
    public List<Task> inFlight(long runId) {
        return jdbc.query("SELECT * FROM task WHERE run_id = ? AND status = ? ORDER BY started_at", TASK, runId, TaskStatus.RUNNING.name());
    }

    /** How many runs of the year touched the agency: the pages of its history. */
    public int agencyRunCount(int year, String agency) {
        Integer n = jdbc.queryForObject("SELECT COUNT(DISTINCT t.run_id) FROM task t JOIN run r ON r.id = t.run_id "
                + "WHERE r.fiscal_year = ? AND t.agency_code = ?", Integer.class, year, agency);
        return n == null ? 0 : n;
    }

    /** One page of the runs of the year that touched the agency, newest first. */
    public List<Run> agencyRuns(int year, String agency, int offset, int limit) {
        return jdbc.query("SELECT * FROM run WHERE id IN (SELECT DISTINCT t.run_id FROM task t WHERE t.agency_code = ?) AND fiscal_year = ? "
                + "ORDER BY id DESC OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, Math.min(limit, 200))
                + " ROWS ONLY", RUN, agency, year);
    }

    /** The agency's tasks in the given runs. */
    public List<Task> agencyTasksOf(String agency, List<Long> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(runIds.size(), "?"));
        Object[] args = new Object[runIds.size() + 1];
        args[0] = agency;
        for (int i = 0; i < runIds.size(); i++) {
            args[i + 1] = runIds.get(i);
        }
        return jdbc.query("SELECT * FROM task WHERE agency_code = ? AND run_id IN (" + marks + ") ORDER BY run_id DESC, id", TASK, args);
    }

    /** A run's time per stage (its tasks' durations summed) and its first task's start, counted in the database. */
    public record StageTotals(Map<String, Long> durationMs, Instant firstStarted) {
    }

    public StageTotals stageTotals(long runId) {
        Map<String, Long> durations = new LinkedHashMap<>();
        STAGES.forEach(s -> durations.put(s, 0L));
        Instant[] first = new Instant[1];
        jdbc.query("SELECT stage, SUM(duration_ms) AS total, MIN(started_at) AS first FROM task WHERE run_id = ? GROUP BY stage", rs -> {
            durations.put(rs.getString("stage"), rs.getLong("total"));
            Instant started = instant(rs.getTimestamp("first"));
            if (started != null && (first[0] == null || started.isBefore(first[0]))) {
                first[0] = started;
            }
        }, runId);
        return new StageTotals(durations, first[0]);
    }

    /**
     * What to show of a run's tasks: a status, a stage (its id), agencies whose code starts with or
     * whose code is in {@code agencies} (a search's matches by name), only tasks with findings; null: any.
     */
    public record TaskFilter(TaskStatus status, String stage, String code, java.util.Collection<String> agencies, boolean withFindings) {

        public static final TaskFilter ALL = new TaskFilter(null, null, null, null, false);

        /**
         * A filter from a request's words: {@code q} a code's start or part of a name ({@code names}: code → name
         * of the run's year; at most 500 agencies matched by name), {@code stage} a stage id, a status name.
         */
        public static TaskFilter of(String status, String stage, String q, Boolean findings, Map<String, String> names) {
            TaskStatus s = status == null || status.isBlank() ? null : java.util.Arrays.stream(TaskStatus.values())
                    .filter(v -> v.name().equalsIgnoreCase(status.trim())).findFirst().orElse(null);
            String st = stage == null || stage.isBlank() ? null : Stage.byId(stage.trim()).map(Stage::id).orElse(null);
            String code = null;
            List<String> byName = null;
            if (q != null && !q.isBlank()) {
                String words = q.trim();
                code = words.matches("[0-9A-Za-z]{1,32}") ? words : null;
                byName = names.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().contains(words)).map(Map.Entry::getKey)
                        .limit(500).toList();
                if (code == null && byName.isEmpty()) {
                    byName = List.of();
                }
            }
            return new TaskFilter(s, st, code, byName, Boolean.TRUE.equals(findings));
        }

        private String where(List<Object> args) {
            StringBuilder sql = new StringBuilder(" WHERE run_id = ?");
            if (status != null) {
                sql.append(" AND status = ?");
                args.add(status.name());
            }
            if (stage != null) {
                sql.append(" AND stage = ?");
                args.add(stage);
            }
            if (code != null || agencies != null) {
                List<String> or = new java.util.ArrayList<>();
                if (code != null) {
                    or.add("agency_code LIKE ?");
                    args.add(code.replace("%", "").replace("_", "") + "%");
                }
                if (agencies != null && !agencies.isEmpty()) {
                    // bounded by the caller (a search's first matches): a list of bound parameters, never text
                    or.add("agency_code IN (" + String.join(",", java.util.Collections.nCopies(agencies.size(), "?")) + ")");
                    args.addAll(agencies);
                }
                sql.append(or.isEmpty() ? " AND 1 = 0" : " AND (" + String.join(" OR ", or) + ")");
            }
            if (withFindings) {
                sql.append(" AND findings IS NOT NULL AND findings <> '[]'");
            }
            return sql.toString();
        }
    }

    /** One page of a run's tasks (by agency, then stage order of work), with the number matching the filter. */
    public org.budgethub.web.Paged<Task> tasks(long runId, TaskFilter filter, int page, int size) {
        List<Object> args = new java.util.ArrayList<>();
        args.add(runId);
        String where = filter.where(args);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM task" + where, Long.class, args.toArray());
        List<Task> items = jdbc.query("SELECT * FROM task" + where + " ORDER BY agency_code, id OFFSET "
                + org.budgethub.web.Paged.offset(page, size) + " ROWS FETCH NEXT " + size + " ROWS ONLY", TASK, args.toArray());
        return new org.budgethub.web.Paged<>(items, page, size, total == null ? 0 : total);
    }

    /** How many agencies a run has tasks for, and how many of them are among {@code departments}: counted in the database. */
    public int[] departmentsAndUnits(long runId, java.util.Collection<String> departments) {
        Integer all = jdbc.queryForObject("SELECT COUNT(DISTINCT agency_code) FROM task WHERE run_id = ?", Integer.class, runId);
        int deps = 0;
        List<String> codes = List.copyOf(departments);
        for (int from = 0; from < codes.size(); from += 500) {
            List<String> chunk = codes.subList(from, Math.min(codes.size(), from + 500));
            List<Object> args = new java.util.ArrayList<>();
            args.add(runId);
            args.addAll(chunk);
            Integer n = jdbc.queryForObject("SELECT COUNT(DISTINCT agency_code) FROM task WHERE run_id = ? AND agency_code IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")", Integer.class, args.toArray());
            deps += n == null ? 0 : n;
        }
        int total = all == null ? 0 : all;
        return new int[] {deps, total - deps};
    }

    /** A run's tasks counted by stage and status in the database: what its page sums up without reading a task. */
    public Map<String, Map<TaskStatus, Long>> taskCounts(long runId) {
        Map<String, Map<TaskStatus, Long>> counts = new LinkedHashMap<>();
        STAGES.forEach(s -> counts.put(s, new java.util.EnumMap<>(TaskStatus.class)));
        jdbc.query("SELECT stage, status, COUNT(*) AS n FROM task WHERE run_id = ? GROUP BY stage, status", rs -> {
            counts.computeIfAbsent(rs.getString("stage"), k -> new java.util.EnumMap<>(TaskStatus.class))
                    .put(TaskStatus.valueOf(rs.getString("status")), rs.getLong("n"));
        }, runId);
        return counts;
    }

    /** The agencies a run failed or held back (at most {@code limit}), each with its first failed task: no finding read. */
    public List<Task> failedTasks(long runId, int limit) {
        return jdbc.query("SELECT id, run_id, agency_code, stage, status, detail, error, CAST(NULL AS VARCHAR(1)) AS findings, started_at, "
                + "finished_at, duration_ms, outcome FROM task WHERE run_id = ? AND status = ? ORDER BY agency_code, id FETCH FIRST "
                + Math.max(1, Math.min(limit, 100_000)) + " ROWS ONLY", TASK, runId, TaskStatus.FAILED.name());
    }

    /** The tasks that finished their agency in a run (failed, or through publishing), without findings: a completion's report. */
    public void finishingTasks(long runId, java.util.function.Consumer<Task> each) {
        jdbc.query("SELECT id, run_id, agency_code, stage, status, detail, error, CAST(NULL AS VARCHAR(1)) AS findings, started_at, "
                + "finished_at, duration_ms, outcome FROM task WHERE run_id = ? AND " + TaskStatus.finishesAgencySql("")
                + " ORDER BY agency_code, id", rs -> {
            each.accept(TASK.mapRow(rs, 0));
        }, runId);
    }

    /** One page of the runs, newest first; {@code year} and {@code status} null: any. */
    public org.budgethub.web.Paged<Run> runs(Integer year, RunStatus status, int page, int size) {
        List<Object> args = new java.util.ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (year != null) {
            where.append(" AND fiscal_year = ?");
            args.add(year);
        }
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status.name());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM run" + where, Long.class, args.toArray());
        List<Run> items = jdbc.query("SELECT * FROM run" + where + " ORDER BY id DESC OFFSET " + org.budgethub.web.Paged.offset(page, size)
                + " ROWS FETCH NEXT " + size + " ROWS ONLY", RUN, args.toArray());
        return new org.budgethub.web.Paged<>(items, page, size, total == null ? 0 : total);
    }


    /** Every task of one agency in one year, newest first. */
    public List<Task> agencyTasks(int year, String agency) {
        return jdbc.query("SELECT t.* FROM task t JOIN run r ON r.id = t.run_id WHERE r.fiscal_year = ? AND t.agency_code = ? "
                + "ORDER BY t.id DESC", TASK, year, agency);
    }

    /** An agency's latest run of the year, summed up in the database: its outcome there and whether its validation warned. */
    public record Latest(String agencyCode, long runId, AgencyOutcome outcome, boolean warned) {
    }

    /**
     * Per agency of the year, its latest run's outcome, one small row each, grouped in the database
     * (no task and no finding read into memory): what the dashboard filters, counts and pages.
     */
    public List<Latest> latestOutcomes(int year) {
        String publish = Stage.PUBLISH.id();
        return jdbc.query("SELECT t.agency_code, t.run_id, "
                        + "MAX(CASE WHEN t.status = ? AND (t.outcome IS NULL OR t.outcome <> ?) THEN 1 ELSE 0 END) AS failed, "
                        + "MAX(CASE WHEN t.status = ? AND t.outcome = ? THEN 1 ELSE 0 END) AS held, "
                        + "MAX(CASE WHEN t.status = ? THEN 1 ELSE 0 END) AS interrupted, "
                        + "MAX(CASE WHEN t.stage = ? AND t.status IN (?, ?) THEN COALESCE(t.outcome, CASE WHEN t.status = ? THEN ? ELSE ? END) END) "
                        + "AS published, "
                        + "MAX(CASE WHEN t.findings LIKE ? THEN 1 ELSE 0 END) AS warned "
                        + "FROM task t JOIN (SELECT t2.agency_code AS agency, MAX(t2.run_id) AS run FROM task t2 "
                        + "JOIN run r2 ON r2.id = t2.run_id WHERE r2.fiscal_year = ? GROUP BY t2.agency_code) latest "
                        + "ON latest.agency = t.agency_code AND latest.run = t.run_id GROUP BY t.agency_code, t.run_id",
                (rs, i) -> {
                    String published = rs.getString("published");
                    AgencyOutcome outcome = rs.getInt("failed") == 1 ? AgencyOutcome.FAILED : rs.getInt("held") == 1 ? AgencyOutcome.HELD_BACK
                            : rs.getInt("interrupted") == 1 ? AgencyOutcome.INTERRUPTED
                            : published == null ? AgencyOutcome.RUNNING : AgencyOutcome.valueOf(published);
                    return new Latest(rs.getString("agency_code"), rs.getLong("run_id"), outcome, rs.getInt("warned") == 1);
                },
                TaskStatus.FAILED.name(), AgencyOutcome.HELD_BACK.name(), TaskStatus.FAILED.name(), AgencyOutcome.HELD_BACK.name(),
                TaskStatus.INTERRUPTED.name(), publish, TaskStatus.DONE.name(), TaskStatus.SKIPPED.name(), TaskStatus.SKIPPED.name(),
                AgencyOutcome.UNCHANGED.name(), AgencyOutcome.NEW_VERSION.name(), "%\"severity\":\"" + org.budgethub.model.Finding.Severity.WARN.name() + "\"%", year);
    }

    /** The tasks of the given agencies in the given runs ({@code latest}: agency → run): one page of the dashboard. */
    public List<Task> tasksOf(Map<String, Long> latest) {
        if (latest.isEmpty()) {
            return List.of();
        }
        List<Object> args = new java.util.ArrayList<>();
        List<String> or = new java.util.ArrayList<>();
        latest.forEach((agency, run) -> {
            or.add("(agency_code = ? AND run_id = ?)");
            args.add(agency);
            args.add(run);
        });
        return jdbc.query("SELECT * FROM task WHERE " + String.join(" OR ", or) + " ORDER BY agency_code, id", TASK, args.toArray());
    }

    /** Agencies whose latest run of the year failed them at some stage. */
    public List<String> failedAgencies(int year) {
        return jdbc.queryForList("SELECT DISTINCT t.agency_code FROM task t WHERE t.status = ? AND t.run_id = "
                + "(SELECT MAX(t2.run_id) FROM task t2 JOIN run r2 ON r2.id = t2.run_id WHERE r2.fiscal_year = ? AND t2.agency_code = t.agency_code) "
                + "ORDER BY t.agency_code", String.class, TaskStatus.FAILED.name(), year);
    }

    /** Agencies of an interrupted run that did not get through publishing: what a resume must still do. */
    public List<String> unfinishedAgencies(long runId, List<String> planned) {
        List<String> finished = jdbc.queryForList("SELECT DISTINCT agency_code FROM task WHERE run_id = ? AND "
                + TaskStatus.finishesAgencySql(""), String.class, runId);
        return planned.stream().filter(a -> !finished.contains(a)).toList();
    }

    /** The agencies a LIST or RESUME run named; null for the other scopes. */
    public List<String> listedAgencies(long runId) {
        List<String> lists = jdbc.query("SELECT agencies FROM run WHERE id = ?", (rs, i) -> rs.getString(1), runId);
        String list = lists.isEmpty() ? null : lists.get(0);
        return list == null ? null : list.isEmpty() ? List.of() : List.of(list.split(","));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
