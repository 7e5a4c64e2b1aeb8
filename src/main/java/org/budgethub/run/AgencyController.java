package org.budgethub.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.budgethub.model.DisclosureId;
import org.budgethub.publish.ChangeSummary;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.Publisher;
import org.budgethub.review.PackagePreviews;
import org.budgethub.review.ReleaseFailures;
import org.budgethub.review.VersionController;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ConsolePages;
import org.budgethub.web.Downloads;

/**
 * An agency's (or department's) page: the stages of its latest run and its findings, read as
 * sentences first; its package versions with their CMS folders, files and diffs ({@link VersionController});
 * its history run by run, paged; and the operator actions (rerun, force republish with a reason).
 */
@Controller
class AgencyController {

    /**
     * A package version as the versions table shows it: where it is (or goes) on the CMS, the files
     * kept with it, and what changed since the version before it ({@code previous}, null for the first).
     */
    public record PackageRow(DeliveryRecords.Delivery delivery, String location, List<DeliveryRecords.StoredFile> files,
                             Integer previous, List<String> changed) {

        public boolean first() {
            return previous == null;
        }

        public boolean has(String name) {
            return files.stream().anyMatch(f -> f.name().equals(name));
        }

        /** The server part of {@link #location}: "sftp://hub@cms:2222/". */
        public String server() {
            int slash = location.indexOf('/', location.indexOf("://") + 3);
            return slash < 0 ? "" : location.substring(0, slash + 1);
        }

        /** The folder part of {@link #location} on that server: "packages/2026/101023/v3/". */
        public String folder() {
            return location.substring(server().length());
        }

        /** A file's link text: "PDF", "CSV", "清单". */
        public String label(String name) {
            return Downloads.label(name);
        }
    }

    /** One run of the agency's history: what it made of the agency, each stage, and the task that says why. */
    public record HistoryRow(RunHistory.Run run, AgencyOutcome outcome, List<ConsoleController.StageCell> stages, RunHistory.Task telling) {
    }

    private static final int HISTORY_PAGE = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunHistory history;
    private final AuditLog audit;
    private final DeliveryRecords deliveries;
    private final PackagePreviews previews;
    private final AgencyDirectory directory;
    private final ConsolePages pages;
    private final ConsoleRuns runs;
    private final Publisher publisher;
    private final ReleaseFailures releaseFailures;

    public AgencyController(RunHistory history, AuditLog audit, DeliveryRecords deliveries, PackagePreviews previews,
                            AgencyDirectory directory, ConsolePages pages, ConsoleRuns runs, Publisher publisher, ReleaseFailures releaseFailures) {
        this.releaseFailures = releaseFailures;
        this.publisher = publisher;
        this.history = history;
        this.audit = audit;
        this.deliveries = deliveries;
        this.previews = previews;
        this.directory = directory;
        this.pages = pages;
        this.runs = runs;
    }

    @GetMapping("/console/agencies/{code}")
    public String agency(@PathVariable String code, @RequestParam(required = false) Integer year,
                         @RequestParam(defaultValue = "1") int page, Model model) {
        ConsolePages.checkAgency(code);
        int y = year == null ? pages.defaultYear() : ConsolePages.checkYear(year);
        int runCount = history.agencyRunCount(y, code);
        List<DeliveryRecords.Delivery> versions = deliveries.history(y, code);
        AgencyDirectory.Entry entry = directory.find(y, code).orElse(null);
        if (entry == null && runCount == 0 && versions.isEmpty() && directory.refusal(y, code) != null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, y + " 年没有单位或部门 " + code);
        }
        int pageCount = Math.max(1, (runCount + HISTORY_PAGE - 1) / HISTORY_PAGE);
        int p = Math.min(Math.max(1, page), pageCount);
        List<RunHistory.Run> runs = history.agencyRuns(y, code, (p - 1) * HISTORY_PAGE, HISTORY_PAGE);
        Map<Long, List<RunHistory.Task>> byRun = new LinkedHashMap<>();
        runs.forEach(r -> byRun.put(r.id(), new ArrayList<>()));
        history.agencyTasksOf(code, runs.stream().map(RunHistory.Run::id).toList())
                .forEach(t -> byRun.computeIfAbsent(t.runId(), k -> new ArrayList<>()).add(t));
        List<HistoryRow> rows = new ArrayList<>();
        for (RunHistory.Run r : runs) {
            List<RunHistory.Task> tasks = byRun.get(r.id());
            rows.add(new HistoryRow(r, AgencyOutcome.of(tasks), cells(tasks), tasks.isEmpty() ? null : AgencyOutcome.telling(tasks)));
        }
        // The latest run's stages, and the findings of its validation (or of the stage that failed with findings).
        List<RunHistory.Task> latest = rows.isEmpty() || p > 1 ? latestTasks(y, code) : byRun.get(rows.get(0).run().id());
        RunHistory.Task findingsTask = latest.stream().filter(t -> t.findings() != null
                && ("validate".equals(t.stage()) || t.status() == TaskStatus.FAILED)).reduce((a, b) -> b).orElse(null);
        List<PackageRow> packages = new ArrayList<>();
        Map<Long, List<DeliveryRecords.StoredFile>> files = deliveries.storedFiles(y, code);
        DisclosureId id = new DisclosureId(y, code);
        for (int i = 0; i < versions.size(); i++) {
            DeliveryRecords.Delivery d = versions.get(i);
            DeliveryRecords.Delivery before = i + 1 < versions.size() ? versions.get(i + 1) : null;
            packages.add(new PackageRow(d, publisher.location(id, d.version()) + "/", files.getOrDefault(d.id(), List.of()),
                    before == null ? null : before.version(),
                    before == null ? List.of() : ChangeSummary.changedParts(before.disclosureJson(), d.disclosureJson())));
        }
        model.addAttribute("code", code);
        model.addAttribute("year", y);
        model.addAttribute("years", pages.years(y));
        model.addAttribute("stages", RunHistory.STAGES);
        model.addAttribute("latest", cells(latest));
        model.addAttribute("latestOutcome", AgencyOutcome.of(latest));
        model.addAttribute("latestRun", latest.isEmpty() ? null : latest.get(0).runId());
        model.addAttribute("history", rows);
        model.addAttribute("page", p);
        model.addAttribute("pageCount", pageCount);
        model.addAttribute("runCount", runCount);
        model.addAttribute("findingsTask", findingsTask);
        model.addAttribute("findings", findingsTask == null ? List.of() : Findings.read(findingsTask.findings()));
        model.addAttribute("packages", packages);
        model.addAttribute("files", previews.available(y, code));
        // The version a reviewer is to look at comes first: it has files before anything reached the website.
        model.addAttribute("awaiting", packages.stream().filter(r -> r.delivery().status() == org.budgethub.publish.DeliveryStatus.AWAITING_REVIEW)
                .findFirst().orElse(null));
        model.addAttribute("delivered", deliveries.latestDelivered(y, code).orElse(null));
        model.addAttribute("failedRelease", releaseFailures.of(y).get(code));
        model.addAttribute("entry", entry);
        model.addAttribute("agencyName", entry == null ? null : entry.name());
        model.addAttribute("department", entry == null || entry.department() == null ? null : directory.find(y, entry.department()).orElse(null));
        versions.stream().filter(d -> d.disclosureJson() != null).findFirst().ifPresent(d -> describe(d.disclosureJson(), model));
        return "console/agency";
    }

    private List<RunHistory.Task> latestTasks(int year, String code) {
        List<RunHistory.Run> newest = history.agencyRuns(year, code, 0, 1);
        return newest.isEmpty() ? List.of() : history.agencyTasksOf(code, List.of(newest.get(0).id()));
    }

    private static List<ConsoleController.StageCell> cells(List<RunHistory.Task> tasks) {
        Map<String, RunHistory.Task> byStage = new LinkedHashMap<>();
        tasks.forEach(t -> byStage.put(t.stage(), t));
        return RunHistory.STAGES.stream().map(s -> new ConsoleController.StageCell(s, byStage.get(s))).toList();
    }

    /**
     * Reruns one agency; with {@code force} its package goes to the CMS even if unchanged (a new
     * version), which needs a reason: it is a new publication of a legal document.
     */
    @PostMapping("/console/agencies/{code}/runs")
    public String rerunAgency(@PathVariable String code, @RequestParam int year, @RequestParam(defaultValue = "false") boolean force,
                              @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        ConsolePages.checkAgency(code);
        ConsolePages.checkYear(year);
        String back = "/console/agencies/" + code + "?year=" + year;
        String why = reason == null ? "" : reason.strip();
        if (force && why.isEmpty()) {
            flash.addFlashAttribute("error", "强制重新发布须填写原因。");
            return "redirect:" + back;
        }
        RunRequest request = new RunRequest(year, code, "user:" + user.getName(), force);
        return runs.launch(request, flash, back, id -> audit.record(force ? "run.republish" : "run.start",
                "运行 #" + id + "：" + request.describe() + (force ? "，强制重新发布，原因：" + why : "") + "（控制台）"));
    }

    private static void describe(String disclosureJson, Model model) {
        try {
            JsonNode doc = JSON.readTree(disclosureJson);
            if (model.getAttribute("agencyName") == null) {
                model.addAttribute("agencyName", doc.path("agency").path("name").asText(null));
            }
            model.addAttribute("title", doc.path("title").asText(null));
        } catch (java.io.IOException e) {
            // no title then: the page shows the code
        }
    }
}
