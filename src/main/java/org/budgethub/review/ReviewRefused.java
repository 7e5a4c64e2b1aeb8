package org.budgethub.review;

/** A reviewer's action that cannot be taken, with the reason a person reads and what kind of refusal it is. */
public class ReviewRefused extends RuntimeException {

    /** Nothing to act on; not in a state to act on; not allowed for this person; no reason given. */
    public enum Kind { NOT_FOUND, CONFLICT, FORBIDDEN, REASON_MISSING }

    private final Kind kind;

    public ReviewRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
