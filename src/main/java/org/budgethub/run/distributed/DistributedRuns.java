package org.budgethub.run.distributed;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.config.LogContext;
import org.budgethub.health.FailureExplainer;
import org.budgethub.ingest.ElementRows;
import org.budgethub.model.Stage;
import org.budgethub.authoring.NarrativeWords;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.run.AgencyOutcome;
import org.budgethub.run.Outcome;
import org.budgethub.run.RunContext;
import org.budgethub.run.RunHistory;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.run.RunStatus;
import org.budgethub.run.TaskStatus;
import org.budgethub.run.journey.AgencyMessage;
import org.budgethub.run.journey.RouteNames;

/**
 * Runs past one machine (hub.run.distributed, routes/distribute.camel.yaml): the instance that
 * plans a run sends each of its agencies to the broker queue as an {@link AgencyMessage}, and
 * every instance takes agencies off that queue, as many at once as hub.run.parallelism, each in a
 * JMS transaction: an agency whose instance stops (or dies) before it is through goes back to the
 * queue and another instance does it. The consumer makes the run's context once per run from the
 * hub database (the run's request) and the finance database (the element tables) and keeps it
 * while the run lasts. The agency then takes the same journey (direct:agency-batch, a batch of one)
 * as in one JVM: the route sends it there with what {@link #journey} returns, and {@link #journeyDone}
 * looks at its outcome; no bean here sends into a route. The delivery records keep a package from
 * going out twice.
 */
@Component("distributedRuns")
public class DistributedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedRuns.class);

    /** What a consumer does with a message. */
    public enum Kind {
        /** Take the agency's journey. */
        WORK,
        /** The agency already has its outcome in this run (a redelivery after its instance went down): nothing to do. */
        DONE,
        /** Its run is over (finished, failed, interrupted) or unknown: dropped. */
        STALE,
        /** Delivered more often than hub.run.distributed-max-redeliveries allows: to the dead-letter queue, the agency FAILED. */
        POISON,
        /** Not an agency message at all: to the dead-letter queue. */
        UNREADABLE
    }

    /** A received message and what to do with it. */
    public record Job(Kind kind, AgencyMessage message, int deliveries, String problem) {

        public boolean work() {
            return kind == Kind.WORK;
        }

        public boolean poison() {
            return kind == Kind.POISON;
        }

        public boolean unreadable() {
            return kind == Kind.UNREADABLE;
        }

        public long runId() {
            return message == null ? 0 : message.runId();
        }

        public String agency() {
            return message == null ? null : message.agency();
        }
    }

    /** A run's context on this instance, and how many of its report's warnings are already in the hub database. */
    private static final class Cached {
        final RunContext run;
        int flushedWarnings;

        Cached(RunContext run) {
            this.run = run;
        }
    }

    /** An agency has its outcome in a run: published (or nothing new), or failed at some stage. */
    static final String TERMINAL = TaskStatus.finishesAgencySql("");
    private static final int CACHED_RUNS = 8;

    private final RunHistory history;
    private final JdbcTemplate hub;
    private final DeliveryRecords deliveries;
    private final FailureExplainer explainer;
    private final BooleanSupplier hubStopping;
    private final NarrativeWords narratives;
    private final boolean enabled;
    private final int maxRedeliveries;
    private final String deadLetterQueue;
    private final Map<Long, AtomicInteger> dispatched = new ConcurrentHashMap<>();
    private final Map<Long, Cached> contexts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Cached> eldest) {
            return size() > CACHED_RUNS;
        }
    };
    private final AtomicInteger processed = new AtomicInteger();
    /** The agencies on their journey on this instance now. */
    private final Set<Job> onJourney = ConcurrentHashMap.newKeySet();

    public DistributedRuns(RunHistory history, JdbcTemplate hub, DeliveryRecords deliveries, FailureExplainer explainer,
                           BooleanSupplier hubStopping, HubProperties properties, NarrativeWords narratives) {
        this.history = history;
        this.hub = hub;
        this.deliveries = deliveries;
        this.explainer = explainer;
        this.hubStopping = hubStopping;
        this.narratives = narratives;
        this.enabled = properties.run().distributed();
        this.maxRedeliveries = properties.run().distributedMaxRedeliveries();
        this.deadLetterQueue = properties.run().distributedDlq();
    }

    public boolean enabled() {
        return enabled;
    }

    // ---- the instance that plans the run ----

    /**
     * The message for one row of the run's split. The first one also writes the run's own warnings
     * (narrative folder, orphan ledger entries) to the hub database, where whichever instance
     * finishes the run leaves them.
     */
    public String dispatch(Map<String, Object> row, RunContext run) {
        dispatched.computeIfAbsent(run.runId(), id -> {
            List<String> warnings = run.report().warnings();
            hub.update("UPDATE run SET warnings = ?, updated_at = ? WHERE id = ?",
                    warnings.isEmpty() ? null : String.join("\n", warnings), now(), id);
            return new AtomicInteger();
        }).incrementAndGet();
        return AgencyMessage.of(run.runId(), run.year(), row).toJson();
    }

    /** How many agencies of the run this instance sent to the queue; 0 when it sent none (or the run is not its own). */
    public int dispatched(long runId) {
        AtomicInteger n = dispatched.get(runId);
        return n == null ? 0 : n.get();
    }

    /** The run is over for its planning instance. */
    void forgetDispatched(long runId) {
        dispatched.remove(runId);
    }

    /**
     * The broker would not take a message: the run cannot go on, said as such ("run-errors" in
     * error-handling.camel.yaml records the run failed with this cause).
     */
    public IllegalStateException brokerDown(Throwable error) {
        return new IllegalStateException("消息队列不可用，单位无法分发给各实例（检查 spring.artemis.broker-url 与消息服务器）："
                + FailureExplainer.innermostMessage(error), error);
    }

    // ---- every instance: the consumer ----

    /**
     * Reads a message off the queue and says what to do with it.
     *
     * @param deliveryCount the broker's JMSXDeliveryCount (1 the first time), if it gives one
     * @param redelivered   the JMSRedelivered flag, for a broker that gives no count
     */
    public Job receive(@Body String text, @Header("JMSXDeliveryCount") Integer deliveryCount,
                       @Header("JMSRedelivered") Boolean redelivered) {
        int deliveries = deliveryCount != null && deliveryCount > 0 ? deliveryCount : Boolean.TRUE.equals(redelivered) ? 2 : 1;
        AgencyMessage message;
        try {
            message = AgencyMessage.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("单位队列上有无法解析的消息，已转入 {}：{}", deadLetterQueue, e.getMessage());
            return new Job(Kind.UNREADABLE, null, deliveries, e.getMessage());
        }
        Optional<RunHistory.Run> run = history.run(message.runId());
        if (run.isEmpty() || run.get().status() != RunStatus.RUNNING) {
            try (LogContext log = LogContext.of(message.runId(), message.agency())) {
                LOG.info("运行 #{} 的单位 {} 已丢弃：{}", message.runId(), message.agency(),
                        run.map(r -> "该运行的状态是 " + r.status().name()).orElse("本中枢数据库中没有该运行"));
            }
            forget(message.runId());
            return new Job(Kind.STALE, message, deliveries, null);
        }
        if (terminal(message.runId(), message.agency())) {
            try (LogContext log = LogContext.of(message.runId(), message.agency())) {
                LOG.info("运行 #{} 的单位 {} 已有结果（第 {} 次投递），无需处理", message.runId(), message.agency(), deliveries);
            }
            return new Job(Kind.DONE, message, deliveries, null);
        }
        if (deliveries > maxRedeliveries + 1) {
            return new Job(Kind.POISON, message, deliveries, null);
        }
        return new Job(Kind.WORK, message, deliveries, null);
    }

    /** The run's context on this instance, if it was made already. */
    public RunContext cached(Job job) {
        synchronized (contexts) {
            Cached c = contexts.get(job.runId());
            return c == null ? null : c.run;
        }
    }

    /**
     * Makes the run's context from the hub database (the request as recorded) and the element
     * tables the finance database gave (routes/distribute.camel.yaml reads them): once per run per
     * instance; two consumers that both missed it keep the first.
     */
    public RunContext context(AgencyMessage message, List<Map<String, Object>> functionalRows, List<Map<String, Object>> economicRows) {
        RunHistory.Run r = history.run(message.runId())
                .orElseThrow(() -> new IllegalStateException("中枢数据库中没有运行 #" + message.runId()));
        checkYear(message, r.fiscalYear());
        List<String> listed = r.agencies() == null ? null : r.agencies().isEmpty() ? List.of() : List.of(r.agencies().split(","));
        RunRequest request = new RunRequest(r.fiscalYear(), r.agencyCode(), listed, r.triggeredBy(), r.forced(), r.resumedFrom(),
                r.id(), null);
        RunReport report = new RunReport(request);
        report.expect(r.total());
        RunContext run = new RunContext(r.id(), report, narratives.join(r.fiscalYear()));
        run.setElements(ElementRows.of(run.year(), functionalRows, economicRows), ElementRows.of(run.previousYear(), functionalRows, economicRows));
        synchronized (contexts) {
            Cached existing = contexts.get(r.id());
            if (existing != null) {
                return existing.run;
            }
            contexts.put(r.id(), new Cached(run));
        }
        try (LogContext log = LogContext.run(r.id())) {
            LOG.info("运行 #{}（{}）：本实例参与处理（计划 {} 个单位）", r.id(), request.describe(), r.total());
        }
        return run;
    }

    /**
     * Starts one agency's journey on this instance: the batch of one row that the route then sends
     * to direct:agency-batch, on an exchange of its own as the run's split gives each batch. Its
     * rows are read as any batch's, then the agency takes its journey; direct:agency records every
     * stage and outcome in the run history.
     */
    public List<Map<String, Object>> journey(Job job, RunContext run) {
        AgencyMessage message = job.message();
        checkYear(message, run.year());
        if (job.deliveries() > 1) {
            takeOverDelivery(message, job.deliveries());
        }
        onJourney.add(job);
        return List.of(message.row());
    }

    /**
     * The journey is through: the agency must have its outcome. An agency that the hub's stopping
     * cut off has none: the message is rolled back (this throws) and another instance does it.
     */
    public void journeyDone(Job job, RunContext run) {
        onJourney.remove(job);
        flushWarnings(run);
        AgencyMessage message = job.message();
        if (!terminal(message.runId(), message.agency())) {
            if (hubStopping.getAsBoolean()) {
                throw new IllegalStateException("中枢停止运行：单位 " + message.agency() + " 交回消息队列，由其他实例完成");
            }
            if (!reported(run.report(), message.agency())) {
                // The journey ended without finish or failure: a step's own error handler took the
                // error and ended the route there. Done again, the package already sent is not sent twice.
                throw new IllegalStateException("单位 " + message.agency() + " 的流程中途结束而没有结果，交回消息队列重做（已送达的版本不会重复发送）");
            }
        }
        processed.incrementAndGet();
    }

    /** The journey gave the agency an outcome in this instance's report (one with no task row: a code unfit for a folder name). */
    private static boolean reported(RunReport report, String agency) {
        return report.exported().stream().anyMatch(e -> agency.equals(e.agency()))
                || report.failed().stream().anyMatch(f -> agency.equals(f.agency()));
    }

    /**
     * A delivery of the message failed (the hub or finance database, a message that does not match
     * its run, a journey that could not end): the task says so while the message goes back to the
     * queue ("agency-queue-errors" in error-handling.camel.yaml leaves the error on the exchange, so
     * the JMS transaction rolls back).
     *
     * @param run the run's context, when it was made
     */
    public void rolledBack(Job job, RunContext run, Exception failure) {
        Exception error = failure;
        if (job != null && onJourney.remove(job)) {
            // The journey itself did not end (its own error handlers take the agency's errors).
            if (run != null) {
                flushWarnings(run);
            }
            error = new IllegalStateException("单位 " + job.agency() + " 的流程未能结束：" + explainer.explain(failure, null), failure);
        }
        if (job != null && job.message() != null) {
            // The hub's own refusals say it in their message; anything else as the explainer words it.
            String reason = error instanceof IllegalStateException ? error.getMessage() : explainer.explain(error, null);
            try (LogContext log = LogContext.of(job.runId(), job.agency())) {
                LOG.warn("运行 #{} 的单位 {}：第 {} 次投递已回滚，消息交回队列：{}", job.runId(), job.agency(), job.deliveries(), reason);
            }
            try {
                history.stageStarted(job.runId(), job.agency(), Stage.INGEST);
                history.stageProgress(job.runId(), job.agency(), Stage.INGEST, "第 " + job.deliveries() + " 次投递未能处理：" + reason);
            } catch (RuntimeException unrecorded) {
                LOG.debug("Could not record the rollback", unrecorded);
            }
        }
    }

    /**
     * The message came too often: the agency is recorded FAILED in its run with the reason, in the
     * stage it had reached, and the route moves the message to the dead-letter queue.
     *
     * @return the reason, which travels with the dead letter
     */
    public String poison(Job job) {
        AgencyMessage m = job.message();
        List<Map<String, Object>> open = hub.queryForList("SELECT stage, detail FROM task WHERE run_id = ? AND agency_code = ? "
                + "AND status IN (?, ?) ORDER BY started_at DESC", m.runId(), m.agency(), TaskStatus.RUNNING.name(),
                TaskStatus.INTERRUPTED.name());
        Stage stage = open.isEmpty() ? Stage.INGEST : Stage.byId(String.valueOf(open.get(0).get("stage"))).orElse(Stage.INGEST);
        Object last = open.stream().map(t -> t.get("detail")).filter(d -> d != null).findFirst().orElse(null);
        String reason = "消息已处理 " + (job.deliveries() - 1) + " 次均未完成（最多重投 " + maxRedeliveries + " 次），已转入死信队列 "
                + deadLetterQueue + (last == null ? "" : "；" + last) + "。请查明原因后重新运行该单位";
        history.stageStarted(m.runId(), m.agency(), stage);
        history.stageFinished(m.runId(), m.agency(), stage, TaskStatus.FAILED, AgencyOutcome.FAILED, null, reason, null);
        history.agencyDone(m.runId(), Outcome.FAILED);
        try (LogContext log = LogContext.of(m.runId(), m.agency())) {
            LOG.warn("运行 #{} 的单位 {} 失败：{}", m.runId(), m.agency(), reason);
        }
        return reason;
    }

    /** How many agencies this instance took through their journey since it started. */
    public int processed() {
        return processed.get();
    }

    /** How many agencies are on their journey on this instance now. */
    public int inFlight() {
        return onJourney.size();
    }

    /** The run is over: its context is not kept any longer. */
    void forget(long runId) {
        synchronized (contexts) {
            contexts.remove(runId);
        }
    }

    boolean terminal(long runId, String agency) {
        Integer n = hub.queryForObject("SELECT COUNT(*) FROM task WHERE run_id = ? AND agency_code = ? AND " + TERMINAL,
                Integer.class, runId, agency);
        return n != null && n > 0;
    }

    /** A redelivered agency whose version the instance before was sending (it went down on the way): this claim takes it over. */
    private void takeOverDelivery(AgencyMessage m, int deliveries) {
        if (this.deliveries.takeOverSending(m.year(), m.agency(),
                "已中断：发送它的实例中途停止，由 " + history.instance() + " 接手（第 " + deliveries + " 次投递）")) {
            try (LogContext log = LogContext.of(m.runId(), m.agency())) {
                LOG.warn("单位 {}：另一实例停止时正在发送的版本由本实例接手", m.agency());
            }
        }
    }

    /** Warnings the journeys added to this instance's copy of the report go to the run's row. */
    private void flushWarnings(RunContext run) {
        String text;
        synchronized (contexts) {
            Cached c = contexts.get(run.runId());
            if (c == null || c.run != run) {
                return;
            }
            List<String> all = run.report().warnings();
            if (all.size() <= c.flushedWarnings) {
                return;
            }
            text = String.join("\n", all.subList(c.flushedWarnings, all.size()));
            c.flushedWarnings = all.size();
        }
        hub.update("UPDATE run SET warnings = CASE WHEN warnings IS NULL OR warnings = '' THEN ? ELSE warnings || ? END WHERE id = ?",
                text, "\n" + text, run.runId());
    }

    private static void checkYear(AgencyMessage message, int year) {
        if (message.year() != year) {
            throw new IllegalStateException("消息与运行 #" + message.runId() + " 不符：消息的年度是 " + message.year() + "，运行的年度是 " + year);
        }
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
