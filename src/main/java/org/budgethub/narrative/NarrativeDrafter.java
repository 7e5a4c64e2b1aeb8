package org.budgethub.narrative;

import java.util.List;
import java.util.Map;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.NarrativeInput;

/**
 * The hub's first draft of an agency's or a department's words for a year (issue 21), from what the
 * hub already knows: the figures of the extract (this year and the previous) and the latest words a
 * person confirmed for an earlier year. Plain Java: no database, no Spring.
 */
public final class NarrativeDrafter {

    /**
     * @param extract the agency's (or, consolidated, the department's) extract of the year and the previous year
     * @param earlier the latest confirmed words of an earlier year, or null when there are none
     * @return words with the contract's keys (never null); a reason that cannot be drafted is absent
     */
    public NarrativeInput draft(AgencyExtract extract, NarrativeInput earlier) {
        // Seam only: carries the earlier words forward, drafts no reason yet (branch i21-draft).
        String code = extract.agency().code();
        if (earlier == null) {
            return new NarrativeInput(code, extract.year(), "", "", Map.of(), List.of(), "", "");
        }
        return new NarrativeInput(code, extract.year(), earlier.duties(), earlier.composition(), Map.of(), earlier.notes(),
                earlier.contactName(), earlier.contactPhone());
    }
}
