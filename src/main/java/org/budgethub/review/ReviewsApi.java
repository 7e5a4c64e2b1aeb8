package org.budgethub.review;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.budgethub.model.DisclosureId;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ApiErrors;
import org.budgethub.web.ApiRefusal;
import org.budgethub.web.Paged;
import org.budgethub.web.ProblemType;

/**
 * Release review (先审后发): the versions awaiting review, and a reviewer's approval or rejection;
 * the withdrawal of a published version. Reviewers (and admins) only; every action is audited.
 */
@RestController
@Tag(name = "reviews", description = "Release review: nothing reaches the website before a reviewer approves it")
class ReviewsApi {

    /** Why a version is rejected or a package withdrawn. */
    public record Reason(String reason) {
    }

    /**
     * An approval's body: the attestations ({@link AttestationRequest}), and for a department's version
     * whether the reviewer approves it although units of it still await review.
     */
    public record Approval(Boolean secrecyReviewed, Boolean leaderSigned, String signer, Boolean confirmUnitsPending) {

        static final Approval NONE = new Approval(null, null, null, null);

        AttestationRequest attestations() {
            return new AttestationRequest(secrecyReviewed, leaderSigned, signer);
        }

        boolean confirmed() {
            return Boolean.TRUE.equals(confirmUnitsPending);
        }
    }

    /** Units approved together, with the attestations given once for all. */
    public record Batch(List<String> codes, Boolean secrecyReviewed, Boolean leaderSigned, String signer) {
    }

    private static final String REVIEWS = "/console/reviews?year=";

    private final ReleaseService releases;
    private final ReviewQueue queue;
    private final Approvals approvals;
    private final AuditLog audit;

    public ReviewsApi(ReleaseService releases, ReviewQueue queue, Approvals approvals, AuditLog audit) {
        this.releases = releases;
        this.queue = queue;
        this.approvals = approvals;
        this.audit = audit;
    }

    @GetMapping("/api/reviews")
    @Operation(summary = "The versions awaiting review, paged ({\"items\", \"page\", \"size\", \"total\"}), in the console's order "
            + "(each department, then its units), with the console's filters: warnings=true|false (has FATAL or WARN findings), "
            + "changed=true (corrections of a published version) | false (first publications), department=<code>, late=true, "
            + "q=<code or name>. Each item: its findings' counts and warnings' text, whether the asking reviewer opened it "
            + "(looked), and the parts changed since the website's version; the full diff is on the diff page")
    public Paged<Map<String, Object>> queue(@RequestParam int year, @RequestParam(required = false) Boolean warnings,
                                            @RequestParam(required = false) Boolean changed, @RequestParam(required = false) String department,
                                            @RequestParam(defaultValue = "false") boolean late, @RequestParam(required = false) String q,
                                            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                            Principal user) {
        DisclosureId.checkYear(year);
        return queue.versions(year, user.getName(), new ReviewQueue.Filter(warnings, changed, department, late, q), page, size)
                .map(c -> describe(year, c));
    }

    @PostMapping("/api/reviews/{year}/{code}/approve")
    @Operation(summary = "Approve the version of an agency or department awaiting review, with the attestations "
            + "(body {\"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \"张三\"}, required unless "
            + "hub.publish.attestations is optional): it is delivered at once, or within the release window. A department's "
            + "version while units of it still await review: 409 naming them (units) unless \"confirmUnitsPending\": true", responses = {
            @ApiResponse(responseCode = "200", description = "approved"),
            @ApiResponse(responseCode = "400", description = "attestations missing (attestations-missing: detail names which), or a signer the hub cannot take (invalid-parameter)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "403", description = "not a reviewer, or four eyes: the reviewer started the build", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "no version awaiting review", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "the version is no longer awaiting review, or units of the department still await review (units)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ReleaseService.Review approve(@PathVariable int year, @PathVariable String code,
                                         @RequestBody(required = false) Approval body, Principal user) {
        Approval a = body == null ? Approval.NONE : body;
        return refusedTo(REVIEWS + year, () -> approvals.approve(year, DisclosureId.checkCode(code), user.getName(), a.attestations(),
                a.confirmed(), ""));
    }

    @PostMapping("/api/reviews/{year}/{code}/approve-department")
    @Operation(summary = "Approve a department's version and those of all its units awaiting review, each with the "
            + "attestations of the body (as for approve); 409 naming the units (units) unless \"confirmUnitsPending\": true")
    public List<ReleaseService.Review> approveDepartment(@PathVariable int year, @PathVariable String code,
                                                         @RequestBody(required = false) Approval body, Principal user) {
        Approval a = body == null ? Approval.NONE : body;
        return refusedTo(REVIEWS + year, () -> approvals.approveDepartment(year, DisclosureId.checkCode(code), user.getName(),
                a.attestations(), a.confirmed(), ""));
    }

    @PostMapping("/api/reviews/{year}/batch-approve")
    @Operation(summary = "Approve units together (a department's clean ones): body {\"codes\": [...], \"secrecyReviewed\", "
            + "\"leaderSigned\", \"signer\"}, the attestations given once; each approval recorded and audited on its own. "
            + "Refused (409, none approved, units naming them) when any has warnings, was not opened by this reviewer, is a "
            + "department or does not await review", responses = {
            @ApiResponse(responseCode = "200", description = "all approved"),
            @ApiResponse(responseCode = "400", description = "no codes, too many, or attestations missing", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "some units cannot be approved together (units; detail says why each)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public List<ReleaseService.Review> approveTogether(@PathVariable int year, @RequestBody(required = false) Batch body, Principal user) {
        DisclosureId.checkYear(year);
        Batch b = body == null ? new Batch(null, null, null, null) : body;
        return refusedTo(REVIEWS + year, () -> approvals.approveTogether(year, b.codes(), user.getName(),
                new AttestationRequest(b.secrecyReviewed(), b.leaderSigned(), b.signer()), ""));
    }

    @PostMapping("/api/reviews/{year}/{code}/reject")
    @Operation(summary = "Reject the version awaiting review, with a reason: it is not delivered; the next build with "
            + "changed data or words is reviewed again", responses = {
            @ApiResponse(responseCode = "200", description = "rejected"),
            @ApiResponse(responseCode = "400", description = "no reason given", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "no version awaiting review", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "the version is no longer awaiting review", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ReleaseService.Review reject(@PathVariable int year, @PathVariable String code, @RequestBody Reason body, Principal user) {
        ReleaseService.Review review = refusedTo(REVIEWS + year,
                () -> releases.reject(year, DisclosureId.checkCode(code), user.getName(), body == null ? null : body.reason()));
        audit.record("review.reject", year + " 年 " + code + " 第 " + review.version() + " 版退回：" + body.reason());
        return review;
    }

    @PostMapping("/api/packages/{year}/{code}/withdraw")
    @Operation(summary = "Withdraw the published version: a withdrawal marker in its CMS folder (the files stay; the CMS "
            + "takes the package down), and the index says so", responses = {
            @ApiResponse(responseCode = "200", description = "withdrawn"),
            @ApiResponse(responseCode = "400", description = "no reason given", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "no published version", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ReleaseService.Review withdraw(@PathVariable int year, @PathVariable String code, @RequestBody Reason body, Principal user) {
        String checked = DisclosureId.checkCode(code);
        ReleaseService.Review review = refusedTo("/console/agencies/" + checked + "?year=" + year,
                () -> releases.withdraw(new ReleaseService.Withdrawal(year, checked, user.getName(), body == null ? null : body.reason())));
        audit.record("package.withdraw", year + " 年 " + code + " 第 " + review.version() + " 版撤回：" + body.reason());
        return review;
    }

    private Map<String, Object> describe(int year, ReviewQueue.Card c) {
        ReviewQueue.Entry e = c.entry();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", year);
        m.put("code", e.code());
        m.put("name", e.name());
        m.put("kind", e.department() ? "department" : "unit");
        m.put("department", e.group());
        m.put("version", e.version());
        m.put("builtBy", e.builtBy());
        m.put("builtAt", e.builtAt());
        m.put("findings", Map.of("FATAL", e.fatal(), "WARN", e.warn(), "INFO", e.info()));
        m.put("warnings", c.warnings().stream().map(w -> Map.of("severity", w.severity().name(), "message", w.message(),
                "where", w.place())).toList());
        m.put("looked", e.looked());
        m.put("late", e.late());
        m.put("deliveredVersion", e.deliveredVersion());
        if (e.correction()) {
            m.put("changedParts", c.changed());
            m.put("diff", "/console/agencies/" + e.code() + "/versions/" + e.deliveredVersion() + "/diff/" + e.version() + "?year=" + year);
        }
        m.put("preview", "/console/reviews/" + e.id() + "/files/disclosure.html");
        return m;
    }

    /**
     * A review action that cannot be taken: refused with its kind and the reason, pointing at the
     * console page where the reviewer sees why ({@code page}), and a line in the audit log.
     */
    private <T> T refusedTo(String page, Supplier<T> action) {
        try {
            return action.get();
        } catch (ReviewRefused e) {
            audit.record("review.refused", e.getMessage());
            ProblemType kind = switch (e.kind()) {
                case NOT_FOUND -> ProblemType.VERSION_NOT_FOUND;
                case FORBIDDEN -> ProblemType.FOUR_EYES;
                case CONFLICT -> ProblemType.REVIEW_CONFLICT;
                case REASON_MISSING -> ProblemType.REASON_REQUIRED;
                case ATTESTATION_MISSING -> ProblemType.ATTESTATIONS_MISSING;
                case INVALID -> ProblemType.INVALID_PARAMETER;
            };
            ApiRefusal refusal = new ApiRefusal(kind, e.getMessage()).href(page);
            if (!e.codes().isEmpty()) {
                refusal.getBody().setProperty("units", e.codes());
            }
            throw refusal;
        }
    }
}
