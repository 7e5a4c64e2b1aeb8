package org.budgethub.run.distributed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.run.AgencyOutcome;
import org.budgethub.run.RemoteCompletion;
import org.budgethub.run.RunContext;
import org.budgethub.run.RunHistory;
import org.budgethub.run.RunMetrics;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunService;
import org.budgethub.run.RunStatus;
import org.budgethub.run.TaskStatus;

/**
 * The end of a distributed run (hub.run.distributed), in the shared hub database: a run is over
 * when every agency it planned has its outcome, and the instance that records the last one
 * finishes it. Any instance may be that one, the planning instance included; one conditional
 * UPDATE of the run's row decides, so two instances never both finish it. That instance says so on
 * the broker topic hub.run.distributed-done-topic (routes/distribute.camel.yaml), which every
 * instance hears: the planning instance waits for that message (or finishes the run itself) and then
 * reads the run's report from the run history. No sleep loop: only if the message was lost (the
 * finishing instance died between its update and the message) does a re-read of the run's row after
 * hub.run.distributed-recheck-ms find it finished.
 */
@Component("runCompletion")
public class RunCompletion implements ApplicationListener<ContextClosedEvent>, RemoteCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(RunCompletion.class);

    /**
     * A task still RUNNING whose agency has no outcome yet: an agency on its way on some instance
     * (redelivered while a copy of it still ran, say) keeps the run open.
     */
    private static final String UNFINISHED = "SELECT 1 FROM task t WHERE t.run_id = run.id AND t.status = '" + TaskStatus.RUNNING.name()
            + "' AND NOT EXISTS (SELECT 1 FROM task u WHERE u.run_id = t.run_id AND u.agency_code = t.agency_code AND "
            + TaskStatus.finishesAgencySql("u.") + ")";

    private final JdbcTemplate hub;
    private final RunHistory history;
    private final DistributedRuns distributed;
    private final BooleanSupplier hubStopping;
    private final long recheckMs;
    /** The runs this instance planned and waits for, each completed when it is heard to be finished. */
    private final Map<Long, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private volatile boolean closing;
    /** The planning instance counts its run's end, whichever instance wrote it: as it counted the start. */
    private RunMetrics metrics;

    public RunCompletion(JdbcTemplate hub, RunHistory history, DistributedRuns distributed, BooleanSupplier hubStopping,
                         HubProperties properties) {
        this.hub = hub;
        this.history = history;
        this.distributed = distributed;
        this.hubStopping = hubStopping;
        this.recheckMs = Math.max(100, properties.run().distributedRecheckMs().toMillis());
    }

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setMetrics(RunMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Finishes the run if every planned agency has its outcome: SUCCEEDED when none failed and some
     * got a package, else FAILED (as {@link RunService#finish} decides in one JVM). The route that
     * calls it then tells every instance on the broker topic.
     *
     * @return true when this call finished it
     */
    public boolean check(long runId) {
        Timestamp now = Timestamp.from(Instant.now());
        int finished = hub.update("UPDATE run SET status = CASE WHEN failed = 0 AND exported > 0 THEN ? WHEN failed > 0 AND failed = held_back THEN ? ELSE ? END, current_agency = NULL, "
                        + "updated_at = ?, finished_at = ? WHERE id = ? AND status = ? AND total > 0 AND done >= total AND NOT EXISTS ("
                        + UNFINISHED + ")",
                RunStatus.SUCCEEDED.name(), RunStatus.HELD_BACK.name(), RunStatus.FAILED.name(), now, now, runId, RunStatus.RUNNING.name());
        if (finished == 0) {
            return false;
        }
        distributed.forget(runId);
        finished(runId);
        try (var log = org.budgethub.config.LogContext.run(runId)) {
            history.run(runId).ifPresent(r -> LOG.info("运行 #{} 已由实例 {} 结束：{}（已处理 {}/{} 个单位：新版本 {} 个，未变化 {} 个，"
                            + "未通过校验 {} 个，失败 {} 个）", runId, history.instance(), r.status(), r.done(), r.total(), r.newVersions(),
                    r.unchanged(), r.heldBack(), r.failed()));
        }
        return true;
    }

    /** A run is finished (heard on the broker topic, or finished here): whoever waits for it here stops waiting. */
    public void finished(long runId) {
        CompletableFuture<Long> done = waiting.get(runId);
        if (done != null) {
            done.complete(runId);
        }
    }

    /** The hub stops: no run is waited for here any longer; the other instances finish them. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
        waiting.values().forEach(done -> done.cancel(false));
    }

    /** Whether this instance sent the run's agencies to the queue: then they finish wherever they are taken. */
    @Override
    public boolean distributed(RunContext run) {
        return distributed.dispatched(run.runId()) > 0;
    }

    /**
     * The planning instance's end of a distributed run: the run's total is what it sent, then it
     * waits until some instance (maybe this one) has finished the run, as the broker topic tells it,
     * and returns the report as the run history has it. When this instance stops first it returns at once and leaves the
     * run RUNNING: the other instances finish it.
     */
    @Override
    public RunReport awaitRun(RunContext run) {
        long runId = run.runId();
        int sent = distributed.dispatched(runId);
        distributed.forgetDispatched(runId);
        if (sent != run.report().expected()) {
            LOG.info("运行 #{}：计划 {} 个单位，已向队列发送 {} 个；运行等待已发送的 {} 个完成", runId, run.report().expected(), sent,
                    sent);
            run.report().expect(sent);
            history.expect(runId, sent);
        }
        CompletableFuture<Long> done = waiting.computeIfAbsent(runId, id -> new CompletableFuture<>());
        RunHistory.Run row;
        try {
            // Waiting before the first look: a finish heard from now on is not missed.
            check(runId);
            row = history.run(runId).orElseThrow();
            while (row.status() == RunStatus.RUNNING) {
                if (closing || hubStopping.getAsBoolean()) {
                    LOG.warn("运行 #{}：本实例停止；该运行保持 RUNNING，由其他实例完成", runId);
                    return run.report();
                }
                try {
                    done.get(recheckMs, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notHeard) {
                    LOG.debug("Run #{}: no word of its end in {} ms; its row is read again", runId, recheckMs);
                } catch (CancellationException stopping) {
                    continue; // the next round sees the hub stopping
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.warn("运行 #{}：本实例不再等待；该运行保持 RUNNING，由各实例完成", runId);
                    return run.report();
                }
                row = history.run(runId).orElseThrow();
            }
        } finally {
            waiting.remove(runId, done);
        }
        if (metrics != null) {
            metrics.runFinished(runId, row.status());
        }
        RunReport report = report(run, row);
        // Said on whatever thread waited (the run's, or a caller's outside the routes): the log context is set here.
        try (var log = org.budgethub.config.LogContext.run(runId)) {
            LOG.info("运行 #{} 结束（{}）：{}，{}；用时 {} 毫秒", runId, row.status(), run.request().describe(), report.counts(),
                    report.elapsed().toMillis());
        }
        return report;
    }

    /** The report of a finished run from its tasks: each agency's outcome with its stage and reason, and the run's warnings. */
    private RunReport report(RunContext run, RunHistory.Run row) {
        RunReport report = run.report();
        // Only the tasks that ended an agency, without their findings, one agency at a time: a city's run is not read whole.
        Map<String, RunHistory.Task> ending = new LinkedHashMap<>();
        history.finishingTasks(run.runId(), t -> ending.merge(t.agencyCode(), t,
                (first, next) -> first.status() == TaskStatus.FAILED || next.status() != TaskStatus.FAILED ? first : next));
        ending.forEach((agency, t) -> {
            if (t.status() == TaskStatus.FAILED) {
                report.failed(agency, t.stage(), t.error(), List.of(), t.outcome() == AgencyOutcome.HELD_BACK);
            } else {
                report.exported(agency, t.detail(), AgencyOutcome.of(List.of(t)) == AgencyOutcome.UNCHANGED, List.of());
            }
        });
        if (row.warnings() != null) {
            List<String> known = report.warnings();
            for (String w : row.warnings().split("\n")) {
                if (!w.isBlank() && !known.contains(w)) {
                    report.warn(w);
                }
            }
        }
        report.finish();
        return report;
    }
}
