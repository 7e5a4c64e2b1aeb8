package org.budgethub.run;

import org.budgethub.model.StatusLabel;

/** Where a run is, as the run table stores it (by name). */
public enum RunStatus implements StatusLabel {
    /** Waits for the run before it. */
    QUEUED("排队中", "neutral"),
    RUNNING("运行中", "busy"),
    SUCCEEDED("成功", "ok"),
    /**
     * Through, with no fault of the machinery, but some agencies held back by their own data
     * (validation): amber, not a red failure; a correction of the data, not a retry, helps.
     */
    HELD_BACK("完成，有暂缓", "warn"),
    FAILED("失败", "bad"),
    /** The hub stopped under it: a resume completes it. */
    INTERRUPTED("已中断", "warn");

    private final Look look;

    RunStatus(String label, String tone) {
        look = new Look(label, tone);
    }

    @Override
    public Look look() {
        return look;
    }

    /** Queued or under way: not finished yet. */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
