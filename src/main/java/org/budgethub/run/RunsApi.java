package org.budgethub.run;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.model.DisclosureId;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ApiErrors;
import org.budgethub.web.ApiRefusal;
import org.budgethub.web.Paged;
import org.budgethub.web.ProblemType;

/** Runs and their tasks: list, inspect, start (one agency, the failed ones, or all) and resume. */
@RestController
@RequestMapping("/api/runs")
@Tag(name = "runs", description = "Runs of the disclosure pipeline and their tasks")
class RunsApi {

    /** What to run: a year, and one agency, the agencies that failed last time, or all. */
    public record StartRun(@Schema(example = "2026", requiredMode = Schema.RequiredMode.REQUIRED) Integer year,
                           @Schema(allowableValues = {"agency", "failed", "all"}, example = "agency") String scope,
                           @Schema(example = "101023") String agency,
                           @Schema(description = "发布即使内容未变（新版本）") Boolean force,
                           @Schema(description = "全量重建：scope 为 all 的运行默认只重建来源数据（财政数据、说明、科目）有改动的单位，"
                                   + "true 时重建每个单位") Boolean full) {

        /** Without {@code full}, as clients written before it send it. */
        public StartRun(Integer year, String scope, String agency, Boolean force) {
            this(year, scope, agency, force, null);
        }
    }

    /** A run accepted: it is queued and runs when the one before it is through. */
    public record Accepted(long id, RunStatus status, String href) {
    }

    /**
     * A run as an operator counts it: {@code newVersions} packages built anew, {@code unchanged} ones
     * already published as they are, {@code heldBack} by their data (validation), {@code failed} in all
     * (held back included), of {@code total} planned.
     */
    public record RunView(long id, int year, String scope, String agency, List<String> agencies, boolean forced, String triggeredBy,
                          RunStatus status, int total, int done, int newVersions, int unchanged, int heldBack, int failed,
                          String currentAgency, List<String> warnings, Long resumedFrom, Instant startedAt, Instant finishedAt,
                          long elapsedMs) {

        static RunView of(RunHistory.Run r) {
            return new RunView(r.id(), r.fiscalYear(), r.scope(), r.agencyCode(),
                    r.agencies() == null ? null : r.agencies().isEmpty() ? List.of() : List.of(r.agencies().split(",")), r.forced(),
                    r.triggeredBy(), r.status(), r.total(), r.done(), r.newVersions(), r.unchanged(), r.heldBack(), r.failed(),
                    r.currentAgency(), r.warnings() == null ? List.of() : List.of(r.warnings().split("\n")), r.resumedFrom(),
                    r.startedAt(), r.finishedAt(), r.elapsed().toMillis());
        }
    }

    /** One stage of one agency in a run; {@code findings} are those of disclosure.json, as a list. */
    public record TaskView(long id, long runId, String agency, String stage, TaskStatus status, String detail, String error,
                           @io.swagger.v3.oas.annotations.media.ArraySchema(arraySchema = @Schema(description = "校验结果（validate 阶段），每条一个对象"),
                                   schema = @Schema(type = "object")) List<JsonNode> findings, Instant startedAt, Instant finishedAt, Long durationMs) {

        static TaskView of(RunHistory.Task t, ObjectMapper json) {
            List<JsonNode> findings = new java.util.ArrayList<>();
            try {
                if (t.findings() != null) {
                    json.readTree(t.findings()).forEach(findings::add);
                }
            } catch (java.io.IOException e) {
                // a findings column that is not JSON is shown as none rather than failing the page
            }
            return new TaskView(t.id(), t.runId(), t.agencyCode(), t.stage(), t.status(), t.detail(), t.error(), findings, t.startedAt(),
                    t.finishedAt(), t.durationMs());
        }
    }

    private final RunHistory history;
    private final RunLauncher launcher;
    private final AuditLog audit;
    private final AgencyDirectory directory;
    private final ObjectMapper json;

    public RunsApi(RunHistory history, RunLauncher launcher, AuditLog audit, AgencyDirectory directory, ObjectMapper json) {
        this.history = history;
        this.launcher = launcher;
        this.audit = audit;
        this.directory = directory;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "The runs, newest first, one page at a time (filters: year, status); {items, page, size, total}")
    public Paged<RunView> runs(@RequestParam(required = false) Integer year, @RequestParam(required = false) RunStatus status,
                               @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return history.runs(year, status, Paged.page(page), Paged.size(size)).map(RunView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One run with its progress and counts", responses = {
            @ApiResponse(responseCode = "200", description = "the run"),
            @ApiResponse(responseCode = "404", description = "no such run", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public RunView run(@PathVariable long id) {
        return RunView.of(find(id));
    }

    /** A task carries its findings (about 10 KB for an agency with 34): 20 a page by default, 50 at most, keep an answer near 200 KB. */
    static final int TASKS_PAGE = 20;
    static final int TASKS_MAX = 50;

    @GetMapping("/{id}/tasks")
    @Operation(summary = "The tasks of a run, one page at a time: one per agency and stage (filters: status, stage, q: an agency's "
            + "code or part of its name, findings: only tasks with findings); {items, page, size, total}", responses = {
            @ApiResponse(responseCode = "200", description = "one page of the tasks"),
            @ApiResponse(responseCode = "404", description = "no such run", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public Paged<TaskView> tasks(@PathVariable long id, @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String stage, @RequestParam(required = false) String q,
                                 @RequestParam(required = false) Boolean findings, @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        RunHistory.Run run = find(id);
        Map<String, String> names = new java.util.HashMap<>();
        if (q != null && !q.isBlank()) {
            directory.of(run.fiscalYear()).forEach((code, e) -> names.put(code, e.name()));
        }
        return history.tasks(id, RunHistory.TaskFilter.of(status, stage, q, findings, names), Paged.page(page),
                        Paged.size(size, TASKS_PAGE, TASKS_MAX))
                .map(t -> TaskView.of(t, json));
    }

    @PostMapping
    @Operation(summary = "Start a run (operators): scope 'agency' with an agency code, 'failed' or 'all'", responses = {
            @ApiResponse(responseCode = "202", description = "queued; Location is the run"),
            @ApiResponse(responseCode = "400", description = "unknown agency, a year without data, or a malformed request",
                    content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "403", description = "not an operator"),
            @ApiResponse(responseCode = "409", description = "the same run is already queued or running (its id is in the answer)",
                    content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ResponseEntity<Accepted> start(@RequestBody StartRun body, java.security.Principal user) {
        if (body == null || body.year() == null) {
            throw new ApiRefusal(ProblemType.MISSING_PARAMETER, "缺少年度 year，例如 {\"year\": 2026, \"scope\": \"all\"}");
        }
        DisclosureId.checkYear(body.year());
        boolean force = Boolean.TRUE.equals(body.force());
        boolean full = Boolean.TRUE.equals(body.full());
        String trigger = "user:" + user.getName();
        String scope = body.scope() == null ? (body.agency() == null ? "all" : "agency") : body.scope();
        if (!List.of("agency", "failed", "all").contains(scope)) {
            throw new ApiRefusal(ProblemType.INVALID_PARAMETER, "scope 只能是 agency、failed 或 all");
        }
        if ("agency".equals(scope) && body.agency() == null) {
            throw new ApiRefusal(ProblemType.MISSING_PARAMETER, "scope 为 agency 时须给出单位代码 agency");
        }
        String agency = "agency".equals(scope) ? DisclosureId.checkCode(body.agency()) : null;
        String refusal = directory.refusal(body.year(), agency);
        if (refusal != null) {
            // Named in the body, not the path: 400 either way.
            throw directory.fiscalYears().contains(body.year())
                    ? new ApiRefusal(ProblemType.UNKNOWN_AGENCY, HttpStatus.BAD_REQUEST, refusal)
                    : new ApiRefusal(ProblemType.YEAR_WITHOUT_DATA, refusal);
        }
        RunRequest request = switch (scope) {
            case "agency" -> new RunRequest(body.year(), agency, trigger, force);
            case "failed" -> launcher.failedAgencies(body.year(), trigger, force);
            default -> new RunRequest(body.year(), null, trigger, force).withFull(full);
        };
        if (request.agencies() != null && request.agencies().isEmpty()) {
            throw new ApiRefusal(ProblemType.NOTHING_TO_RUN, body.year() + " 年没有失败的单位，无需重新运行");
        }
        long id = launch(request);
        audit.record("run.start", "运行 #" + id + "：" + request.describe() + (force ? "，强制发布" : "") + (request.full() ? "，全量重建" : ""));
        return accepted(id);
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume an interrupted run (operators): its agencies that did not get through publishing", responses = {
            @ApiResponse(responseCode = "202", description = "queued; Location is the new run"),
            @ApiResponse(responseCode = "404", description = "no such run", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "the run was not interrupted, or the same run is queued",
                    content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ResponseEntity<Accepted> resume(@PathVariable long id, java.security.Principal user) {
        find(id);
        RunRequest request;
        try {
            request = launcher.resumeOf(id, "user:" + user.getName());
        } catch (IllegalStateException e) {
            throw new ApiRefusal(ProblemType.RUN_NOT_RESUMABLE, e.getMessage()).run(id).href("/console/runs/" + id);
        }
        long resumed = launch(request);
        audit.record("run.resume", "运行 #" + resumed + " 继续已中断的运行 #" + id);
        return accepted(resumed);
    }

    private RunHistory.Run find(long id) {
        return history.run(id).orElseThrow(() -> new ApiRefusal(ProblemType.UNKNOWN_RUN, "没有运行 #" + id));
    }

    /** The same run already queued or running: refused, pointing at it. */
    private long launch(RunRequest request) {
        try {
            return launcher.launch(request);
        } catch (DuplicateRun e) {
            throw new ApiRefusal(ProblemType.DUPLICATE_RUN, e.getMessage()).run(e.existing()).href("/console/runs/" + e.existing());
        }
    }

    private static ResponseEntity<Accepted> accepted(long id) {
        return ResponseEntity.accepted().location(URI.create("/api/runs/" + id)).body(new Accepted(id, RunStatus.QUEUED, "/api/runs/" + id));
    }
}
