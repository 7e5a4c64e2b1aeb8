package org.budgethub.model;

import java.util.List;

/** The disclosure of one agency for one budget year: title, tables and 说明. Amounts in 万元 when shown. */
public record Disclosure(
        int fiscalYear,
        String agencyCode,
        String agencyName,
        String title,
        List<DisclosureTable> tables,
        List<NarrativeSection> narrative) {

    public static final String UNIT = "万元";

    public Disclosure {
        tables = List.copyOf(tables);
        narrative = List.copyOf(narrative);
    }
}
