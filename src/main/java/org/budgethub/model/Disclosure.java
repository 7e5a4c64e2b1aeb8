package org.budgethub.model;

import java.util.List;

/**
 * The disclosure of one agency (a unit's 单位预算) or one department (部门预算, with its units) for
 * one budget year: title, tables, 说明 and the validation findings.
 */
public record Disclosure(
        int fiscalYear,
        String agencyCode,
        String agencyName,
        String title,
        List<DisclosureTable> tables,
        List<NarrativeSection> narrative,
        List<Finding> findings,
        List<Unit> units) {

    public static final String UNIT = "万元";

    /** A unit a department's disclosure consolidates. */
    public record Unit(String code, String name) {
    }

    public Disclosure {
        tables = List.copyOf(tables);
        narrative = List.copyOf(narrative);
        findings = List.copyOf(findings);
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** A unit's disclosure. */
    public Disclosure(int fiscalYear, String agencyCode, String agencyName, String title, List<DisclosureTable> tables,
                      List<NarrativeSection> narrative, List<Finding> findings) {
        this(fiscalYear, agencyCode, agencyName, title, tables, narrative, findings, List.of());
    }

    public boolean isDepartment() {
        return !units.isEmpty();
    }

    /** "department" or "unit", as disclosure.json says it. */
    public String kind() {
        return isDepartment() ? "department" : "unit";
    }

    public Disclosure withFindings(List<Finding> newFindings) {
        return new Disclosure(fiscalYear, agencyCode, agencyName, title, tables, narrative, newFindings, units);
    }
}
