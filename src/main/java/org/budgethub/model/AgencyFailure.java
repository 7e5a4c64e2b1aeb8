package org.budgethub.model;

/**
 * An agency that cannot be disclosed, with a reason a finance officer can act on. It fails that
 * agency only; the run goes on with the others.
 */
public class AgencyFailure extends RuntimeException {

    private final String stage;

    public AgencyFailure(String stage, String reason) {
        super(reason);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
