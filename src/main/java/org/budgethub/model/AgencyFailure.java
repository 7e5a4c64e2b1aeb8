package org.budgethub.model;

import java.util.List;

/**
 * An agency that cannot be disclosed, with a reason a finance officer can act on and the findings
 * behind it. It fails that agency only; the run goes on with the others.
 */
public class AgencyFailure extends RuntimeException {

    private final String stage;
    private final List<Finding> findings;

    public AgencyFailure(String stage, String reason) {
        this(stage, reason, List.of());
    }

    public AgencyFailure(String stage, String reason, List<Finding> findings) {
        super(reason);
        this.stage = stage;
        this.findings = List.copyOf(findings);
    }

    public String stage() {
        return stage;
    }

    /** Every finding of the agency, the FATAL ones that stopped it and the others. */
    public List<Finding> findings() {
        return findings;
    }
}
