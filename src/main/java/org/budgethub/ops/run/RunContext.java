package org.budgethub.ops.run;

import java.util.List;

import org.budgethub.model.ElementTables;
import org.budgethub.narrative.NarrativeLibrary;

/**
 * What every agency of one run shares, carried as the run route's one exchange property: the
 * request, the report, the narrative index and the element tables of Y and P (read once per run,
 * not per agency).
 */
public final class RunContext {

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

    public int year() {
        return request().year();
    }

    public int previousYear() {
        return request().year() - 1;
    }

    /** The one agency of an agency run, else null. */
    public String agency() {
        return request().agency();
    }

    /** The agencies of a list run (failed agencies, a resume), else null. */
    public List<String> agencies() {
        return request().agencies();
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

    void setElements(ElementTables current, ElementTables previous) {
        this.elements = current;
        this.previousElements = previous;
    }
}
