package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import org.budgethub.web.ConsoleFormat;

/** Runs' and tasks' labels as the console shows them, and when a task ends its agency's journey. */
class StatusesTest {

    private static final ConsoleFormat FORMAT = new ConsoleFormat(ZoneId.of("UTC"), new RunStatuses().statuses());

    @Test
    void runAndTaskLabels() {
        assertThat(FORMAT.label("DONE")).isEqualTo("完成");
        assertThat(FORMAT.label(TaskStatus.SKIPPED)).isEqualTo("跳过");
        assertThat(FORMAT.label(TaskStatus.RUNNING)).isEqualTo("运行中");
        assertThat(FORMAT.label(RunStatus.QUEUED)).isEqualTo("排队中");
        assertThat(FORMAT.label(RunStatus.SUCCEEDED)).isEqualTo("成功");
        assertThat(FORMAT.label("FAILED")).isEqualTo("失败");
        assertThat(FORMAT.label(RunStatus.INTERRUPTED)).isEqualTo("已中断");
        assertThat(FORMAT.badge(TaskStatus.DONE)).isEqualTo("badge badge-ok");
        assertThat(FORMAT.badge(RunStatus.RUNNING)).isEqualTo("badge badge-busy");
        assertThat(FORMAT.badge("INTERRUPTED")).isEqualTo("badge badge-warn");
        assertThat(FORMAT.badge(RunStatus.QUEUED)).isEqualTo("badge badge-neutral");
    }

    @Test
    void anAgencyIsThroughWhenAStageFailedOrPublishingEnded() {
        assertThat(TaskStatus.FAILED.finishesAgency("ingest")).isTrue();
        assertThat(TaskStatus.FAILED.finishesAgency("publish")).isTrue();
        assertThat(TaskStatus.DONE.finishesAgency("publish")).isTrue();
        assertThat(TaskStatus.SKIPPED.finishesAgency("publish")).isTrue();
        assertThat(TaskStatus.DONE.finishesAgency("render")).isFalse();
        assertThat(TaskStatus.RUNNING.finishesAgency("publish")).isFalse();
        assertThat(TaskStatus.INTERRUPTED.finishesAgency("publish")).isFalse();
        assertThat(TaskStatus.finishesAgencySql("u."))
                .isEqualTo("(u.status IN ('FAILED') OR (u.stage = 'publish' AND u.status IN ('DONE', 'SKIPPED', 'FAILED')))");
    }

    @Test
    void activeRuns() {
        assertThat(RunStatus.QUEUED.active()).isTrue();
        assertThat(RunStatus.RUNNING.active()).isTrue();
        assertThat(RunStatus.INTERRUPTED.active()).isFalse();
    }
}
