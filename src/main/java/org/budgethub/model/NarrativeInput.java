package org.budgethub.model;

import java.util.List;
import java.util.Map;

/**
 * The words a person writes for one disclosure (duties, reasons for changes, notes, contact).
 * Every field but agency and year may be empty; reasons are keyed as in the contract
 * (income, expenditure, basic, project, fund, adminCost, sangong, sangongAbroad, ...).
 */
public record NarrativeInput(
        String agency,
        int year,
        String duties,
        String composition,
        Map<String, String> reasons,
        List<String> notes,
        String contactName,
        String contactPhone) {

    public NarrativeInput {
        reasons = Map.copyOf(reasons);
        notes = List.copyOf(notes);
    }

    /** The authored reason for {@code key}, or "" when absent. */
    public String reason(String key) {
        String r = reasons.get(key);
        return r == null ? "" : r.strip();
    }
}
