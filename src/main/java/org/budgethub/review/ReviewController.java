package org.budgethub.review;

import java.util.List;

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

import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.render.PackageLayout;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ConsolePages;
import org.budgethub.web.Downloads;

/**
 * The review page (先审后发) at district scale: the versions awaiting review grouped by department,
 * filtered (warnings, corrections, department, late, code or name) and paged by whole departments;
 * each card with its warnings' text and where they point, whether this reviewer has opened it, and
 * a link to the full diff. A department's clean units (no warning, opened) are approved together,
 * the attestations given once; a department's own version asks first while its units still wait.
 * Rejection is confirmed and says how the version comes back; a published version is withdrawn here.
 */
@Controller
class ReviewController {

    /** Rejected versions listed with the way back; more are on the agencies' pages. */
    static final int REJECTED_SHOWN = 20;
    /** A filter's query string carried through an action and back, only with these characters. */
    private static final java.util.regex.Pattern VIEW = java.util.regex.Pattern.compile("[A-Za-z0-9=&%._+-]{0,300}");

    private final ReleaseService releases;
    private final DeliveryRecords records;
    private final ReviewQueue queue;
    private final Approvals approvals;
    private final ReviewLooks looks;
    private final AuditLog audit;
    private final ConsolePages console;
    private final ReleaseFailures releaseFailures;

    public ReviewController(ReleaseService releases, DeliveryRecords records, ReviewQueue queue, Approvals approvals, ReviewLooks looks,
                            AuditLog audit, ConsolePages console, ReleaseFailures releaseFailures) {
        this.releaseFailures = releaseFailures;
        this.releases = releases;
        this.records = records;
        this.queue = queue;
        this.approvals = approvals;
        this.looks = looks;
        this.audit = audit;
        this.console = console;
    }

    @GetMapping("/console/reviews")
    public String queue(@RequestParam(required = false) Integer year, @RequestParam(required = false) Boolean warnings,
                        @RequestParam(required = false) Boolean changed, @RequestParam(required = false) String department,
                        @RequestParam(defaultValue = "false") boolean late, @RequestParam(required = false) String q,
                        @RequestParam(required = false) Integer page, Authentication user, Model model) {
        int y = year == null ? console.defaultYear() : ConsolePages.checkYear(year);
        ReviewQueue.Filter filter = new ReviewQueue.Filter(warnings, changed, department, late, q);
        List<ReviewQueue.Entry> all = queue.entries(y, user.getName());
        model.addAttribute("year", y);
        model.addAttribute("years", console.years(y));
        model.addAttribute("filter", filter);
        var groups = queue.groups(y, all, filter, page, null);
        String query = query(filter);
        model.addAttribute("groups", groups);
        model.addAttribute("base", "/console/reviews?year=" + y + (query.isEmpty() ? "" : "&" + query));
        model.addAttribute("view", query + (groups.page() > 1 ? (query.isEmpty() ? "" : "&") + "page=" + groups.page() : ""));
        model.addAttribute("departments", queue.departments(all));
        model.addAttribute("awaiting", all.size());
        model.addAttribute("withWarnings", all.stream().filter(ReviewQueue.Entry::warnings).count());
        model.addAttribute("notLooked", all.stream().filter(e -> !e.looked()).count());
        model.addAttribute("rejected", queue.rejected(y, REJECTED_SHOWN));
        model.addAttribute("failedReleases", releaseFailures.list(y));
        model.addAttribute("attestationsRequired", releases.attestationsRequired());
        model.addAttribute("signerMax", org.budgethub.model.Attestation.SIGNER_MAX);
        return "console/reviews";
    }

    /** The filter as a query string (without year and page), to page with it and come back to it after an action. */
    private static String query(ReviewQueue.Filter f) {
        List<String> parts = new java.util.ArrayList<>();
        if (f.warnings() != null) {
            parts.add("warnings=" + f.warnings());
        }
        if (f.changed() != null) {
            parts.add("changed=" + f.changed());
        }
        if (f.department() != null) {
            parts.add("department=" + java.net.URLEncoder.encode(f.department(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (f.late()) {
            parts.add("late=true");
        }
        if (f.q() != null) {
            parts.add("q=" + java.net.URLEncoder.encode(f.q(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    /**
     * The review card's approval form: two checkboxes (value {@code true}; unticked sends nothing) and
     * the signer, checked by the browser and again here, by the same rules as the API's body.
     */
    @PostMapping("/console/reviews/{year}/{code}/approve")
    public String approve(@PathVariable int year, @PathVariable String code, @RequestParam(required = false) Boolean secrecyReviewed,
                          @RequestParam(required = false) Boolean leaderSigned, @RequestParam(required = false) String signer,
                          @RequestParam(defaultValue = "false") boolean confirmUnitsPending, @RequestParam(required = false) String view,
                          Authentication user, RedirectAttributes flash) {
        AttestationRequest attestations = new AttestationRequest(secrecyReviewed, leaderSigned, signer);
        return act(year, view, flash, () -> {
            ReleaseService.Review r = approvals.approve(year, checked(code), user.getName(), attestations, confirmUnitsPending, CONSOLE);
            return code + " 第 " + r.version() + " 版已批准，正在发送到网站。";
        });
    }

    /** A department's clean units together: one approval and one audit line each, the attestations given once. */
    @PostMapping("/console/reviews/{year}/batch-approve")
    public String approveTogether(@PathVariable int year, @RequestParam(required = false) List<String> codes,
                                  @RequestParam(required = false) Boolean secrecyReviewed, @RequestParam(required = false) Boolean leaderSigned,
                                  @RequestParam(required = false) String signer, @RequestParam(required = false) String view,
                                  Authentication user, RedirectAttributes flash) {
        AttestationRequest attestations = new AttestationRequest(secrecyReviewed, leaderSigned, signer);
        return act(year, view, flash, () -> {
            List<ReleaseService.Review> done = approvals.approveTogether(year, codes, user.getName(), attestations, CONSOLE);
            return "已一并批准 " + done.size() + " 个单位：" + Approvals.names(done) + "，正在发送到网站。";
        });
    }

    @PostMapping("/console/reviews/{year}/{code}/approve-department")
    public String approveDepartment(@PathVariable int year, @PathVariable String code, @RequestParam(required = false) Boolean secrecyReviewed,
                                    @RequestParam(required = false) Boolean leaderSigned, @RequestParam(required = false) String signer,
                                    @RequestParam(defaultValue = "false") boolean confirmUnitsPending,
                                    @RequestParam(required = false) String view, Authentication user, RedirectAttributes flash) {
        AttestationRequest attestations = new AttestationRequest(secrecyReviewed, leaderSigned, signer);
        return act(year, view, flash, () -> {
            List<ReleaseService.Review> done = approvals.approveDepartment(year, checked(code), user.getName(), attestations,
                    confirmUnitsPending, CONSOLE);
            return "已批准：" + Approvals.names(done) + "。";
        });
    }

    @PostMapping("/console/reviews/{year}/{code}/reject")
    public String reject(@PathVariable int year, @PathVariable String code, @RequestParam(defaultValue = "") String reason,
                         @RequestParam(required = false) String view, Authentication user, RedirectAttributes flash) {
        return act(year, view, flash, () -> {
            ReleaseService.Review r = releases.reject(year, checked(code), user.getName(), reason);
            audit.record("review.reject", year + " 年 " + code + " 第 " + r.version() + " 版退回：" + reason + CONSOLE);
            return code + " 第 " + r.version() + " 版已退回，不会发布。" + BACK;
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
    public ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable String name, Authentication user) {
        if (!PackagePreviews.FILES.containsKey(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "审核页只提供网页、PDF、Excel 和清单文件：没有 " + name);
        }
        PackageFile file = records.file(id, name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "该版本没有保存文件 " + name + "：请在单位页查看它的各个版本"));
        DeliveryRecords.Delivery d = records.byId(id).orElseThrow();
        if (Downloads.previewable(name)) {
            looks.looked(id, user.getName());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(PackagePreviews.contentType(name))
                .header(HttpHeaders.CONTENT_DISPOSITION, (name.endsWith(".xlsx") ? ContentDisposition.attachment() : ContentDisposition.inline())
                        .filename(d.agencyCode() + "-" + d.fiscalYear() + "-v" + d.version() + "-" + name).build().toString());
        if (name.equals(PackageLayout.HTML)) {
            response.header("Content-Security-Policy", PreviewController.PACKAGE_PAGE_POLICY);
        }
        return response.body(file.content());
    }

    private static final String CONSOLE = "（控制台）";

    /** What a rejection leaves to do: said on the flash and beside each rejected version. */
    static final String BACK = "下一步：按退回原因修改财政数据或说明文字后，请操作员在单位页“重新运行本单位”，内容有变化时生成新版本回到待审核；"
            + "若内容无需修改（例如误退回），请操作员在本页“已退回的版本”中点“强制重新生成”。";

    private interface Action {
        String run();
    }

    private String act(int year, String view, RedirectAttributes flash, Action action) {
        ConsolePages.checkYear(year);
        try {
            flash.addFlashAttribute("message", action.run());
        } catch (ReviewRefused e) {
            audit.record("review.refused", e.getMessage());
            flash.addFlashAttribute("error", "无法执行：" + e.getMessage() + "。");
        }
        // Back to the filter and page the reviewer was on.
        String back = view == null || !VIEW.matcher(view).matches() ? "" : view.replaceAll("(^|&)year=[^&]*", "");
        return "redirect:/console/reviews?year=" + year + (back.isEmpty() ? "" : (back.startsWith("&") ? "" : "&") + back);
    }

    private static String checked(String code) {
        ConsolePages.checkAgency(code);
        return DisclosureId.checkCode(code);
    }
}
