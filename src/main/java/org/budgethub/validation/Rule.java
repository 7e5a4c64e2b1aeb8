package org.budgethub.validation;

import java.util.Arrays;
import java.util.Optional;

import org.budgethub.model.Finding.Severity;

/**
 * The rules of the validation gate, with stable ids (they appear in disclosure.json, the export
 * summary and the console) and their default severity. Operators may change a severity with
 * {@code hub.validation.severity.<id>}.
 */
enum Rule {
    // Input data: what the finance system handed over.
    CODE_UNKNOWN("input.code-unknown", Severity.FATAL),
    CODE_LEVEL("input.code-level", Severity.FATAL),
    AMOUNT_SCALE("input.amount-scale", Severity.FATAL),
    NEGATIVE_TOTAL("input.negative-total", Severity.FATAL),
    DUPLICATE_ID("input.duplicate-id", Severity.FATAL),
    NARRATIVE_MISSING("input.narrative-missing", Severity.FATAL),
    // Finance rows through views without the schema's constraints: a value the hub cannot use is a
    // finding naming table, row and column, never an exception and never a zero.
    VALUE_MISSING("input.value-missing", Severity.FATAL),
    AMOUNT_INVALID("input.amount-invalid", Severity.FATAL),
    AMOUNT_RANGE("input.amount-range", Severity.FATAL),
    CODE_MALFORMED("input.code-malformed", Severity.FATAL),
    // A misspelt key of the authored narrative drops its words silently: FATAL, naming the closest key.
    NARRATIVE_KEY("input.narrative-key", Severity.FATAL),
    // CONTRACT.md §1 lets every narrative key be empty and §5 does not fail such an agency, so
    // this one only warns by default (issue 3 asks for FATAL: set the severity to have it).
    DUTIES_EMPTY("input.duties-empty", Severity.WARN),
    PROJECT_MISSING("input.project-missing", Severity.FATAL),
    PREVIOUS_YEAR_ABSENT("input.previous-year-absent", Severity.WARN),
    // Identities between and within tables, in exact yuan.
    TABLE1_BALANCE("identity.table1-balance", Severity.FATAL),
    TABLE1_FISCAL("identity.table1-fiscal", Severity.FATAL),
    BASIC_PLUS_PROJECT("identity.basic-plus-project", Severity.FATAL),
    TABLE3_BASIC("identity.table3-basic", Severity.FATAL),
    FUND_COLUMNS("identity.fund-columns", Severity.FATAL),
    SUMMARY_TOTALS("identity.summary-totals", Severity.FATAL),
    ROLLUP("identity.rollup", Severity.FATAL),
    TABLE4_ITEMS("identity.table4-items", Severity.FATAL),
    SANGONG_VS_TABLE3("identity.sangong-vs-table3", Severity.FATAL),
    // A department (部门预算): its totals are its units' totals, in yuan.
    DEPARTMENT_SUM("identity.department-sum", Severity.FATAL),
    // Figures as printed in 万元.
    ROUNDING_ENVELOPE("display.rounding-envelope", Severity.FATAL),
    ROUNDING_HINT("display.rounding-hint", Severity.INFO),
    // 表文一致: the authored words against the figures.
    TEXT_FIGURE("narrative.figure-mismatch", Severity.WARN),
    // The words are the hub's draft (hub.narratives.missing: draft), which no person confirmed: the reviewer is told.
    NARRATIVE_UNCONFIRMED("narrative.unconfirmed", Severity.WARN);

    private final String id;
    private final Severity defaultSeverity;

    Rule(String id, Severity defaultSeverity) {
        this.id = id;
        this.defaultSeverity = defaultSeverity;
    }

    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
