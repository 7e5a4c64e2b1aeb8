package org.budgethub.review;

import java.util.List;

/** A reviewer's action that cannot be taken, with the reason a person reads and what kind of refusal it is. */
public class ReviewRefused extends RuntimeException {

    /**
     * Nothing to act on; not in a state to act on; not allowed for this person; no reason given; an
     * approval without the attestations it needs; a value the hub cannot take (a signer's name).
     */
    public enum Kind { NOT_FOUND, CONFLICT, FORBIDDEN, REASON_MISSING, ATTESTATION_MISSING, INVALID }

    private final Kind kind;
    private final List<String> codes;

    public ReviewRefused(Kind kind, String message) {
        this(kind, message, List.of());
    }

    /** @param codes the units the refusal is about (not clean, still awaiting review), for the API's {@code units} */
    public ReviewRefused(Kind kind, String message, List<String> codes) {
        super(message);
        this.kind = kind;
        this.codes = List.copyOf(codes);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> codes() {
        return codes;
    }
}
