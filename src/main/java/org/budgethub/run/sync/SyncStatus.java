package org.budgethub.run.sync;

import org.budgethub.model.StatusLabel;

/** What a run made of an agency, as the sync record keeps it (sync_agency.status, by name): the next run skips only a built one. */
public enum SyncStatus implements StatusLabel {
    BUILT("已生成", "ok"),
    /** Failed or held back (or its stored files did not verify): the next run tries it again. */
    FAILED("失败", "bad");

    private final Look look;

    SyncStatus(String label, String tone) {
        look = new Look(label, tone);
    }

    @Override
    public Look look() {
        return look;
    }

    /** The worse of two outcomes for one agency (a department's units, a unit in two batches). */
    static SyncStatus worse(SyncStatus a, SyncStatus b) {
        return a == FAILED || b == FAILED ? FAILED : BUILT;
    }
}
