package org.budgethub.run;

/** A run was asked for that is already queued or running: the caller is pointed at that one. */
class DuplicateRun extends IllegalStateException {

    private final long existing;
    private final RunStatus status;

    public DuplicateRun(long existing, RunStatus status) {
        super("相同的运行 #" + existing + " 已在" + (status == RunStatus.QUEUED ? "排队" : "运行") + "，无需重复启动");
        this.existing = existing;
        this.status = status;
    }

    public long existing() {
        return existing;
    }

    /** QUEUED (it has not begun) or RUNNING. */
    public RunStatus status() {
        return status;
    }
}
