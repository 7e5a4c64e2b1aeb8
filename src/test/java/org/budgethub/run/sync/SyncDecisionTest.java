package org.budgethub.run.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import org.budgethub.run.sync.IncrementalSync.Fingerprint;
import org.budgethub.run.sync.IncrementalSync.Stored;

/** Why the incremental sync builds a unit or a department again, from its record and its sources now. */
class SyncDecisionTest {

    private static final LocalDateTime WATERMARK = LocalDateTime.parse("2026-01-05T10:00:00");

    private static Stored built() {
        return new Stored(SyncStatus.BUILT, WATERMARK, "src", "narr", "shared");
    }

    private static Fingerprint now(String source, String narrative, String shared, LocalDateTime latest) {
        return new Fingerprint(source, narrative, shared, latest);
    }

    @Test
    void aUnitBuiltFromTheSameSourcesIsLeftAloneEvenWithARowStampedExactlyAtItsWatermark() {
        assertThat(IncrementalSync.unitReason(built(), now("src", "narr", "shared", WATERMARK))).isNull();
        assertThat(IncrementalSync.unitReason(built(), now("src", "narr", "shared", null))).isNull();
    }

    @Test
    void aUnitIsBuiltAgainForEachKindOfChange() {
        assertThat(IncrementalSync.unitReason(null, now("src", "narr", "shared", null))).isEqualTo("new");
        assertThat(IncrementalSync.unitReason(built(), now("src", "narr", "shared", WATERMARK.plusNanos(1000)))).isEqualTo("data");
        assertThat(IncrementalSync.unitReason(built(), now("other", "narr", "shared", WATERMARK))).isEqualTo("data");
        assertThat(IncrementalSync.unitReason(built(), now("src", "other", "shared", WATERMARK))).isEqualTo("narrative");
        assertThat(IncrementalSync.unitReason(built(), now("src", "narr", "elements changed", WATERMARK))).isEqualTo("shared");
        assertThat(IncrementalSync.unitReason(new Stored(SyncStatus.FAILED, WATERMARK, "src", "narr", "shared"),
                now("src", "narr", "shared", WATERMARK))).as("a failed or held-back build is tried again").isEqualTo("retry");
    }

    @Test
    void aDepartmentFollowsItsUnitsSourcesButNotTheirNarratives() {
        Stored department = new Stored(SyncStatus.BUILT, WATERMARK, "units", "narr", "shared");
        Fingerprint same = now("units", "narr", "shared", null);

        assertThat(IncrementalSync.departmentReason(department, same, false)).isNull();
        assertThat(IncrementalSync.departmentReason(department, same, true)).isEqualTo("data");
        assertThat(IncrementalSync.departmentReason(department, now("other units", "narr", "shared", null), false)).isEqualTo("units");
        assertThat(IncrementalSync.departmentReason(department, now("units", "edited", "shared", null), false)).isEqualTo("narrative");
    }
}
