package org.budgethub.ops;

import org.budgethub.model.ElementTables;
import org.budgethub.narrative.NarrativeLibrary;

/**
 * What every agency of one run shares, carried by the exchange property {@value #PROPERTY}: the
 * report, the narrative index and the element tables of Y and P (read once per run, not per agency).
 */
public final class RunContext {

    public static final String PROPERTY = "run";

    private final RunReport report;
    private final NarrativeLibrary narratives;
    private final long runId;
    private volatile ElementTables elements;
    private volatile ElementTables previousElements;

    RunContext(long runId, RunReport report, NarrativeLibrary narratives) {
        this.runId = runId;
        this.report = report;
        this.narratives = narratives;
    }

    /** The run's id in the run history. */
    public long runId() {
        return runId;
    }

    public RunReport report() {
        return report;
    }

    public RunRequest request() {
        return report.request();
    }

    public NarrativeLibrary narratives() {
        return narratives;
    }

    public ElementTables elements() {
        return elements;
    }

    public ElementTables previousElements() {
        return previousElements;
    }

    void elements(ElementTables current, ElementTables previous) {
        this.elements = current;
        this.previousElements = previous;
    }
}
