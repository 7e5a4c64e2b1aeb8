package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** An agency's outcome in a run is read from its tasks' typed facts, never from the sentences they show. */
class AgencyOutcomeTest {

    private static RunHistory.Task task(String stage, TaskStatus status, AgencyOutcome outcome, String detail) {
        return new RunHistory.Task(1, 1, "101023", stage, status, detail, null, null, null, null, null, outcome);
    }

    private static final RunHistory.Task INGEST = task("ingest", TaskStatus.DONE, null, null);

    @Test
    void aFailedTaskDecides() {
        assertThat(AgencyOutcome.of(List.of(INGEST, task("validate", TaskStatus.FAILED, AgencyOutcome.HELD_BACK, "any words"))))
                .isEqualTo(AgencyOutcome.HELD_BACK);
        assertThat(AgencyOutcome.of(List.of(INGEST, task("render", TaskStatus.FAILED, AgencyOutcome.FAILED, "未通过：数据或说明须更正，重试无用"))))
                .as("the sentence decides nothing").isEqualTo(AgencyOutcome.FAILED);
    }

    @Test
    void publishingDecidesOnceItFinished() {
        assertThat(AgencyOutcome.of(List.of(INGEST, task("publish", TaskStatus.RUNNING, null, null)))).isEqualTo(AgencyOutcome.RUNNING);
        assertThat(AgencyOutcome.of(List.of(INGEST, task("render", TaskStatus.DONE, null, null)))).isEqualTo(AgencyOutcome.RUNNING);
        assertThat(AgencyOutcome.of(List.of(INGEST, task("publish", TaskStatus.INTERRUPTED, null, null)))).isEqualTo(AgencyOutcome.INTERRUPTED);
        assertThat(AgencyOutcome.of(List.of(INGEST, task("publish", TaskStatus.SKIPPED, AgencyOutcome.UNCHANGED, "未发送：…"))))
                .isEqualTo(AgencyOutcome.UNCHANGED);
        assertThat(AgencyOutcome.of(List.of(INGEST, task("publish", TaskStatus.DONE, AgencyOutcome.AWAITING_REVIEW, "第 1 版"))))
                .isEqualTo(AgencyOutcome.AWAITING_REVIEW);
        assertThat(AgencyOutcome.of(List.of(INGEST, task("publish", TaskStatus.DONE, AgencyOutcome.NEW_VERSION, "待审核：words only"))))
                .isEqualTo(AgencyOutcome.NEW_VERSION);
        assertThat(AgencyOutcome.of(List.of(INGEST, task("publish", TaskStatus.SKIPPED, null, null)))).isEqualTo(AgencyOutcome.UNCHANGED);
        assertThat(AgencyOutcome.of(List.of())).isNull();
    }
}
