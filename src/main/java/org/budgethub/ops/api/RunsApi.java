package org.budgethub.ops.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import org.budgethub.model.DisclosureId;
import org.budgethub.ops.run.RunHistory;
import org.budgethub.ops.run.RunLauncher;
import org.budgethub.ops.run.RunRequest;

/** Runs and their tasks: list, inspect, start (one agency, the failed ones, or all) and resume. */
@RestController
@RequestMapping("/api/runs")
@Tag(name = "runs", description = "Runs of the disclosure pipeline and their tasks")
public class RunsApi {

    /** What to run: a year, and one agency, the agencies that failed last time, or all. */
    public record StartRun(Integer year, String scope, String agency, Boolean force) {
    }

    private final RunHistory history;
    private final RunLauncher launcher;
    private final AuditLog audit;

    public RunsApi(RunHistory history, RunLauncher launcher, AuditLog audit) {
        this.history = history;
        this.launcher = launcher;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The latest runs, newest first")
    public List<RunHistory.Run> runs(@RequestParam(defaultValue = "50") int limit) {
        return history.runs(limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One run with its progress")
    public RunHistory.Run run(@PathVariable long id) {
        return history.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run " + id));
    }

    @GetMapping("/{id}/tasks")
    @Operation(summary = "The tasks of a run: one per agency and stage")
    public List<RunHistory.Task> tasks(@PathVariable long id) {
        run(id);
        return history.tasks(id);
    }

    @PostMapping
    @Operation(summary = "Start a run (operators): scope 'agency' with an agency code, 'failed' or 'all'")
    public ResponseEntity<Map<String, Object>> start(@RequestBody StartRun body, java.security.Principal user) {
        if (body == null || body.year() == null) {
            throw new IllegalArgumentException("year is required, e.g. {\"year\": 2026, \"scope\": \"all\"}");
        }
        DisclosureId.checkYear(body.year());
        boolean force = Boolean.TRUE.equals(body.force());
        String trigger = "user:" + user.getName();
        String scope = body.scope() == null ? (body.agency() == null ? "all" : "agency") : body.scope();
        RunRequest request = switch (scope) {
            case "agency" -> {
                if (body.agency() == null) {
                    throw new IllegalArgumentException("scope 'agency' needs an agency code");
                }
                DisclosureId.checkCode(body.agency());
                yield new RunRequest(body.year(), body.agency(), trigger, force);
            }
            case "failed" -> launcher.failedAgencies(body.year(), trigger, force);
            case "all" -> new RunRequest(body.year(), null, trigger, force);
            default -> throw new IllegalArgumentException("scope is one of agency, failed, all");
        };
        long id = launcher.launch(request);
        audit.record("run.start", "run #" + id + ": year " + body.year() + ", scope " + scope
                + (body.agency() == null ? "" : ", agency " + body.agency()) + (force ? ", forced" : ""));
        return accepted(id);
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume an interrupted run (operators): its agencies that did not get through publishing")
    public ResponseEntity<Map<String, Object>> resume(@PathVariable long id, java.security.Principal user) {
        run(id);
        long resumed = launcher.launch(launcher.resumeOf(id, "user:" + user.getName()));
        audit.record("run.resume", "run #" + resumed + " resumes run #" + id);
        return accepted(resumed);
    }

    private static ResponseEntity<Map<String, Object>> accepted(long id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", "QUEUED");
        body.put("href", "/api/runs/" + id);
        return ResponseEntity.accepted().location(URI.create("/api/runs/" + id)).body(body);
    }

    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
