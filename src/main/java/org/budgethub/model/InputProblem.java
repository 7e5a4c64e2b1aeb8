package org.budgethub.model;

import java.util.List;
import java.util.Objects;

import org.budgethub.model.Finding.RowRef;

/**
 * A value of a finance row that the hub cannot use: the finance system feeds the hub through views
 * without the schema's NOT NULL constraints, so a column may be empty, an amount not a number, a
 * code outside its domain. Ingest records it here instead of throwing or defaulting, leaves the row
 * out of the arithmetic, and validation turns it into a finding that holds the agency back.
 *
 * @param table    the finance table (bgt_ledger, bgt_appropriation, …)
 * @param row      the row as a person finds it, in Chinese ("entry_id 为 L1 的行（指标 B1）")
 * @param column   the column holding the bad value
 * @param value    the value as read, or null when the column is empty
 * @param expected what the column may hold, for a malformed value ("B 或 P"); empty otherwise
 * @param rows     the finance rows behind it, for the finding
 */
public record InputProblem(Kind kind, String table, String row, String column, String value, String expected, List<RowRef> rows) {

    /** Why the value cannot be used. */
    public enum Kind {
        /** The column is NULL or blank. */
        MISSING,
        /** An amount that is not a number. */
        NOT_A_NUMBER,
        /** A code or a count outside what the column may hold. */
        MALFORMED
    }

    public InputProblem {
        Objects.requireNonNull(kind, "kind");
        expected = expected == null ? "" : expected;
        rows = List.copyOf(rows);
    }
}
