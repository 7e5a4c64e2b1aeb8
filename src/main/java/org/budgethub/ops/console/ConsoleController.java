package org.budgethub.ops.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.budgethub.model.DisclosureId;
import org.budgethub.ops.AgencyDirectory;
import org.budgethub.ops.HubProperties;
import org.budgethub.ops.run.RunHistory;
import org.budgethub.ops.run.RunLauncher;
import org.budgethub.ops.run.RunRequest;
import org.budgethub.ops.api.AuditLog;
import org.budgethub.publish.ChangeSummary;
import org.budgethub.publish.DeliveryRecords;

/**
 * The operators' console: the dashboard of a year, a run with its tasks, an agency with its
 * findings, tasks and packages; and the operator actions (rerun, force republish, rerun the failed,
 * run all, resume), each launched through {@link RunLauncher} and written to the audit log.
 */
@Controller
public class ConsoleController {

    /**
     * One agency on the dashboard: its latest task per stage, in the order of {@link RunHistory#STAGES};
     * a department's row comes before its units', which are marked as its members.
     */
    public record AgencyRow(String code, String name, boolean department, String memberOf, List<StageCell> stages, String search,
                            boolean failed) {
    }

    /** A stage of an agency: its latest task, or none. */
    public record StageCell(String stage, RunHistory.Task task) {

        public String status() {
            return task == null ? null : task.status();
        }
    }

    /** A finding as the run history stores it (the "findings" of disclosure.json). */
    public record FindingView(String severity, String rule, String message, String location, List<String> rows) {
    }

    /** A delivered (or attempted) package version, with what changed since the version before it. */
    public record PackageRow(DeliveryRecords.Delivery delivery, List<String> changed, List<String> figures, boolean first) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunHistory history;
    private final RunLauncher launcher;
    private final AuditLog audit;
    private final DeliveryRecords deliveries;
    private final PackagePreviews previews;
    private final JdbcTemplate hub;
    private final AgencyDirectory directory;
    private final ZoneId zone;

    public ConsoleController(RunHistory history, RunLauncher launcher, AuditLog audit, DeliveryRecords deliveries,
                             PackagePreviews previews, JdbcTemplate hub, AgencyDirectory directory, HubProperties properties) {
        this.history = history;
        this.launcher = launcher;
        this.audit = audit;
        this.deliveries = deliveries;
        this.previews = previews;
        this.hub = hub;
        this.directory = directory;
        this.zone = ZoneId.of(properties.publish().zone());
    }

    // ---------------------------------------------------------------- dashboard

    @GetMapping("/console")
    public String dashboard(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? defaultYear() : checkYear(year);
        Map<String, Map<String, RunHistory.Task>> byAgency = new TreeMap<>();
        for (RunHistory.Task t : history.latestPerAgencyAndStage(y)) {
            byAgency.computeIfAbsent(t.agencyCode(), a -> new LinkedHashMap<>()).put(t.stage(), t);
        }
        List<AgencyRow> rows = new ArrayList<>();
        Map<String, AgencyDirectory.Entry> known = directory.of(y);
        for (String agency : directory.ordered(y, byAgency.keySet())) {
            Map<String, RunHistory.Task> stages = byAgency.get(agency);
            AgencyDirectory.Entry entry = known.get(agency);
            List<StageCell> cells = new ArrayList<>();
            StringBuilder search = new StringBuilder(agency);
            if (entry != null && entry.name() != null) {
                search.append(' ').append(entry.name());
            }
            boolean failed = false;
            for (String stage : RunHistory.STAGES) {
                RunHistory.Task t = stages.get(stage);
                cells.add(new StageCell(stage, t));
                if (t != null) {
                    search.append(' ').append(t.status());
                    failed |= RunHistory.FAILED.equals(t.status());
                }
            }
            String memberOf = entry == null || entry.department() == null || !byAgency.containsKey(entry.department()) ? null
                    : entry.department();
            rows.add(new AgencyRow(agency, entry == null ? null : entry.name(), entry != null && entry.isDepartment(), memberOf, cells,
                    search.toString().toLowerCase(java.util.Locale.ROOT), failed));
        }
        model.addAttribute("year", y);
        model.addAttribute("years", years(y));
        model.addAttribute("stages", RunHistory.STAGES);
        model.addAttribute("agencies", rows);
        model.addAttribute("failedCount", rows.stream().filter(AgencyRow::failed).count());
        model.addAttribute("runs", history.runs(20));
        model.addAttribute("audit", audit.latest(50));
        return "console/dashboard";
    }

    /** Reruns the agencies that failed last time, or every agency of the year. */
    @PostMapping("/console/runs")
    public String start(@RequestParam int year, @RequestParam String scope, Authentication user, RedirectAttributes flash) {
        checkYear(year);
        String trigger = "user:" + user.getName();
        RunRequest request;
        if ("failed".equals(scope)) {
            request = launcher.failedAgencies(year, trigger, false);
            if (request.agencies().isEmpty()) {
                flash.addFlashAttribute("message", year + " 年没有失败的单位，无需重新运行。");
                return "redirect:/console?year=" + year;
            }
        } else if ("all".equals(scope)) {
            request = RunRequest.allAgencies(year, trigger);
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "scope is failed or all");
        }
        long id = launcher.launch(request);
        audit.record("run.start", "run #" + id + ": year " + year + ", scope " + scope
                + ("failed".equals(scope) ? ", agencies " + String.join(",", request.agencies()) : "") + " (console)");
        return "redirect:/console/runs/" + id;
    }

    // ---------------------------------------------------------------- runs

    @GetMapping("/console/runs/{id}")
    public String run(@PathVariable long id, Model model) {
        RunHistory.Run run = history.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run " + id));
        model.addAttribute("run", run);
        model.addAttribute("tasks", history.tasks(id));
        model.addAttribute("listed", history.listedAgencies(id));
        model.addAttribute("warnings", run.warnings() == null ? List.of() : List.of(run.warnings().split("\n")));
        return "console/run";
    }

    /** Resumes an interrupted run: the agencies it did not get through publishing. */
    @PostMapping("/console/runs/{id}/resume")
    public String resume(@PathVariable long id, Authentication user, RedirectAttributes flash) {
        history.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run " + id));
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
        long resumed = launcher.launch(request);
        audit.record("run.resume", "run #" + resumed + " resumes run #" + id + " (console)");
        return "redirect:/console/runs/" + resumed;
    }

    // ---------------------------------------------------------------- agencies

    @GetMapping("/console/agencies/{code}")
    public String agency(@PathVariable String code, @RequestParam(required = false) Integer year, Model model) {
        checkAgency(code);
        int y = year == null ? defaultYear() : checkYear(year);
        List<RunHistory.Task> tasks = history.agencyTasks(y, code);
        Map<String, RunHistory.Task> latest = new LinkedHashMap<>();
        for (String stage : RunHistory.STAGES) {
            tasks.stream().filter(t -> stage.equals(t.stage())).findFirst().ifPresent(t -> latest.put(stage, t));
        }
        Optional<RunHistory.Task> findingsTask = tasks.stream()
                .filter(t -> ("validate".equals(t.stage()) && !RunHistory.RUNNING.equals(t.status()))
                        || (RunHistory.FAILED.equals(t.status()) && t.findings() != null))
                .findFirst();
        List<DeliveryRecords.Delivery> versions = deliveries.history(y, code);
        List<PackageRow> packages = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            DeliveryRecords.Delivery d = versions.get(i);
            boolean first = i + 1 >= versions.size();
            packages.add(new PackageRow(d, first ? List.of() : ChangeSummary.changedParts(versions.get(i + 1).disclosureJson(),
                    d.disclosureJson()), first ? List.of() : ChangeSummary.changedFigures(versions.get(i + 1).disclosureJson(),
                    d.disclosureJson(), 50), first));
        }
        model.addAttribute("code", code);
        model.addAttribute("year", y);
        model.addAttribute("years", years(y));
        model.addAttribute("stages", RunHistory.STAGES);
        model.addAttribute("latest", latest);
        model.addAttribute("tasks", tasks);
        model.addAttribute("findingsTask", findingsTask.orElse(null));
        model.addAttribute("findings", findingsTask.map(t -> findings(t.findings())).orElse(List.of()));
        model.addAttribute("packages", packages);
        model.addAttribute("files", previews.available(y, code));
        model.addAttribute("delivered", deliveries.latestDelivered(y, code).orElse(null));
        AgencyDirectory.Entry entry = directory.find(y, code).orElse(null);
        model.addAttribute("entry", entry);
        model.addAttribute("agencyName", entry == null ? null : entry.name());
        model.addAttribute("department", entry == null || entry.department() == null ? null : directory.find(y, entry.department()).orElse(null));
        versions.stream().filter(d -> d.disclosureJson() != null).findFirst().ifPresent(d -> describe(d.disclosureJson(), model));
        return "console/agency";
    }

    /** Reruns one agency; with {@code force} its package goes to the CMS even if unchanged (a new version). */
    @PostMapping("/console/agencies/{code}/runs")
    public String rerunAgency(@PathVariable String code, @RequestParam int year, @RequestParam(defaultValue = "false") boolean force,
                              Authentication user) {
        checkAgency(code);
        checkYear(year);
        long id = launcher.launch(new RunRequest(year, code, "user:" + user.getName(), force));
        audit.record(force ? "run.republish" : "run.start", "run #" + id + ": year " + year + ", scope agency, agency " + code
                + (force ? ", forced" : "") + " (console)");
        return "redirect:/console/runs/" + id;
    }

    // ---------------------------------------------------------------- helpers

    static void checkAgency(String code) {
        if (!DisclosureId.isSafeCode(code)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such agency");
        }
    }

    static int checkYear(int year) {
        try {
            return DisclosureId.checkYear(year);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** The newest year in the run history, else the current year. */
    int defaultYear() {
        Integer newest = hub.queryForObject("SELECT MAX(fiscal_year) FROM run", Integer.class);
        return newest != null ? newest : LocalDate.now(zone).getYear();
    }

    /** The years to choose from: those in the run history, the current and the next, and the one shown. */
    List<Integer> years(int shown) {
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        years.addAll(hub.queryForList("SELECT DISTINCT fiscal_year FROM run", Integer.class));
        int now = LocalDate.now(zone).getYear();
        years.add(now);
        years.add(now + 1);
        years.add(shown);
        return List.copyOf(years);
    }

    static List<FindingView> findings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<FindingView> out = new ArrayList<>();
            for (JsonNode f : JSON.readTree(json)) {
                List<String> rows = new ArrayList<>();
                f.path("rows").forEach(r -> rows.add(r.path("table").asText() + ":" + r.path("id").asText()));
                out.add(new FindingView(f.path("severity").asText(), f.path("rule").asText(), f.path("message").asText(),
                        f.path("location").asText(), rows));
            }
            return out;
        } catch (java.io.IOException e) {
            return List.of(new FindingView("WARN", "console.findings-unreadable", "无法读取检查结果：" + e.getMessage(), "", List.of()));
        }
    }

    private static void describe(String disclosureJson, Model model) {
        try {
            JsonNode doc = JSON.readTree(disclosureJson);
            model.addAttribute("agencyName", doc.path("agency").path("name").asText(null));
            model.addAttribute("title", doc.path("title").asText(null));
        } catch (java.io.IOException e) {
            // no name then: the page shows the code
        }
    }
}
