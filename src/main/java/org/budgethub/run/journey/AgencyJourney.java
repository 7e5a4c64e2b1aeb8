package org.budgethub.run.journey;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.budgethub.config.LogContext;
import org.budgethub.health.FailureExplainer;
import org.budgethub.ingest.Rows;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.Finding;
import org.budgethub.model.Stage;
import org.budgethub.publish.Publisher;
import org.budgethub.render.DisclosureJson;
import org.budgethub.run.Outcome;
import org.budgethub.run.RunContext;
import org.budgethub.run.AgencyOutcome;
import org.budgethub.run.RunHistory;
import org.budgethub.run.TaskStatus;

/**
 * The bookkeeping of one agency's journey in routes/agency.camel.yaml: it starts the work item,
 * records each stage in the run history as the route enters it, and ends the journey as exported
 * or failed in the run's report. The stages' own work is done by their beans, never here.
 */
@Component("agencyJourney")
public class AgencyJourney {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyJourney.class);

    /** The "kind" of a row that starts a department's journey rather than a unit's. */
    public static final String DEPARTMENT = RunContext.DEPARTMENT_KIND;

    private final RunHistory history;
    private final Publisher publisher;
    private final FailureExplainer explainer;
    private final BooleanSupplier hubStopping;

    /** @param hubStopping true while the hub shuts down: an agency cut off then was interrupted, not wrong */
    public AgencyJourney(RunHistory history, Publisher publisher, FailureExplainer explainer, BooleanSupplier hubStopping) {
        this.history = history;
        this.publisher = publisher;
        this.explainer = explainer;
        this.hubStopping = hubStopping;
    }

    /**
     * Starts an agency from its bas_agency row, or a department from its row of the run's plan: the work
     * item, in the ingest stage. A code that bas_agency lists twice or padded with white space is
     * reported once and processed once.
     *
     * @throws DataError for a code that cannot be a folder name: it never reaches a path
     */
    public AgencyWork begin(Map<String, Object> agencyRow, RunContext run) {
        boolean department = DEPARTMENT.equals(Rows.text(agencyRow, "kind"));
        String code = Rows.text(agencyRow, "agency_code");
        code = code == null ? "" : code.trim();
        if (!DisclosureId.isSafeCode(code)) {
            throw new DataError(Stage.INGEST, "单位代码不能用作文件夹名：“" + code + "”");
        }
        Object rows = Rows.value(agencyRow, "row_count");
        if (rows != null && Rows.integer(agencyRow, "row_count") > 1) {
            run.report().warn("bas_agency 中 " + run.year() + " 年单位 " + code + " 出现 " + rows + " 次，只处理一次");
        } else if (Rows.value(agencyRow, "padded") != null && Rows.integer(agencyRow, "padded") > 0) {
            run.report().warn("bas_agency 中单位代码“" + code + "”前后有空白，已按 " + code + " 处理");
        }
        AgencyWork work = new AgencyWork(new DisclosureId(run.year(), code), run.elements(), run.previousElements(),
                run.request().forces(code), department);
        work.setBuiltBy(run.request().trigger());
        enter(work, Stage.INGEST, run);
        return work;
    }

    /**
     * Moves the agency to {@code stage}: the stage in progress is recorded as done, the new one as
     * running. The task rows are the run history and the console's live view.
     */
    public void enter(AgencyWork work, Stage stage, RunContext run) {
        Stage current = work.stage();
        if (current != null && current != stage) {
            finishStage(work, current, run);
        }
        work.setStage(stage);
        work.setStageStartedAt(history.stageStarted(run.runId(), work.agency(), stage));
    }

    /** The agency got through: its package is where {@link AgencyWork#outcome()} says. */
    public void finish(AgencyWork work, RunContext run) {
        String outcome = work.outcome() == null ? "" : work.outcome();
        int done = run.report().exported(work.agency(), outcome, work.skipped(), work.findings());
        finishStage(work, Stage.PUBLISH, run);
        work.setStage(null);
        history.agencyDone(run.runId(), work.skipped() ? Outcome.UNCHANGED : Outcome.NEW_VERSION);
        LOG.info("[{}/{}] {} 处理完成（检查结果 {} 条）", done, run.report().expected(), work.agency(), work.findings().size());
    }

    /** The detail of a task whose agency its data held back (validation, bad rows): no retry helps, a correction does. */
    public static final String HELD_BACK = "未通过：数据或说明须更正，重试无用";

    /**
     * A stage failed and is about to be tried again: its task says which attempt comes and why the
     * last one failed, while it is still running.
     */
    public void retrying(AgencyWork work, RunContext run, int retry, int maxRetries, Throwable error) {
        work.setRetry(retry);
        Stage stage = work.stage() != null ? work.stage() : Stage.INGEST;
        String reason = explainer.explain(error, stage);
        history.stageProgress(run.runId(), work.agency(), stage, FailureExplainer.attempts(retry + 1, maxRetries + 1) + "；上一次失败：" + reason);
        // Called by the error handler between attempts, outside the route's steps: the log context is set here.
        try (LogContext log = LogContext.of(run.runId(), work.agency())) {
            LOG.warn("{} 的{}（{}）阶段将进行{}，上一次失败：{}", work.agency(), stage.label(), stage.id(),
                    FailureExplainer.attempts(retry + 1, maxRetries + 1), reason);
        }
    }

    /**
     * The dead-letter end of an agency: recorded with its stage and the operator's sentence for what
     * went wrong, and the run goes on. A claimed delivery that did not arrive is recorded as failed,
     * so the next run takes it over with the same version.
     *
     * @param agencyRow the route's body when the work item was never made (its code was unsafe)
     */
    public void failed(AgencyWork work, Throwable error, RunContext run, Object agencyRow) {
        String agency = work != null ? work.agency() : agencyRow instanceof Map<?, ?> row ? String.valueOf(Rows.text(castRow(row), "agency_code")) : "?";
        Stage task = work == null ? null : work.stage();
        if (hubStopping.getAsBoolean()) {
            // The hub is going down: this agency was cut off, not wrong; the resumed run will do it.
            if (task != null) {
                history.stageFinished(run.runId(), agency, task, TaskStatus.INTERRUPTED, null, null, "已中断：中枢停止运行，继续运行时完成", null);
            }
            try (LogContext log = LogContext.of(run.runId(), agency)) {
                LOG.warn("{} 因中枢停止而中断，继续运行时完成", agency);
            }
            return;
        }
        DataError data = FailureExplainer.find(error, DataError.class);
        Stage stage = data != null ? data.stage() : task != null ? task : Stage.INGEST;
        String reason = FailureExplainer.afterRetries(work, explainer.explain(error, stage));
        List<Finding> findings = data == null ? List.of() : data.findings();
        if (work != null && stage == Stage.PUBLISH) {
            publisher.failed(work, reason);
        }
        int done = run.report().failed(agency, stage.id(), reason, findings, data != null);
        if (work != null) {
            Stage failedTask = task != null ? task : stage;
            if (task == null) {
                history.stageStarted(run.runId(), agency, failedTask);
            }
            history.stageFinished(run.runId(), agency, failedTask, TaskStatus.FAILED, AgencyOutcome.failed(data != null),
                    data != null ? HELD_BACK : null, reason,
                    findings.isEmpty() ? null : DisclosureJson.findingsJson(findings));
        }
        history.agencyDone(run.runId(), data != null ? Outcome.HELD_BACK : Outcome.FAILED);
        try (LogContext log = LogContext.of(run.runId(), agency)) {
            if (FailureExplainer.isProgrammingError(error)) {
                LOG.error("[{}/{}] {} 在{}（{}）阶段失败：{}", done, run.report().expected(), agency, stage.label(), stage.id(), reason,
                        error); // the trace is for developers
            } else {
                LOG.warn("[{}/{}] {} 在{}（{}）阶段失败：{}", done, run.report().expected(), agency, stage.label(), stage.id(), reason);
            }
        }
    }

    private void finishStage(AgencyWork work, Stage stage, RunContext run) {
        TaskStatus status = stage == Stage.PUBLISH && work.skipped() ? TaskStatus.SKIPPED : TaskStatus.DONE;
        AgencyOutcome outcome = stage == Stage.PUBLISH ? AgencyOutcome.published(work) : null;
        String detail = null;
        String findings = null;
        if (stage == Stage.VALIDATE) {
            detail = work.findings().size() + " 条检查结果";
            findings = DisclosureJson.findingsJson(work.findings());
        } else if (stage == Stage.PUBLISH) {
            detail = work.outcome();
        }
        history.stageFinished(run.runId(), work.agency(), stage, work.stage() == stage ? work.stageStartedAt() : -1, status, outcome,
                detail,
                null, findings);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castRow(Map<?, ?> row) {
        return (Map<String, ?>) row;
    }
}
