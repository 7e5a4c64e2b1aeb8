package org.budgethub.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
import org.budgethub.model.PackageFile;
import org.budgethub.publish.ChangeSummary;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.PackageDiff;
import org.budgethub.render.PackageLayout;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ConsolePages;

/**
 * The review page (先审后发): the versions awaiting review with their findings, what changed since
 * the delivered version (figures and sentences) and a preview of that very version; a reviewer
 * approves or rejects each, or a department with all its units; a published version is withdrawn
 * here too. Deadlines (批复日期 + 20 days) are shown against each package.
 */
@Controller
class ReviewController {

    /** A version awaiting review as the page shows it. */
    /** @param diff what changed since the delivered version ({@link PackageDiff}); null for a first publication or no readable JSON */
    public record ReviewRow(DeliveryRecords.Delivery version, boolean department, String memberOf, Map<String, Integer> findings,
                            Integer deliveredVersion, PackageDiff diff, Deadlines.Standing standing) {
    }

    private final ReleaseService releases;
    private final DeliveryRecords records;
    private final AgencyDirectory directory;
    private final Deadlines deadlines;
    private final AuditLog audit;
    private final ConsolePages console;
    private final ReleaseFailures releaseFailures;

    public ReviewController(ReleaseService releases, DeliveryRecords records, AgencyDirectory directory, Deadlines deadlines,
                            AuditLog audit, ConsolePages console, ReleaseFailures releaseFailures) {
        this.releaseFailures = releaseFailures;
        this.releases = releases;
        this.records = records;
        this.directory = directory;
        this.deadlines = deadlines;
        this.audit = audit;
        this.console = console;
    }

    @GetMapping("/console/reviews")
    public String queue(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? console.defaultYear() : ConsolePages.checkYear(year);
        Map<String, DeliveryRecords.Delivery> waiting = new java.util.LinkedHashMap<>();
        releases.queue(y).forEach(d -> waiting.put(d.agencyCode(), d));
        Map<String, AgencyDirectory.Entry> known = directory.of(y);
        Map<String, Deadlines.Standing> standings = deadlines.standings(y);
        List<ReviewRow> rows = new ArrayList<>();
        for (String code : directory.ordered(y, waiting.keySet())) {
            DeliveryRecords.Delivery d = waiting.get(code);
            AgencyDirectory.Entry entry = known.get(code);
            DeliveryRecords.Delivery delivered = records.latestDelivered(y, code).orElse(null);
            String memberOf = entry == null || entry.department() == null || !waiting.containsKey(entry.department()) ? null : entry.department();
            rows.add(new ReviewRow(d, "department".equals(d.kind()), memberOf, ChangeSummary.findingCounts(d.disclosureJson()),
                    delivered == null ? null : delivered.version(), delivered == null ? null : diff(delivered, d), standings.get(code)));
        }
        model.addAttribute("year", y);
        model.addAttribute("years", console.years(y));
        model.addAttribute("rows", rows);
        model.addAttribute("failedReleases", releaseFailures.list(y));
        model.addAttribute("attestationsRequired", releases.attestationsRequired());
        model.addAttribute("signerMax", org.budgethub.model.Attestation.SIGNER_MAX);
        return "console/reviews";
    }

    /**
     * The review card's approval form: two checkboxes (value {@code true}; unticked sends nothing) and
     * the signer, checked by the browser and again here, by the same rules as the API's body.
     */
    @PostMapping("/console/reviews/{year}/{code}/approve")
    public String approve(@PathVariable int year, @PathVariable String code, @RequestParam(required = false) Boolean secrecyReviewed,
                          @RequestParam(required = false) Boolean leaderSigned, @RequestParam(required = false) String signer,
                          Authentication user, RedirectAttributes flash) {
        AttestationRequest attestations = new AttestationRequest(secrecyReviewed, leaderSigned, signer);
        return act(year, flash, () -> {
            ReleaseService.Review r = releases.approve(year, checked(code), user.getName(), attestations);
            audit.record("review.approve", year + " 年 " + code + " 第 " + r.version() + " 版批准发布；"
                    + releases.checked(attestations).summary() + "（控制台）");
            return code + " 第 " + r.version() + " 版已批准，正在发送到网站。";
        });
    }

    @PostMapping("/console/reviews/{year}/{code}/approve-department")
    public String approveDepartment(@PathVariable int year, @PathVariable String code, @RequestParam(required = false) Boolean secrecyReviewed,
                                    @RequestParam(required = false) Boolean leaderSigned, @RequestParam(required = false) String signer,
                                    Authentication user, RedirectAttributes flash) {
        AttestationRequest attestations = new AttestationRequest(secrecyReviewed, leaderSigned, signer);
        return act(year, flash, () -> {
            List<ReleaseService.Review> done = releases.approveDepartment(year, checked(code), user.getName(), attestations);
            String what = String.join("、", done.stream().map(r -> r.code() + " 第 " + r.version() + " 版").toList());
            audit.record("review.approve", year + " 年部门 " + code + " 及其单位批准发布：" + what + "；"
                    + releases.checked(attestations).summary() + "（控制台）");
            return "已批准：" + what + "。";
        });
    }

    @PostMapping("/console/reviews/{year}/{code}/reject")
    public String reject(@PathVariable int year, @PathVariable String code, @RequestParam(defaultValue = "") String reason,
                         Authentication user, RedirectAttributes flash) {
        return act(year, flash, () -> {
            ReleaseService.Review r = releases.reject(year, checked(code), user.getName(), reason);
            audit.record("review.reject", year + " 年 " + code + " 第 " + r.version() + " 版退回：" + reason + "（控制台）");
            return code + " 第 " + r.version() + " 版已退回，不会发布。";
        });
    }

    @PostMapping("/console/reviews/{year}/{code}/withdraw")
    public String withdraw(@PathVariable int year, @PathVariable String code, @RequestParam(defaultValue = "") String reason,
                           Authentication user, RedirectAttributes flash) {
        String message;
        try {
            ReleaseService.Review r = releases.withdraw(new ReleaseService.Withdrawal(year, checked(code), user.getName(), reason));
            audit.record("package.withdraw", year + " 年 " + code + " 第 " + r.version() + " 版撤回：" + reason + "（控制台）");
            flash.addFlashAttribute("message", code + " 第 " + r.version() + " 版已撤回：网站将下架该公开包。");
        } catch (ReviewRefused e) {
            audit.record("review.refused", e.getMessage());
            flash.addFlashAttribute("error", "无法撤回：" + e.getMessage());
        }
        message = "redirect:/console/agencies/" + code + "?year=" + year;
        return message;
    }

    /** A file of a version as it was built: what the reviewer approves is what the website receives. */
    @GetMapping("/console/reviews/{id}/files/{name}")
    public ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable String name) {
        if (!PackagePreviews.FILES.containsKey(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such package file");
        }
        PackageFile file = records.file(id, name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such package file"));
        DeliveryRecords.Delivery d = records.byId(id).orElseThrow();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(PackagePreviews.contentType(name))
                .header(HttpHeaders.CONTENT_DISPOSITION, (name.endsWith(".xlsx") ? ContentDisposition.attachment() : ContentDisposition.inline())
                        .filename(d.agencyCode() + "-" + d.fiscalYear() + "-v" + d.version() + "-" + name).build().toString());
        if (name.equals(PackageLayout.HTML)) {
            response.header("Content-Security-Policy", PreviewController.PACKAGE_PAGE_POLICY);
        }
        return response.body(file.content());
    }

    private static PackageDiff diff(DeliveryRecords.Delivery delivered, DeliveryRecords.Delivery waiting) {
        try {
            return PackageDiff.of(delivered.disclosureJson(), waiting.disclosureJson());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private interface Action {
        String run();
    }

    private String act(int year, RedirectAttributes flash, Action action) {
        ConsolePages.checkYear(year);
        try {
            flash.addFlashAttribute("message", action.run());
        } catch (ReviewRefused e) {
            audit.record("review.refused", e.getMessage());
            flash.addFlashAttribute("error", "无法执行：" + e.getMessage());
        }
        return "redirect:/console/reviews?year=" + year;
    }

    private static String checked(String code) {
        ConsolePages.checkAgency(code);
        return DisclosureId.checkCode(code);
    }
}
