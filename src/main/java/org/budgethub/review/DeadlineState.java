package org.budgethub.review;

import org.budgethub.model.StatusLabel;

/**
 * Where one department's or unit's disclosure stands against its legal deadline. Only the first
 * delivery to the website counts: a correction (v2 …) or a withdrawal never makes it late.
 */
public enum DeadlineState implements StatusLabel {
    /** First on the website on or before its due date. */
    ON_TIME("按时公开", "ok"),
    /** First on the website after its due date: on the website now, but late. */
    PUBLISHED_LATE("逾期后公开", "warn"),
    /** Past its due date and never on the website. */
    LATE("逾期未公开", "bad"),
    /** Not on the website, no version approved, and few days left. */
    AT_RISK("临近截止未批准", "warn"),
    /** Not on the website yet, and not due yet. */
    DUE("未到期", "neutral");

    private final Look look;

    DeadlineState(String label, String tone) {
        look = new Look(label, tone);
    }

    @Override
    public Look look() {
        return look;
    }

    /** On the website (in time or not). */
    public boolean published() {
        return this == ON_TIME || this == PUBLISHED_LATE;
    }
}
