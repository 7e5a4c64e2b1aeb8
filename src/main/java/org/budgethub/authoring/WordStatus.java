package org.budgethub.authoring;

import org.budgethub.model.StatusLabel;

/** Whether a person stands behind a version of the words. */
public enum WordStatus implements StatusLabel {
    /** 草稿: words the hub drafted and nobody confirmed (the draft the API shows; a run builds from it unstored). */
    DRAFTED("草稿", "warn"),
    /** 已确认: imported from a file or saved by a person. */
    CONFIRMED("已确认", "ok");

    private final Look look;

    WordStatus(String label, String tone) {
        look = new Look(label, tone);
    }

    @Override
    public Look look() {
        return look;
    }
}
