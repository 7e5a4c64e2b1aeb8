package org.budgethub.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.budgethub.authoring.NarrativeWords;
import org.budgethub.authoring.RunWords;
import org.budgethub.config.Departments;
import org.budgethub.config.HubProperties;
import org.budgethub.config.LogContext;
import org.budgethub.health.FailureExplainer;
import org.budgethub.ingest.ElementRows;
import org.budgethub.ingest.Rows;

/**
 * The run-level steps of routes/run.camel.yaml: open a run, load what all agencies share, and
 * close it with its report. Routes decide the order; this bean only does the work.
 */
@Component("runService")
public class RunService {

    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);

    private final NarrativeWords narratives;
    private final RunHistory history;
    private final FailureExplainer explainer;
    private final BooleanSupplier hubStopping;
    private final Departments defaultDepartments;
    /** Distributed runs (hub.run.distributed): their agencies finish on any instance, and so does the run. */
    private RemoteCompletion completion;

    public RunService(HubProperties hub, NarrativeWords narratives, RunHistory history, FailureExplainer explainer,
                      BooleanSupplier hubStopping) {
        this.narratives = narratives;
        this.history = history;
        this.explainer = explainer;
        this.hubStopping = hubStopping;
        this.defaultDepartments = hub.run().departments();
    }

    /**
     * Checks the request, brings in the words (the narrative folder imported into the store, or read
     * itself) and records the run (unless its caller did).
     */
    public RunContext begin(RunRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a run needs a RunRequest body");
        }
        request.check();
        RunReport report = new RunReport(request);
        RunWords words = narratives.begin(request.year(), report::warn);
        long runId;
        if (request.runId() != null) {
            runId = request.runId();
            history.running(runId);
        } else {
            runId = history.startRun(request);
        }
        try (LogContext log = LogContext.run(runId)) {
            LOG.info("运行 #{} 开始：{}，由 {} 发起；说明文字{}（{} 个单位或部门有说明）", runId, request.describe(), request.trigger(),
                    words.fromStore() ? "取自说明库（已导入 " + narratives.folder() + "）" : "取自文件夹 " + narratives.folder(), words.size());
        }
        return new RunContext(runId, report, words);
    }

    public void elements(RunContext run, List<Map<String, Object>> functionalRows, List<Map<String, Object>> economicRows) {
        run.setElements(ElementRows.of(run.year(), functionalRows, economicRows), ElementRows.of(run.previousYear(), functionalRows, economicRows));
    }

    /** Ledger entries without an appropriation belong to no agency: a run-level warning naming the first few. */
    public void orphanLedgerEntries(RunContext run, Iterator<Map<String, Object>> rows) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        while (rows.hasNext()) {
            Map<String, Object> row = rows.next();
            if (count++ < 10) {
                shown.add(Rows.text(row, "entry_id") + "（指标 " + Rows.text(row, "bgt_id") + "）");
            }
        }
        if (count > 0) {
            run.report().warn(count + " 条指标账没有对应的指标，不属于任何单位：" + String.join("、", shown)
                    + (count > shown.size() ? " 等" : ""));
        }
    }

    /**
     * What the run covers, from every agency of the year with its department: the units (all of
     * them, the one, or the listed ones) and the departments its request asks for, and how many in all.
     */
    public void plan(RunContext run, List<Map<String, Object>> agencyRows) {
        Map<String, String> departmentOf = new HashMap<>();
        for (Map<String, Object> row : agencyRows) {
            String code = Rows.text(row, "agency_code");
            String department = Rows.text(row, "department");
            departmentOf.put(code, department == null || department.isBlank() ? null : department);
        }
        Set<String> departments = new TreeSet<>(departmentOf.values().stream().filter(Objects::nonNull).toList());
        RunRequest request = run.request();
        Departments which = request.departments() != null ? request.departments() : defaultDepartments;
        List<String> scope = request.agency() != null ? List.of(request.agency()) : request.agencies();
        Set<String> built = new TreeSet<>();
        if (which != Departments.NONE) {
            if (scope == null) {
                built.addAll(departments);
            } else {
                scope.stream().filter(departments::contains).forEach(built::add);
                if (which == Departments.WITH_PARENTS) {
                    scope.stream().map(departmentOf::get).filter(Objects::nonNull).forEach(built::add);
                }
            }
        }
        // A code that is only a department (no bas_agency row of its own) is no unit to build.
        List<String> units = scope == null ? List.of()
                : scope.stream().filter(code -> departmentOf.containsKey(code) || !built.contains(code)).toList();
        run.setPlan(units, List.copyOf(built));
        run.report().expect((scope == null ? departmentOf.size() : units.size()) + built.size());
        history.expect(run.runId(), run.report().expected());
    }

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setCompletion(RemoteCompletion completion) {
        this.completion = completion;
    }

    public RunReport finish(RunContext run) {
        if (completion != null && completion.distributed(run)) {
            return completion.awaitRun(run);
        }
        RunReport report = run.report();
        RunRequest request = run.request();
        // An incremental run that found nothing changed at the source did its job: no "no data" there.
        if (report.done() == 0 && report.skipped() == 0) {
            if (request.agency() != null) {
                report.failed(request.agency(), "ingest", "bas_agency 中没有 " + request.year() + " 年的单位 " + request.agency(),
                        List.of(), true);
            } else if (request.agencies() == null) {
                report.noData();
            }
        }
        report.finish();
        // A year with no agencies yet (next year, before the budget is entered) is no failure.
        boolean succeeded = report.succeeded() || report.hasNoData()
                || (report.failed().isEmpty() && report.done() == 0 && request.agencies() != null);
        // Stopped with the hub: not a failure of the data, and a later start resumes it.
        boolean onlyHeldBack = report.aborted() == null && !report.failed().isEmpty()
                && report.failed().stream().allMatch(RunReport.Failed::heldBack);
        RunStatus status = hubStopping.getAsBoolean() ? RunStatus.INTERRUPTED : succeeded ? RunStatus.SUCCEEDED
                : onlyHeldBack ? RunStatus.HELD_BACK : RunStatus.FAILED;
        history.finishRun(run.runId(), status, report.warnings());
        LOG.info("运行 #{} 结束：{}，{}；用时 {} 毫秒", run.runId(), request.describe(), report.counts(), report.elapsed().toMillis());
        return report;
    }

    /**
     * The dead-letter end of a run that could not go on (its finance database cannot be read, say):
     * the cause, in the operator's words, is recorded with the run and returned in its report.
     *
     * @throws IllegalArgumentException when there is no run yet: the request itself was wrong
     */
    public RunReport failed(RunContext run, Throwable error) {
        if (run == null) {
            throw error instanceof RuntimeException e ? e : new IllegalStateException(error);
        }
        String reason = explainer.explain(error, null);
        RunReport report = run.report();
        report.abort(reason);
        report.finish();
        history.finishRun(run.runId(), hubStopping.getAsBoolean() ? RunStatus.INTERRUPTED : RunStatus.FAILED, report.warnings());
        LOG.warn("运行 #{} 失败：{}；原因：{}", run.runId(), run.request().describe(), reason);
        return report;
    }
}
