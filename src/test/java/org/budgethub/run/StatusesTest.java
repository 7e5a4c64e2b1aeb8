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
        // Held back by their data, no machinery failed: amber, never the red 失败.
        assertThat(FORMAT.label(RunStatus.HELD_BACK)).isEqualTo("完成，有暂缓");
        assertThat(FORMAT.badge(RunStatus.HELD_BACK)).isEqualTo("badge badge-warn");
    }

    @Test
    void whoStartedARunInChinese() {
        assertThat(FORMAT.trigger("schedule")).isEqualTo("夜间定时任务");
        assertThat(FORMAT.trigger("demo start-up")).isEqualTo("演示启动");
        assertThat(FORMAT.trigger("user:operator")).isEqualTo("用户 operator");
        assertThat(FORMAT.trigger("export")).isEqualTo("命令行导出");
        assertThat(FORMAT.scope("ALL")).isEqualTo("全部单位");
    }

    @Test
    void forceAppliesOnlyToTheAgenciesARequestNames() {
        RunRequest one = new RunRequest(2026, "101023", "user:operator", true);
        assertThat(one.forces("101023")).isTrue();
        assertThat(one.forces("101")).as("the department rebuilt alongside its unit").isFalse();
        RunRequest listed = RunRequest.agencies(2026, java.util.List.of("101001", "102"), "user:operator", true, null);
        assertThat(listed.forces("102")).isTrue();
        assertThat(listed.forces("101")).isFalse();
        assertThat(RunRequest.allAgencies(2026, "user:operator").forces("101")).isFalse();
        assertThat(new RunRequest(2026, null, null, "user:operator", true, null).forces("101")).isTrue();
        assertThat(new RunRequest(2026, "101023", "user:operator", false).forces("101023")).isFalse();
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
