package org.budgethub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgethub.support.ResultRows.row;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The incremental sync's fingerprints, without a database: what changes them and what does not. */
class SourceFingerprintsTest {

    private static final List<String> COLUMNS = List.of("pro_code", "pro_name", "amount");

    private static String hash(List<Map<String, Object>> rows) {
        SourceFingerprints f = new SourceFingerprints();
        rows.forEach(r -> f.add("bgt_project", "900001", r, COLUMNS));
        return f.hash("900001");
    }

    @Test
    void theOrderRowsArriveInDoesNotMatterButEveryRowAndColumnDoes() {
        Map<String, Object> a = row("pro_code", "P1", "pro_name", "项目一", "amount", new BigDecimal("10.50"));
        Map<String, Object> b = row("pro_code", "P2", "pro_name", "项目二", "amount", null);
        String both = hash(List.of(a, b));

        assertThat(hash(List.of(b, a))).isEqualTo(both);
        assertThat(hash(List.of(a))).as("a row deleted").isNotEqualTo(both);
        assertThat(hash(List.of(a, b, b))).as("a row twice").isNotEqualTo(both);
        assertThat(hash(List.of(a, row("pro_code", "P2", "pro_name", "项目二（修订）", "amount", null)))).isNotEqualTo(both);
        assertThat(hash(List.of(row("PRO_CODE", "P1", "PRO_NAME", "项目一", "AMOUNT", new BigDecimal("10.5")), b)))
                .as("H2's upper-case labels and another scale of the same amount").isEqualTo(both);
    }

    @Test
    void anAgencyWithoutRowsHasTheFingerprintOfNothingAndAgenciesAreKeptApart() {
        SourceFingerprints f = new SourceFingerprints();
        f.add("bgt_project", "900001", row("pro_code", "P1", "pro_name", "x", "amount", BigDecimal.ONE), COLUMNS);

        assertThat(f.hash("900002")).isEqualTo(new SourceFingerprints().hash("900001"));
        assertThat(f.hash("900001")).isNotEqualTo(f.hash("900002"));
    }

    @Test
    void theLatestUpdateTimeIsKeptPerAgencyAndOverall() {
        SourceFingerprints f = new SourceFingerprints();
        f.touched("900001", Timestamp.valueOf("2026-01-05 10:00:00"));
        f.touched("900001", LocalDateTime.parse("2026-01-04T10:00:00"));
        f.touched("900002", Timestamp.valueOf("2026-01-06 10:00:00"));
        f.touched("900003", null);

        assertThat(f.latest("900001")).contains(LocalDateTime.parse("2026-01-05T10:00:00"));
        assertThat(f.latest("900003")).isEmpty();
        assertThat(f.latest()).contains(LocalDateTime.parse("2026-01-06T10:00:00"));
    }
}
