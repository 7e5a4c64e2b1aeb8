package org.budgethub.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.DeliveryStatus;
import org.budgethub.review.ReleaseFailures;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ConsolePages;

/**
 * The operators' console: the dashboard of a year (last night, runs under way, every agency with
 * its latest run), the runs × agencies grid of the last nights, a run with its tasks; and the run
 * actions (rerun the failed, run all, resume), each launched through {@link RunLauncher} and
 * written to the audit log. The agency page is {@link AgencyController}'s.
 */
@Controller
class ConsoleController {

    /**
     * One agency on the dashboard: the stages of its latest run (never a stage of another run beside
     * them), what that run made of it, its warnings, and its newest delivered and waiting versions; a
     * department's row comes before its units', which are marked as its members.
     */
    public record AgencyRow(String code, String name, boolean department, String memberOf, List<StageCell> stages, String search,
                            AgencyOutcome outcome, Long runId, String reason, int warnings, DeliveryRecords.VersionState delivered,
                            DeliveryRecords.VersionState awaiting) {

        public boolean failed() {
            return outcome == AgencyOutcome.FAILED || outcome == AgencyOutcome.HELD_BACK || outcome == AgencyOutcome.PUBLISH_FAILED;
        }
    }

    /** A stage of an agency in its latest run, or none. */
    public record StageCell(String stage, RunHistory.Task task) {

        public TaskStatus status() {
            return task == null ? null : task.status();
        }
    }

    /** A run under way (or queued) with the agencies it is working on now. */
    public record ActiveRun(RunHistory.Run run, List<RunHistory.Task> inFlight) {
    }

    /** One agency's row of the grid: its outcome in each of the runs shown (null: not in that run). */
    public record GridRow(String code, String name, boolean department, List<GridCell> cells) {
    }

    public record GridCell(long runId, AgencyOutcome outcome, String title) {
    }

    private static final int GRID_RUNS = 10;
    private static final int FAILURES_SHOWN = 50;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final RunHistory history;
    private final RunLauncher launcher;
    private final AuditLog audit;
    private final DeliveryRecords deliveries;
    private final AgencyDirectory directory;
    private final ScheduledRuns schedule;
    private final ConsolePages pages;
    private final ConsoleRuns runs;
    private final ReleaseFailures releaseFailures;

    public ConsoleController(RunHistory history, RunLauncher launcher, AuditLog audit, DeliveryRecords deliveries,
                             AgencyDirectory directory, ScheduledRuns schedule, ConsolePages pages, ConsoleRuns runs, ReleaseFailures releaseFailures) {
        this.releaseFailures = releaseFailures;
        this.history = history;
        this.launcher = launcher;
        this.audit = audit;
        this.deliveries = deliveries;
        this.directory = directory;
        this.schedule = schedule;
        this.pages = pages;
        this.runs = runs;
    }

    // ---------------------------------------------------------------- dashboard

    /** The dashboard's agency filter as asked: a department, an outcome (its name, or FAILURES for any failure), warnings, a search. */
    public record AgencyQuery(String department, String status, boolean warnings, String q) {

        boolean any() {
            return department != null || status != null || warnings || q != null;
        }
    }

    /** What the dashboard sums up for a year, shared by the requests that ask while it is being computed ({@link org.budgethub.web.SingleFlight}). */
    private record YearOverview(Map<String, DeliveryRecords.VersionState> delivered, Map<String, DeliveryRecords.VersionState> awaiting,
                                Map<String, AgencyDirectory.Entry> known, Map<String, ReleaseFailures.Failed> releaseFailed,
                                Map<String, RunHistory.Latest> latest) {
    }

    private final org.budgethub.web.SingleFlight<Integer, YearOverview> overviews = new org.budgethub.web.SingleFlight<>();

    private YearOverview overview(int y) {
        Map<String, DeliveryRecords.VersionState> delivered = new LinkedHashMap<>();
        Map<String, DeliveryRecords.VersionState> awaiting = new LinkedHashMap<>();
        for (DeliveryRecords.VersionState v : deliveries.versionStates(y)) {
            if (v.status().reachedCms()) {
                delivered.putIfAbsent(v.agencyCode(), v);
            } else if (v.status() == DeliveryStatus.AWAITING_REVIEW) {
                awaiting.putIfAbsent(v.agencyCode(), v);
            }
        }
        // One small row per agency, summed up in the database; the tasks are read for the page's agencies only.
        Map<String, RunHistory.Latest> latest = new LinkedHashMap<>();
        history.latestOutcomes(y).forEach(l -> latest.put(l.agencyCode(), l));
        return new YearOverview(delivered, awaiting, directory.of(y), releaseFailures.of(y), latest);
    }

    @GetMapping("/console")
    public String dashboard(@RequestParam(required = false) Integer year, @RequestParam(required = false) String department,
                            @RequestParam(required = false) String status, @RequestParam(required = false) Boolean warnings,
                            @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size, Authentication user, Model model) {
        int y = year == null ? pages.defaultYear() : ConsolePages.checkYear(year);
        AgencyQuery filter = new AgencyQuery(blankless(department), blankless(status), Boolean.TRUE.equals(warnings), blankless(q));
        YearOverview overview = overviews.get(y, this::overview);
        Map<String, DeliveryRecords.VersionState> delivered = overview.delivered();
        Map<String, DeliveryRecords.VersionState> awaiting = overview.awaiting();
        Map<String, AgencyDirectory.Entry> known = overview.known();
        Map<String, ReleaseFailures.Failed> releaseFailed = overview.releaseFailed();
        Map<String, RunHistory.Latest> latest = overview.latest();
        List<String> matching = new ArrayList<>();
        long failedCount = 0;
        long warningCount = 0;
        for (String agency : directory.ordered(y, latest.keySet())) {
            RunHistory.Latest l = latest.get(agency);
            AgencyOutcome shown = shownOutcome(l.outcome(), awaiting.containsKey(agency), releaseFailed.containsKey(agency));
            if (isFailure(shown)) {
                failedCount++;
            }
            if (l.warned()) {
                warningCount++;
            }
            if (matches(filter, agency, known.get(agency), shown, l.warned(), awaiting.containsKey(agency))) {
                matching.add(agency);
            }
        }
        int p = org.budgethub.web.Paged.page(page);
        int n = org.budgethub.web.Paged.size(size);
        int from = (int) Math.min(matching.size(), org.budgethub.web.Paged.offset(p, n));
        List<String> onPage = matching.subList(from, Math.min(matching.size(), from + n));
        Map<String, Long> runs = new LinkedHashMap<>();
        onPage.forEach(a -> runs.put(a, latest.get(a).runId()));
        Map<String, List<RunHistory.Task>> byAgency = new TreeMap<>();
        history.tasksOf(runs).forEach(t -> byAgency.computeIfAbsent(t.agencyCode(), a -> new ArrayList<>()).add(t));
        java.util.Set<String> shownCodes = new java.util.HashSet<>(onPage);
        List<AgencyRow> rows = new ArrayList<>();
        for (String agency : onPage) {
            List<RunHistory.Task> tasks = byAgency.get(agency);
            if (tasks != null) {
                rows.add(row(agency, tasks, known, shownCodes, delivered.get(agency), awaiting.get(agency), releaseFailed.get(agency)));
            }
        }
        model.addAttribute("year", y);
        model.addAttribute("years", pages.years(y));
        model.addAttribute("stages", RunHistory.STAGES);
        model.addAttribute("agencies", rows);
        model.addAttribute("agencyPage", new org.budgethub.web.Paged<>(rows, p, n, matching.size()));
        model.addAttribute("agencyFilter", filter);
        model.addAttribute("agencyTotal", latest.size());
        model.addAttribute("departments", known.values().stream().filter(AgencyDirectory.Entry::isDepartment).toList());
        model.addAttribute("outcomes", AgencyOutcome.values());
        model.addAttribute("failedCount", failedCount);
        model.addAttribute("warningCount", warningCount);
        model.addAttribute("awaitingCount", awaiting.size());
        model.addAttribute("releaseFailedCount", releaseFailed.size());
        RunHistory.Run night = history.lastFinished(y, "schedule").orElse(null);
        model.addAttribute("night", night);
        model.addAttribute("nightFailures", night == null ? List.of() : failuresOf(night.id()));
        model.addAttribute("nextRun", schedule.nextRun().orElse(null));
        List<ActiveRun> active = history.active().stream().map(r -> new ActiveRun(r, history.inFlight(r.id()))).toList();
        model.addAttribute("active", active);
        model.addAttribute("runs", history.runsOfYear(y, 20));
        // The security log (logins, failed logins with what was typed, addresses) is for admins only: not even in a viewer's model.
        if (user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
            model.addAttribute("audit", audit.latest(20));
        }
        return "console/dashboard";
    }

    /** What the dashboard says of an agency: its latest run's outcome, unless a version awaits review or an approved one failed to go. */
    private static AgencyOutcome shownOutcome(AgencyOutcome run, boolean awaitingReview, boolean releaseFailed) {
        if (releaseFailed) {
            return AgencyOutcome.PUBLISH_FAILED;
        }
        if (awaitingReview && (run == AgencyOutcome.UNCHANGED || run == AgencyOutcome.NEW_VERSION)) {
            return AgencyOutcome.AWAITING_REVIEW;
        }
        return run;
    }

    private static boolean isFailure(AgencyOutcome o) {
        return o == AgencyOutcome.FAILED || o == AgencyOutcome.HELD_BACK || o == AgencyOutcome.PUBLISH_FAILED;
    }

    private static boolean matches(AgencyQuery f, String code, AgencyDirectory.Entry entry, AgencyOutcome shown, boolean warned,
                                   boolean awaiting) {
        if (f.department() != null && !f.department().equals(code) && (entry == null || !f.department().equals(entry.department()))) {
            return false;
        }
        if (f.status() != null) {
            boolean ok = switch (f.status()) {
                case "FAILURES" -> isFailure(shown);
                case "AWAITING_REVIEW" -> awaiting || shown == AgencyOutcome.AWAITING_REVIEW;
                default -> shown != null && shown.name().equals(f.status());
            };
            if (!ok) {
                return false;
            }
        }
        if (f.warnings() && !warned) {
            return false;
        }
        if (f.q() != null) {
            String name = entry == null || entry.name() == null ? "" : entry.name();
            String label = shown == null ? "" : shown.label();
            String words = (code + " " + name + " " + label + (awaiting ? " 待审核" : "") + (warned ? " 警告" : "")).toLowerCase(Locale.ROOT);
            for (String term : f.q().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!words.contains(term)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @param releaseFailed its approved version that then failed to reach the CMS, which outweighs what the run said */
    private AgencyRow row(String agency, List<RunHistory.Task> tasks, Map<String, AgencyDirectory.Entry> known,
                          java.util.Set<String> shown, DeliveryRecords.VersionState delivered, DeliveryRecords.VersionState awaiting,
                          ReleaseFailures.Failed releaseFailed) {
        AgencyDirectory.Entry entry = known.get(agency);
        Map<String, RunHistory.Task> byStage = new LinkedHashMap<>();
        tasks.forEach(t -> byStage.put(t.stage(), t));
        List<StageCell> cells = RunHistory.STAGES.stream().map(s -> new StageCell(s, byStage.get(s))).toList();
        AgencyOutcome outcome = shownOutcome(AgencyOutcome.of(tasks), awaiting != null, releaseFailed != null);
        RunHistory.Task telling = AgencyOutcome.telling(tasks);
        int warnings = (int) Findings.read(byStage.get("validate") == null ? null : byStage.get("validate").findings()).stream()
                .filter(f -> "WARN".equals(f.severity())).count();
        String name = entry == null ? null : entry.name();
        String search = String.join(" ", agency, name == null ? "" : name, outcome == null ? "" : outcome.label() + " " + outcome.name(),
                warnings > 0 ? "警告 warn" : "").toLowerCase(Locale.ROOT);
        String memberOf = entry == null || entry.department() == null || !shown.contains(entry.department()) ? null : entry.department();
        String reason = releaseFailed != null ? releaseFailed.summary()
                : outcome == AgencyOutcome.FAILED || outcome == AgencyOutcome.HELD_BACK ? telling.error() : null;
        return new AgencyRow(agency, name, entry != null && entry.isDepartment(), memberOf, cells, search, outcome,
                tasks.get(0).runId(), reason, warnings, delivered, awaiting);
    }

    /** The agencies a run did not get a package for, with their reason: what "last night" lists first. */
    private List<AgencyRow> failuresOf(long runId) {
        Map<String, List<RunHistory.Task>> byAgency = new TreeMap<>();
        // The failed tasks only, the first ones: the dashboard names a bad night's agencies, the run page has them all.
        history.failedTasks(runId, FAILURES_SHOWN).forEach(t -> byAgency.computeIfAbsent(t.agencyCode(), a -> new ArrayList<>()).add(t));
        RunHistory.Run run = history.run(runId).orElseThrow();
        Map<String, AgencyDirectory.Entry> known = directory.of(run.fiscalYear());
        List<AgencyRow> out = new ArrayList<>();
        byAgency.forEach((agency, tasks) -> {
            AgencyRow row = row(agency, tasks, known, byAgency.keySet(), null, null, null);
            if (row.failed()) {
                out.add(row);
            }
        });
        return out;
    }

    /** The runs × agencies grid: a column per run of the year (newest first), a row per agency. */
    @GetMapping("/console/grid")
    public String grid(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer page,
                       @RequestParam(required = false) Integer size, Model model) {
        int y = year == null ? pages.defaultYear() : ConsolePages.checkYear(year);
        List<RunHistory.Run> runs = history.runsOfYear(y, GRID_RUNS);
        List<Long> runIds = runs.stream().map(RunHistory.Run::id).toList();
        // Bounded: the last runs × one page of agencies; only that page's tasks are read, without findings.
        List<String> all = directory.ordered(y, history.agenciesOf(runIds));
        int p = org.budgethub.web.Paged.page(page);
        int n = org.budgethub.web.Paged.size(size);
        int from = (int) Math.min(all.size(), org.budgethub.web.Paged.offset(p, n));
        List<String> onPage = all.subList(from, Math.min(all.size(), from + n));
        Map<String, Map<Long, List<RunHistory.Task>>> cells = new TreeMap<>();
        for (RunHistory.Task t : history.tasksOf(onPage, runIds)) {
            cells.computeIfAbsent(t.agencyCode(), a -> new LinkedHashMap<>()).computeIfAbsent(t.runId(), r -> new ArrayList<>()).add(t);
        }
        Map<String, AgencyDirectory.Entry> known = directory.of(y);
        List<GridRow> rows = new ArrayList<>();
        for (String agency : onPage) {
            Map<Long, List<RunHistory.Task>> byRun = cells.getOrDefault(agency, Map.of());
            List<GridCell> row = new ArrayList<>();
            for (RunHistory.Run r : runs) {
                List<RunHistory.Task> tasks = byRun.get(r.id());
                AgencyOutcome outcome = AgencyOutcome.of(tasks);
                String title = outcome == null ? "运行 #" + r.id() + "：未包含该单位" : "运行 #" + r.id() + "：" + outcome.label()
                        + cellReason(tasks, outcome);
                row.add(new GridCell(r.id(), outcome, title));
            }
            AgencyDirectory.Entry entry = known.get(agency);
            rows.add(new GridRow(agency, entry == null ? null : entry.name(), entry != null && entry.isDepartment(), row));
        }
        model.addAttribute("year", y);
        model.addAttribute("years", pages.years(y));
        model.addAttribute("runs", runs);
        model.addAttribute("rows", rows);
        model.addAttribute("gridPage", new org.budgethub.web.Paged<>(rows, p, n, all.size()));
        model.addAttribute("outcomes", AgencyOutcome.ofRuns());
        return "console/grid";
    }

    private static String cellReason(List<RunHistory.Task> tasks, AgencyOutcome outcome) {
        RunHistory.Task telling = AgencyOutcome.telling(tasks);
        String stage = org.budgethub.model.Stage.byId(telling.stage()).map(org.budgethub.model.Stage::label).orElse(telling.stage());
        return switch (outcome) {
            case FAILED, HELD_BACK, INTERRUPTED -> "（" + stage + "）" + (telling.error() == null ? "" : "：" + telling.error());
            default -> telling.detail() == null ? "" : "：" + telling.detail();
        };
    }

    /** Reruns the agencies that failed last time, or every agency of the year. */
    @PostMapping("/console/runs")
    public String start(@RequestParam int year, @RequestParam String scope, @RequestParam(defaultValue = "false") boolean full,
                        Authentication user, RedirectAttributes flash) {
        ConsolePages.checkYear(year);
        String trigger = "user:" + user.getName();
        RunRequest request;
        if ("failed".equals(scope)) {
            request = launcher.failedAgencies(year, trigger, false);
            // An approved version that failed to go is sent again by its agency's run, without a new review.
            List<String> agencies = new ArrayList<>(request.agencies());
            releaseFailures.of(year).keySet().stream().filter(a -> !agencies.contains(a)).forEach(agencies::add);
            if (agencies.size() > request.agencies().size()) {
                request = RunRequest.agencies(year, agencies, trigger, false, null);
            }
            if (request.agencies().isEmpty()) {
                flash.addFlashAttribute("message", year + " 年没有失败的单位，无需重新运行。");
                return "redirect:/console?year=" + year;
            }
        } else if ("all".equals(scope)) {
            request = RunRequest.allAgencies(year, trigger).withFull(full);
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "范围只能是 failed 或 all");
        }
        RunRequest launched = request;
        return runs.launch(launched, flash, "/console?year=" + year,
                id -> audit.record("run.start", "运行 #" + id + "：" + launched.describe() + (launched.full() ? "，全量重建" : "") + "（控制台）"));
    }

    // ---------------------------------------------------------------- runs

    @GetMapping("/console/runs/{id}")
    public String run(@PathVariable long id, @RequestParam(required = false) String status, @RequestParam(required = false) String stage,
                      @RequestParam(required = false) String q, @RequestParam(required = false) Boolean findings,
                      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        RunHistory.Run run = history.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有运行 #" + id));
        Map<String, AgencyDirectory.Entry> known = directory.of(run.fiscalYear());
        Map<String, String> names = new LinkedHashMap<>();
        known.forEach((code, e) -> names.put(code, e.name()));
        org.budgethub.web.Paged<RunHistory.Task> tasks = history.tasks(id, RunHistory.TaskFilter.of(status, stage, q, findings, names),
                org.budgethub.web.Paged.page(page), org.budgethub.web.Paged.size(size));
        // Only the names the page shows: a city's 20,000 names are not sent with every page.
        Map<String, String> shown = new LinkedHashMap<>();
        tasks.items().forEach(t -> shown.put(t.agencyCode(), names.get(t.agencyCode())));
        List<RunHistory.Task> inFlight = history.inFlight(id);
        inFlight.forEach(t -> shown.put(t.agencyCode(), names.get(t.agencyCode())));
        model.addAttribute("run", run);
        model.addAttribute("tasks", tasks.items());
        model.addAttribute("paged", tasks);
        model.addAttribute("taskCounts", history.taskCounts(id));
        int[] kinds = history.departmentsAndUnits(id, known.entrySet().stream().filter(e -> e.getValue().isDepartment()).map(Map.Entry::getKey)
                .toList());
        model.addAttribute("departmentsInRun", kinds[0]);
        model.addAttribute("unitsInRun", kinds[1]);
        model.addAttribute("filter", new TaskQuery(blankless(status), blankless(stage), blankless(q), Boolean.TRUE.equals(findings)));
        model.addAttribute("taskStatuses", TaskStatus.values());
        model.addAttribute("stageList", org.budgethub.model.Stage.values());
        model.addAttribute("inFlight", inFlight);
        model.addAttribute("names", shown);
        try {
            model.addAttribute("namesJson", JSON.writeValueAsString(shown));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            model.addAttribute("namesJson", "{}");
        }
        model.addAttribute("listed", history.listedAgencies(id));
        model.addAttribute("warnings", run.warnings() == null ? List.of() : List.of(run.warnings().split("\n")));
        model.addAttribute("active", run.status().active());
        return "console/run";
    }

    private static String blankless(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The run page's task filter as asked, for the form and the paging links. */
    public record TaskQuery(String status, String stage, String q, boolean findings) {
    }

    /** Resumes an interrupted run: the agencies it did not get through publishing. */
    @PostMapping("/console/runs/{id}/resume")
    public String resume(@PathVariable long id, Authentication user, RedirectAttributes flash) {
        history.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有运行 #" + id));
        RunRequest request;
        try {
            request = launcher.resumeOf(id, "user:" + user.getName());
        } catch (IllegalStateException | IllegalArgumentException e) {
            flash.addFlashAttribute("error", "无法继续运行：" + e.getMessage());
            return "redirect:/console/runs/" + id;
        }
        if (request.agencies().isEmpty()) {
            flash.addFlashAttribute("message", "运行 #" + id + " 的所有单位均已处理完毕，无需继续。");
            return "redirect:/console/runs/" + id;
        }
        try {
            long resumed = launcher.launch(request);
            audit.record("run.resume", "运行 #" + resumed + " 继续已中断的运行 #" + id + "（控制台）");
            return "redirect:/console/runs/" + resumed;
        } catch (DuplicateRun e) {
            flash.addFlashAttribute("error", "未启动运行：" + e.getMessage() + "。");
            return "redirect:/console/runs/" + e.existing();
        }
    }
}
