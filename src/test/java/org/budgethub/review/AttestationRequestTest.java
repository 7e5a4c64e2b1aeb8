package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.budgethub.config.HubProperties.AttestationMode;
import org.budgethub.model.Attestation;

/** The attestations an approval carries (保密审查, 负责人审签, 签发人), checked as the API and the console send them. */
class AttestationRequestTest {

    private static ReviewRefused refused(AttestationRequest request, AttestationMode mode) {
        try {
            request.check(mode);
        } catch (ReviewRefused e) {
            return e;
        }
        throw new AssertionError("not refused: " + request);
    }

    @Test
    void requiredAttestationsAreTakenTrimmed() {
        Attestation a = new AttestationRequest(true, true, "  张三\u3000").check(AttestationMode.REQUIRED);

        assertThat(a.secrecyReviewed()).isTrue();
        assertThat(a.leaderSigned()).isTrue();
        assertThat(a.signer()).isEqualTo("张三");
        assertThat(a.complete()).isTrue();
        assertThat(a.approvedBy()).isNull();
    }

    @Test
    void anApprovalWithoutAnyIsRefusedNamingAllThree() {
        ReviewRefused none = refused(AttestationRequest.NONE, AttestationMode.REQUIRED);

        assertThat(none.kind()).isEqualTo(ReviewRefused.Kind.ATTESTATION_MISSING);
        assertThat(none.getMessage()).startsWith("缺少：保密审查确认、负责人审签确认、签发人。");
    }

    @Test
    void theRefusalNamesOnlyWhatIsMissing() {
        assertThat(refused(new AttestationRequest(null, true, null), AttestationMode.REQUIRED).getMessage())
                .startsWith("缺少：保密审查确认、签发人。");
        assertThat(refused(new AttestationRequest(true, false, "张三"), AttestationMode.REQUIRED).getMessage())
                .startsWith("缺少：负责人审签确认。");
        assertThat(refused(new AttestationRequest(true, true, " \t "), AttestationMode.REQUIRED).getMessage())
                .as("a blank signer is no signer").startsWith("缺少：签发人。");
        assertThat(refused(new AttestationRequest(false, true, "张三"), AttestationMode.REQUIRED).getMessage())
                .as("false is not a confirmation").startsWith("缺少：保密审查确认。");
    }

    @Test
    void theSignerHasOneToFiftyCharacters() {
        String fifty = "张".repeat(49) + "\uD840\uDC00"; // 50 characters, the last outside the BMP (two UTF-16 units)
        assertThat(AttestationRequest.of(fifty).check(AttestationMode.REQUIRED).signer()).isEqualTo(fifty);

        ReviewRefused tooLong = refused(AttestationRequest.of("张".repeat(51)), AttestationMode.REQUIRED);
        assertThat(tooLong.kind()).isEqualTo(ReviewRefused.Kind.INVALID);
        assertThat(tooLong.getMessage()).isEqualTo("签发人最多 50 个字符（现有 51 个）");
    }

    @Test
    void theSignerHasNoControlCharacters() {
        for (String bad : new String[] {"张\n三", "张\t三", "张\u0000三", "张\u202E三", "张\u200B三", "张\u2028三"}) {
            ReviewRefused e = refused(AttestationRequest.of(bad), AttestationMode.REQUIRED);
            assertThat(e.kind()).as(bad).isEqualTo(ReviewRefused.Kind.INVALID);
            assertThat(e.getMessage()).contains("控制字符");
        }
        assertThat(AttestationRequest.of("欧阳 娜娜·Anna").check(AttestationMode.REQUIRED).signer()).isEqualTo("欧阳 娜娜·Anna");
    }

    @Test
    void optionalAttestationsMayBeLeftOutButASignerGivenIsChecked() {
        Attestation none = AttestationRequest.NONE.check(AttestationMode.OPTIONAL);
        assertThat(none.secrecyReviewed()).isFalse();
        assertThat(none.leaderSigned()).isFalse();
        assertThat(none.signer()).isNull();
        assertThat(none.complete()).isFalse();

        assertThat(new AttestationRequest(true, null, " ").check(AttestationMode.OPTIONAL).signer()).isNull();
        assertThat(refused(AttestationRequest.of("张\n三"), AttestationMode.OPTIONAL).kind()).isEqualTo(ReviewRefused.Kind.INVALID);
    }

    @Test
    void theLinePrintedAndTheSummary() {
        Attestation a = AttestationRequest.of("张三").check(AttestationMode.REQUIRED);

        assertThat(a.printedLine()).isEqualTo("保密审查：已审查\u3000签发人：张三");
        assertThat(a.summary()).isEqualTo("保密审查：已确认；负责人审签：已确认；签发人：张三");
        assertThat(new Attestation(false, true, null, null, null).summary()).isEqualTo("保密审查：未确认；负责人审签：已确认；签发人：未填写");
    }
}
