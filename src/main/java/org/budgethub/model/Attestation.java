package org.budgethub.model;

import java.time.OffsetDateTime;

/**
 * What a reviewer attested when approving a version for release (发布前确认): that the secrecy review
 * (保密审查) was done, that the leader's sign-off (负责人审签) was obtained, and who signed it (签发人);
 * with who approved and when. Kept with the approval, written into the audit log and into the
 * delivered {@code manifest.json}, and, when the hub is set to, printed under the 说明's title.
 *
 * @param signer     the 签发人, trimmed; null when none was named (allowed only when attestations are optional)
 * @param approvedBy the reviewer who approved; null until the approval is recorded
 * @param approvedAt when, in the hub's zone; null until the approval is recorded
 */
public record Attestation(boolean secrecyReviewed, boolean leaderSigned, String signer, String approvedBy,
                          OffsetDateTime approvedAt) {

    /** The most characters (code points) a signer's name may have. */
    public static final int SIGNER_MAX = 50;

    /** The same attestations, approved by {@code reviewer} at {@code at}. */
    public Attestation approved(String reviewer, OffsetDateTime at) {
        return new Attestation(secrecyReviewed, leaderSigned, signer, reviewer, at);
    }

    /** Both confirmations given and a signer named: what a required approval needs, and what is printed. */
    public boolean complete() {
        return secrecyReviewed && leaderSigned && signer != null && !signer.isBlank();
    }

    /**
     * The line printed under the 说明's title, as Chongqing's published disclosures carry it:
     * {@code 保密审查：已审查　签发人：张三} (an ideographic space between the two).
     */
    public String printedLine() {
        return "保密审查：" + (secrecyReviewed ? "已审查" : "未确认") + "\u3000签发人：" + (signer == null ? "未填写" : signer);
    }

    /** For the audit log, the log and the console: {@code 保密审查：已确认；负责人审签：已确认；签发人：张三}. */
    public String summary() {
        return "保密审查：" + (secrecyReviewed ? "已确认" : "未确认") + "；负责人审签：" + (leaderSigned ? "已确认" : "未确认")
                + "；签发人：" + (signer == null ? "未填写" : signer);
    }
}
