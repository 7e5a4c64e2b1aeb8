package org.budgethub.run;

import java.util.List;
import java.util.Map;

import org.budgethub.authoring.RunWords;
import org.budgethub.model.ElementTables;

/**
 * What every agency of one run shares, carried as the run route's one exchange property: the
 * request, the report, the words (the narrative store's latest versions, or the folder: {@link RunWords})
 * and the element tables of Y and P (read once per run, not per agency).
 */
public final class RunContext {
    /** The "kind" of a planned row that is a department (部门), not a unit. */
    public static final String DEPARTMENT_KIND = "department";


    private final RunReport report;
    private final RunWords words;
    private final long runId;
    private volatile ElementTables elements;
    private volatile ElementTables previousElements;
    private volatile List<String> listedUnits = List.of();
    private volatile List<String> departments = List.of();

    public RunContext(long runId, RunReport report, RunWords words) {
        this.runId = runId;
        this.report = report;
        this.words = words;
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

    /** The words of the run's agencies: the model stage attaches them, the incremental sync fingerprints them. */
    public RunWords words() {
        return words;
    }

    public ElementTables elements() {
        return elements;
    }

    public ElementTables previousElements() {
        return previousElements;
    }

    /** A list run's units: the listed codes that are not departments only. */
    public List<Map<String, Object>> listedUnitRows() {
        return listedUnits.stream().map(a -> Map.<String, Object>of("agency_code", a)).toList();
    }

    /** The departments this run builds, after its units (CONTRACT.md §6). */
    public List<String> departments() {
        return departments;
    }

    /** The departments as rows for the agency route: each one is a journey like a unit's. */
    public List<Map<String, Object>> departmentRows() {
        return departments.stream().map(d -> Map.<String, Object>of("agency_code", d, "kind", DEPARTMENT_KIND)).toList();
    }

    void setPlan(List<String> listedUnits, List<String> departments) {
        this.listedUnits = List.copyOf(listedUnits);
        this.departments = List.copyOf(departments);
    }

    public void setElements(ElementTables current, ElementTables previous) {
        this.elements = current;
        this.previousElements = previous;
    }
}
