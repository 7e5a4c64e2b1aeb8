package org.budgethub.model;

import java.util.List;

/** The disclosure of one agency for one budget year: title, tables, 说明 and the validation findings. */
public record Disclosure(
        int fiscalYear,
        String agencyCode,
        String agencyName,
        String title,
        List<DisclosureTable> tables,
        List<NarrativeSection> narrative,
        List<Finding> findings) {

    public static final String UNIT = "万元";

    public Disclosure {
        tables = List.copyOf(tables);
        narrative = List.copyOf(narrative);
        findings = List.copyOf(findings);
    }

    public Disclosure withFindings(List<Finding> newFindings) {
        return new Disclosure(fiscalYear, agencyCode, agencyName, title, tables, narrative, newFindings);
    }
}
