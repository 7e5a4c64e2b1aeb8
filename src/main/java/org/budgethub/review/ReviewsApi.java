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
import org.budgethub.publish.ChangeSummary;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ApiErrors;
import org.budgethub.web.ApiRefusal;
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

    private static final String REVIEWS = "/console/reviews?year=";

    private final ReleaseService releases;
    private final DeliveryRecords records;
    private final AuditLog audit;

    public ReviewsApi(ReleaseService releases, DeliveryRecords records, AuditLog audit) {
        this.releases = releases;
        this.records = records;
        this.audit = audit;
    }

    @GetMapping("/api/reviews")
    @Operation(summary = "The versions awaiting review, with their findings and what changed since the delivered version")
    public List<Map<String, Object>> queue(@RequestParam int year) {
        DisclosureId.checkYear(year);
        return releases.queue(year).stream().map(this::describe).toList();
    }

    @PostMapping("/api/reviews/{year}/{code}/approve")
    @Operation(summary = "Approve the version of an agency or department awaiting review, with the attestations "
            + "(body {\"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \"张三\"}, required unless "
            + "hub.publish.attestations is optional): it is delivered at once, or within the release window", responses = {
            @ApiResponse(responseCode = "200", description = "approved"),
            @ApiResponse(responseCode = "400", description = "attestations missing (attestations-missing: detail names which), or a signer the hub cannot take (invalid-parameter)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "403", description = "not a reviewer, or four eyes: the reviewer started the build", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "no version awaiting review", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "409", description = "the version is no longer awaiting review", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ReleaseService.Review approve(@PathVariable int year, @PathVariable String code,
                                         @RequestBody(required = false) AttestationRequest body, Principal user) {
        ReleaseService.Review review = refusedTo(REVIEWS + year, () -> releases.approve(year, DisclosureId.checkCode(code), user.getName(), body));
        audit.record("review.approve", year + " 年 " + code + " 第 " + review.version() + " 版批准发布；" + releases.checked(body).summary());
        return review;
    }

    @PostMapping("/api/reviews/{year}/{code}/approve-department")
    @Operation(summary = "Approve a department's version and those of all its units awaiting review, each with the "
            + "attestations of the body (as for approve)")
    public List<ReleaseService.Review> approveDepartment(@PathVariable int year, @PathVariable String code,
                                                         @RequestBody(required = false) AttestationRequest body, Principal user) {
        List<ReleaseService.Review> reviews = refusedTo(REVIEWS + year,
                () -> releases.approveDepartment(year, DisclosureId.checkCode(code), user.getName(), body));
        audit.record("review.approve", year + " 年部门 " + code + " 及其单位批准发布："
                + String.join("、", reviews.stream().map(r -> r.code() + " 第 " + r.version() + " 版").toList())
                + "；" + releases.checked(body).summary());
        return reviews;
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

    private Map<String, Object> describe(DeliveryRecords.Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", d.fiscalYear());
        m.put("code", d.agencyCode());
        m.put("name", d.agencyName());
        m.put("kind", d.kind());
        m.put("version", d.version());
        m.put("builtBy", d.builtBy());
        m.put("builtAt", d.createdAt());
        m.put("findings", ChangeSummary.findingCounts(d.disclosureJson()));
        DeliveryRecords.Delivery delivered = records.latestDelivered(d.fiscalYear(), d.agencyCode()).orElse(null);
        m.put("deliveredVersion", delivered == null ? null : delivered.version());
        if (delivered != null) {
            m.put("changedFigures", ChangeSummary.changedFigures(delivered.disclosureJson(), d.disclosureJson(), 100));
            m.put("changedSentences", ChangeSummary.changedSentences(delivered.disclosureJson(), d.disclosureJson(), 50));
        }
        m.put("preview", "/console/reviews/" + d.id() + "/files/disclosure.html");
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
            throw new ApiRefusal(kind, e.getMessage()).href(page);
        }
    }
}
