package org.budgethub.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import org.budgethub.model.DisclosureId;
import org.budgethub.security.AuditLog;

/**
 * A reviewer's approvals as the console and the API take them, each recorded and audited one by
 * one: one version; a department with its units; a department's clean units together (no warning,
 * opened by this reviewer), the attestations given once for all. A department's own version is not
 * approved while units of it still await review unless the reviewer was told which and confirmed:
 * else the 部门预算 reaches the website before the units it sums.
 */
@Component
class Approvals {

    /** A batch holds at most this many units: a department's, not a city's. */
    static final int BATCH_MAX = 500;

    private final ReleaseService releases;
    private final ReviewQueue queue;
    private final AuditLog audit;

    Approvals(ReleaseService releases, ReviewQueue queue, AuditLog audit) {
        this.releases = releases;
        this.queue = queue;
        this.audit = audit;
    }

    /**
     * One version. @param confirmUnitsPending the reviewer knows which units of the department still
     * await review and approves the department first all the same; @param via appended to the audit line
     */
    ReleaseService.Review approve(int year, String code, String reviewer, AttestationRequest attestations, boolean confirmUnitsPending,
                                  String via) {
        List<String> pending = queue.unitsAwaiting(year, code);
        if (!pending.isEmpty() && !confirmUnitsPending) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, "部门 " + code + " 还有 " + pending.size() + " 个单位待审核："
                    + String.join("、", pending) + "。批准后部门预算将先于这些单位公开。请先审核这些单位；如确需先发布部门预算，请在确认提示中确认后再批准", pending);
        }
        ReleaseService.Review r = releases.approve(year, code, reviewer, attestations);
        audit.record("review.approve", year + " 年 " + code + " 第 " + r.version() + " 版批准发布；"
                + releases.checked(attestations).summary() + via);
        return r;
    }

    /** A department's version and all its units' awaiting review; the units are named and confirmed first. */
    List<ReleaseService.Review> approveDepartment(int year, String code, String reviewer, AttestationRequest attestations,
                                                  boolean confirmUnitsPending, String via) {
        List<String> pending = queue.unitsAwaiting(year, code);
        if (!pending.isEmpty() && !confirmUnitsPending) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, "批准部门 " + code + " 将同时批准其 " + pending.size() + " 个待审核单位："
                    + String.join("、", pending) + "（未逐个审核）。请先逐个审核这些单位；如确要一并批准，请在确认提示中确认后再提交", pending);
        }
        List<ReleaseService.Review> done = releases.approveDepartment(year, code, reviewer, attestations);
        String what = String.join("、", done.stream().map(r -> r.code() + " 第 " + r.version() + " 版").toList());
        audit.record("review.approve", year + " 年部门 " + code + " 及其单位批准发布：" + what + "；"
                + releases.checked(attestations).summary() + via);
        return done;
    }

    /**
     * Units approved together: each must await review, be a unit, have no warning, have been opened
     * by {@code reviewer} and not be barred by four eyes; otherwise none is approved and the
     * refusal names each with why. The attestations are checked once; each approval is recorded
     * and audited on its own.
     */
    List<ReleaseService.Review> approveTogether(int year, List<String> codes, String reviewer, AttestationRequest attestations, String via) {
        List<String> asked = codes == null ? List.of() : codes.stream().filter(c -> c != null && !c.isBlank()).map(String::strip)
                .distinct().toList();
        if (asked.isEmpty()) {
            throw new ReviewRefused(ReviewRefused.Kind.INVALID, "没有要批准的单位：请在部门中先打开无警告单位的预览，再批准");
        }
        if (asked.size() > BATCH_MAX) {
            throw new ReviewRefused(ReviewRefused.Kind.INVALID, "一次最多批准 " + BATCH_MAX + " 个单位（现有 " + asked.size() + " 个）：请按部门分批批准");
        }
        Map<String, ReviewQueue.Entry> waiting = queue.entries(year, reviewer).stream()
                .collect(Collectors.toMap(ReviewQueue.Entry::code, Function.identity()));
        Map<String, String> refused = new LinkedHashMap<>();
        for (String code : asked) {
            if (!DisclosureId.isSafeCode(code)) {
                refused.put(code, "不是有效的单位代码");
                continue;
            }
            ReviewQueue.Entry e = waiting.get(code);
            String why = e == null ? "没有待审核的版本" : e.notClean();
            if (why == null && releases.fourEyesBar(reviewer, e.builtBy())) {
                why = "由您发起生成，按四眼原则须由另一位审核人批准";
            }
            if (why != null) {
                refused.put(code, why);
            }
        }
        if (!refused.isEmpty()) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, "以下单位不能一并批准，本次未批准任何单位："
                    + refused.entrySet().stream().map(x -> x.getKey() + "（" + x.getValue() + "）").collect(Collectors.joining("；"))
                    + "。请先打开未查看单位的预览，有警告的单位逐个审核后单独批准，再重新提交", List.copyOf(refused.keySet()));
        }
        releases.checked(attestations);
        List<ReleaseService.Review> done = new ArrayList<>();
        for (String code : asked) {
            ReleaseService.Review r;
            try {
                r = releases.approve(year, code, reviewer, attestations);
            } catch (ReviewRefused e) {
                List<String> rest = asked.subList(asked.indexOf(code), asked.size());
                throw new ReviewRefused(e.kind(), (done.isEmpty() ? "" : "已批准：" + names(done) + "；") + code + " 未能批准：" + e.getMessage()
                        + "；未批准：" + String.join("、", rest) + "。请刷新审核页后重试", rest);
            }
            audit.record("review.approve", year + " 年 " + code + " 第 " + r.version() + " 版批准发布（与本部门其他无警告单位一并批准）；"
                    + releases.checked(attestations).summary() + via);
            done.add(r);
        }
        return done;
    }

    static String names(List<ReleaseService.Review> done) {
        return String.join("、", done.stream().map(r -> r.code() + " 第 " + r.version() + " 版").toList());
    }
}
