package org.budgethub.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.InputProblem.Kind;
import org.budgethub.model.InputProblem;

/**
 * One finance row read for the columns the disclosure needs: a value that cannot be used (empty, not
 * a number, outside its domain) is recorded as an {@link InputProblem} naming the table, the row and
 * the column, and comes back as null, so the caller leaves the row out rather than throwing or
 * counting it as zero.
 */
final class CheckedRow {

    private final Map<String, ?> row;
    private final String table;
    private final String label;
    private final List<RowRef> refs;
    private final List<InputProblem> problems;
    private boolean usable = true;

    /** @param label the row as a person finds it ("entry_id 为 L1 的行（指标 B1）") */
    CheckedRow(Map<String, ?> row, String table, String label, List<RowRef> refs, List<InputProblem> problems) {
        this.row = row;
        this.table = table;
        this.label = label;
        this.refs = refs;
        this.problems = problems;
    }

    /** False once a column of the row could not be used. */
    boolean usable() {
        return usable;
    }

    /** A column that must hold a value, trimmed. */
    String required(String column) {
        Object value = present(column);
        return value == null ? null : value.toString().trim();
    }

    /** The column's value, or null once recorded as missing (NULL or blank). */
    private Object present(String column) {
        Object value = Rows.value(row, column);
        if (value == null || value.toString().isBlank()) {
            problem(Kind.MISSING, column, null, "");
            return null;
        }
        return value;
    }

    /** A code column that must hold one of {@code allowed}. */
    String oneOf(String column, Set<String> allowed, String expected) {
        String value = required(column);
        if (value != null && !allowed.contains(value)) {
            problem(Kind.MALFORMED, column, value, expected);
            return null;
        }
        return value;
    }

    /** A code column of digits only, of one of the given lengths. */
    String digits(String column, String expected) {
        String value = required(column);
        if (value != null && !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problem(Kind.MALFORMED, column, value, expected);
            return null;
        }
        return value;
    }

    /** An amount in yuan: a number, never a default. */
    BigDecimal amount(String column) {
        Object value = present(column);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            problem(Kind.NOT_A_NUMBER, column, value.toString(), "以元为单位的金额");
            return null;
        }
    }

    /** A whole number (a count, a weight, a sequence number). */
    Integer integer(String column) {
        Object value = present(column);
        if (value == null) {
            return null;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            problem(Kind.MALFORMED, column, value.toString(), "整数");
            return null;
        }
    }

    /** A boolean column that must hold a value. */
    Boolean bool(String column) {
        return present(column) == null ? null : Rows.bool(row, column);
    }

    private void problem(Kind kind, String column, String value, String expected) {
        usable = false;
        problems.add(new InputProblem(kind, table, label, column, value, expected, refs));
    }
}
