package org.budgethub.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.publish.ChangeSummary;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.web.ApiErrors;
import org.budgethub.web.ApiRefusal;
import org.budgethub.web.Paged;
import org.budgethub.web.ProblemType;

/** Agencies of a year with their latest status per stage, their tasks and their packages. */
@RestController
@RequestMapping("/api/agencies")
@Tag(name = "agencies", description = "Agencies, their latest status per stage and their delivered packages")
class AgenciesApi {

    private final RunHistory history;
    private final DeliveryRecords deliveries;
    private final AgencyDirectory directory;

    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public AgenciesApi(RunHistory history, DeliveryRecords deliveries, AgencyDirectory directory,
                       com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.history = history;
        this.deliveries = deliveries;
        this.directory = directory;
    }

    @GetMapping
    @Operation(summary = "The units and departments of the year, one page at a time, with their latest run's outcome and status per stage "
            + "(ingest, model, validate, render, publish); a department comes before its units. Filters: department (its code: the "
            + "department and its units), q (a code's start or part of a name); {items, page, size, total}")
    public Paged<Map<String, Object>> agencies(@RequestParam int year, @RequestParam(required = false) String department,
                                               @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        Map<String, AgencyDirectory.Entry> known = directory.of(year);
        Map<String, RunHistory.Latest> latest = new LinkedHashMap<>();
        history.latestOutcomes(year).forEach(l -> latest.put(l.agencyCode(), l));
        String dept = department == null || department.isBlank() ? null : department.trim();
        String words = q == null || q.isBlank() ? null : q.trim();
        List<String> matching = directory.ordered(year, latest.keySet()).stream().filter(code -> {
            AgencyDirectory.Entry entry = known.get(code);
            if (dept != null && !dept.equals(code) && (entry == null || !dept.equals(entry.department()))) {
                return false;
            }
            return words == null || code.startsWith(words) || entry != null && entry.name() != null && entry.name().contains(words);
        }).toList();
        int p = Paged.page(page);
        int n = Paged.size(size);
        int from = (int) Math.min(matching.size(), Paged.offset(p, n));
        List<String> onPage = matching.subList(from, Math.min(matching.size(), from + n));
        Map<String, Long> runs = new LinkedHashMap<>();
        onPage.forEach(a -> runs.put(a, latest.get(a).runId()));
        Map<String, Map<String, Object>> byAgency = new TreeMap<>();
        for (RunHistory.Task t : history.tasksOf(runs)) {
            Map<String, Object> row = byAgency.computeIfAbsent(t.agencyCode(), a -> {
                AgencyDirectory.Entry entry = known.get(a);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("agency", a);
                m.put("name", entry == null ? null : entry.name());
                m.put("kind", entry != null && entry.isDepartment() ? "department" : "unit");
                m.put("department", entry == null ? null : entry.department());
                if (entry != null && entry.isDepartment()) {
                    m.put("units", entry.units());
                }
                m.put("runId", latest.get(a).runId());
                m.put("outcome", latest.get(a).outcome());
                m.put("stages", new LinkedHashMap<String, Object>());
                return m;
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> stages = (Map<String, Object>) row.get("stages");
            stages.put(t.stage(), Map.of("status", t.status(), "runId", t.runId(), "at", String.valueOf(t.finishedAt() == null ? t.startedAt() : t.finishedAt())));
        }
        return new Paged<>(onPage.stream().map(byAgency::get).filter(java.util.Objects::nonNull).toList(), p, n, matching.size());
    }

    @GetMapping("/{agency}")
    @Operation(summary = "One agency: its tasks of the year, newest first", responses = {
            @ApiResponse(responseCode = "200", description = "the agency and its tasks"),
            @ApiResponse(responseCode = "400", description = "a year the finance system does not hold",
                    content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "an agency the finance system does not hold for that year, with no history",
                    content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public Map<String, Object> agency(@PathVariable String agency, @RequestParam int year) {
        List<RunHistory.Task> tasks = history.agencyTasks(year, agency);
        String refusal = tasks.isEmpty() ? directory.refusal(year, agency) : null;
        if (refusal != null) {
            throw directory.fiscalYears().contains(year) ? new ApiRefusal(ProblemType.UNKNOWN_AGENCY, refusal)
                    : new ApiRefusal(ProblemType.YEAR_WITHOUT_DATA, refusal);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agency", agency);
        body.put("year", year);
        body.put("tasks", tasks.stream().map(t -> RunsApi.TaskView.of(t, json)).toList());
        return body;
    }

    @GetMapping("/{agency}/packages")
    @Operation(summary = "The agency's delivered packages: versions, content hashes, status and what changed")
    public List<Map<String, Object>> packages(@PathVariable String agency, @RequestParam int year) {
        List<DeliveryRecords.Delivery> history = deliveries.history(year, agency);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            DeliveryRecords.Delivery d = history.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", d.version());
            m.put("contentHash", d.contentHash());
            m.put("status", d.status());
            m.put("forced", d.forced());
            m.put("correctionNote", d.correctionNote());
            m.put("error", d.error());
            m.put("createdAt", d.createdAt());
            m.put("deliveredAt", d.deliveredAt());
            if (i + 1 < history.size()) {
                m.put("changedFromPrevious", ChangeSummary.changedParts(history.get(i + 1).disclosureJson(), d.disclosureJson()));
                m.put("changedFigures", ChangeSummary.changedFigures(history.get(i + 1).disclosureJson(), d.disclosureJson(), 200));
            }
            out.add(m);
        }
        return out;
    }
}
