package org.budgethub.model;

import java.util.List;

/**
 * The input cannot make this disclosure (finance rows, an authored narrative, the template): a
 * reason a finance officer can act on and the findings behind it. Retrying cannot help, so the
 * agency fails at once; the run goes on with the others. Every other exception is taken for a
 * fault of the machinery (a database, a disk, the CMS) and retried first.
 */
public class DataError extends RuntimeException {

    private final Stage stage;
    private final List<Finding> findings;

    public DataError(Stage stage, String reason) {
        this(stage, reason, List.of());
    }

    public DataError(Stage stage, String reason, List<Finding> findings) {
        super(reason);
        this.stage = stage;
        this.findings = List.copyOf(findings);
    }

    public Stage stage() {
        return stage;
    }

    /** Every finding of the agency, the FATAL ones that stopped it and the others. */
    public List<Finding> findings() {
        return findings;
    }
}
