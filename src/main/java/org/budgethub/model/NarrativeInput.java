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
        String contactPhone,
        List<UnknownKey> unknownKeys) {

    /**
     * A key of the file that CONTRACT.md §1 does not know (a misspelling drops its words silently):
     * {@code key} dotted as in the contract ("reason", "contact.mail"), {@code closest} the known key
     * it most likely meant, {@code where} the file and line.
     */
    public record UnknownKey(String key, String closest, String where) {
    }

    public NarrativeInput {
        reasons = Map.copyOf(reasons);
        notes = List.copyOf(notes);
        unknownKeys = unknownKeys == null ? List.of() : List.copyOf(unknownKeys);
    }

    /** Authored words with only known keys. */
    public NarrativeInput(String agency, int year, String duties, String composition, Map<String, String> reasons, List<String> notes,
                          String contactName, String contactPhone) {
        this(agency, year, duties, composition, reasons, notes, contactName, contactPhone, List.of());
    }

    /** The authored reason for {@code key}, or "" when absent. */
    public String reason(String key) {
        String r = reasons.get(key);
        return r == null ? "" : r.strip();
    }
}
