package org.budgethub.review;

import java.util.ArrayList;
import java.util.List;

import org.budgethub.config.HubProperties.AttestationMode;
import org.budgethub.model.Attestation;

/**
 * The attestations a reviewer gives with an approval (发布前确认), as sent: the API's body
 * {@code {"secrecyReviewed": true, "leaderSigned": true, "signer": "张三"}} or the console's form.
 * Null where nothing was sent.
 *
 * @param secrecyReviewed the secrecy review (保密审查) was done
 * @param leaderSigned    the leader's sign-off (负责人审签) was obtained
 * @param signer          who signed it off (签发人): trimmed, 1–50 characters, no control characters
 */
public record AttestationRequest(Boolean secrecyReviewed, Boolean leaderSigned, String signer) {

    /** Nothing given: an approval without attestations (refused while they are required). */
    public static final AttestationRequest NONE = new AttestationRequest(null, null, null);

    /** Both confirmations and the signer, as a reviewer gives them. */
    public static AttestationRequest of(String signer) {
        return new AttestationRequest(true, true, signer);
    }

    /**
     * The attestations to record, once checked: with {@code required} both confirmations must be
     * true and a signer named; a signer given is checked either way.
     *
     * @throws ReviewRefused {@link ReviewRefused.Kind#ATTESTATION_MISSING} naming what is missing
     *                       ({@code 缺少：保密审查确认、签发人}), or {@link ReviewRefused.Kind#INVALID} for a signer it cannot take
     */
    public Attestation check(AttestationMode mode) {
        String name = signer == null ? null : signer.strip();
        if (name != null && name.isEmpty()) {
            name = null;
        }
        if (mode != AttestationMode.OPTIONAL) {
            List<String> missing = new ArrayList<>();
            if (!Boolean.TRUE.equals(secrecyReviewed)) {
                missing.add("保密审查确认");
            }
            if (!Boolean.TRUE.equals(leaderSigned)) {
                missing.add("负责人审签确认");
            }
            if (name == null) {
                missing.add("签发人");
            }
            if (!missing.isEmpty()) {
                throw new ReviewRefused(ReviewRefused.Kind.ATTESTATION_MISSING, "缺少：" + String.join("、", missing)
                        + "。批准发布前须确认已完成保密审查和负责人审签，并填写签发人");
            }
        }
        if (name != null) {
            checkSigner(name);
        }
        return new Attestation(Boolean.TRUE.equals(secrecyReviewed), Boolean.TRUE.equals(leaderSigned), name, null, null);
    }

    /** A signer's name as printed and recorded: at most {@value Attestation#SIGNER_MAX} characters, no control or format characters. */
    private static void checkSigner(String name) {
        int length = name.codePointCount(0, name.length());
        if (length > Attestation.SIGNER_MAX) {
            throw new ReviewRefused(ReviewRefused.Kind.INVALID, "签发人最多 " + Attestation.SIGNER_MAX + " 个字符（现有 " + length + " 个）");
        }
        boolean bad = name.codePoints().anyMatch(c -> switch (Character.getType(c)) {
            // Not UNASSIGNED or PRIVATE_USE: a rare character of a name may be newer than Java's tables, or in a private area.
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> false;
        });
        if (bad) {
            throw new ReviewRefused(ReviewRefused.Kind.INVALID, "签发人不能含控制字符（换行、制表符等）");
        }
    }
}
