package org.budgethub.review;

/** A reviewer's action that cannot be taken, with the reason a person reads and what kind of refusal it is. */
public class ReviewRefused extends RuntimeException {

    /**
     * Nothing to act on; not in a state to act on; not allowed for this person; no reason given; an
     * approval without the attestations it needs; a value the hub cannot take (a signer's name).
     */
    public enum Kind { NOT_FOUND, CONFLICT, FORBIDDEN, REASON_MISSING, ATTESTATION_MISSING, INVALID }

    private final Kind kind;

    public ReviewRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
