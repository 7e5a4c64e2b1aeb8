package org.budgethub.run;

import java.util.List;

import org.budgethub.model.AgencyWork;
import org.budgethub.review.ReleaseFailures;

/**
 * What one run did for one agency, read from its tasks as a person reads a night: a new version (sent,
 * or waiting for its reviewer), nothing new, held back by its data, failed, cut off, or still going.
 */
public enum AgencyOutcome {
    NEW_VERSION("新版本", "ok"),
    AWAITING_REVIEW("待审核", "busy"),
    UNCHANGED("未变化", "neutral"),
    HELD_BACK("未通过校验", "warn"),
    FAILED("失败", "bad"),
    INTERRUPTED("已中断", "warn"),
    RUNNING("进行中", "busy"),
    /** Not a run's outcome: its version was approved after the run, then failed to reach the CMS ({@link ReleaseFailures}). */
    PUBLISH_FAILED("发布失败", "bad");

    private final String label;
    private final String tone;

    AgencyOutcome(String label, String tone) {
        this.label = label;
        this.tone = tone;
    }

    public String label() {
        return label;
    }

    public String tone() {
        return tone;
    }

    /** What a run can make of an agency: the grid's legend. */
    public static List<AgencyOutcome> ofRuns() {
        return java.util.Arrays.stream(values()).filter(o -> o != PUBLISH_FAILED).toList();
    }

    /**
     * The outcome of one agency's tasks in one run; null when it has none. A failed task decides it;
     * else a cut-off one; else the task that finished the agency ({@link TaskStatus#finishesAgency})
     * says what it decided; without one the agency is still on its way.
     */
    public static AgencyOutcome of(List<RunHistory.Task> tasks) {
        if (tasks == null || tasks.isEmpty()) {
            return null;
        }
        for (RunHistory.Task t : tasks) {
            if (t.status() == TaskStatus.FAILED) {
                return t.outcome() == HELD_BACK ? HELD_BACK : FAILED;
            }
        }
        if (tasks.stream().anyMatch(t -> t.status() == TaskStatus.INTERRUPTED)) {
            return INTERRUPTED;
        }
        RunHistory.Task finished = tasks.stream().filter(RunHistory.Task::finishesAgency).reduce((a, b) -> b).orElse(null);
        if (finished == null) {
            return RUNNING;
        }
        return finished.outcome() != null ? finished.outcome() : finished.status() == TaskStatus.SKIPPED ? UNCHANGED : NEW_VERSION;
    }

    /** What publishing decided for the agency, as its publish task records it. */
    public static AgencyOutcome published(AgencyWork work) {
        return work.skipped() ? UNCHANGED : work.awaitingReview() ? AWAITING_REVIEW : NEW_VERSION;
    }

    /** What a failure decided for the agency: its data kept it back, or the machinery failed. */
    public static AgencyOutcome failed(boolean heldBack) {
        return heldBack ? HELD_BACK : FAILED;
    }

    /** The task that explains the outcome: the failed or cut-off one, else the last. */
    public static RunHistory.Task telling(List<RunHistory.Task> tasks) {
        return tasks.stream().filter(t -> t.status() == TaskStatus.FAILED || t.status() == TaskStatus.INTERRUPTED).findFirst()
                .orElse(tasks.get(tasks.size() - 1));
    }
}
