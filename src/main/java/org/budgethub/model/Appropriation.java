package org.budgethub.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An appropriation (预算指标) with its ledger. Its amount is never stored: it is the sum of its
 * INITIAL ledger entries, and a soft-deleted appropriation does not count at all.
 */
public record Appropriation(
        String bgtId,
        int fiscalYear,
        String agencyCode,
        String functionalCode,
        String economicCode,
        String fundCode,
        String expKind,
        String source,
        String projectCode,
        boolean deleted,
        List<LedgerEntry> entries) {

    public static final String BASIC = "B";
    public static final String PROJECT = "P";
    public static final String NEW_MONEY = "N";
    public static final String CARRY_OVER = "C";

    public Appropriation {
        Objects.requireNonNull(bgtId, "bgtId");
        entries = List.copyOf(entries);
    }

    public boolean counted() {
        return !deleted;
    }

    /** Sum of the INITIAL entries, exact, in yuan. */
    public BigDecimal amount() {
        return entries.stream()
                .filter(LedgerEntry::isInitial)
                .map(LedgerEntry::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The ledger rows behind {@link #amount()}: what a finding or a figure points back to. */
    public List<String> countedEntryIds() {
        return entries.stream().filter(LedgerEntry::isInitial).map(LedgerEntry::entryId).toList();
    }

    public boolean isBasic() {
        return BASIC.equals(expKind);
    }

    public boolean isProject() {
        return PROJECT.equals(expKind);
    }

    public boolean isNewMoney() {
        return NEW_MONEY.equals(source);
    }

    public boolean isCarryOver() {
        return CARRY_OVER.equals(source);
    }

    /** 类 of the functional code (3 digits). */
    public String functionalClass() {
        return prefix(functionalCode, 3);
    }

    /** 款 of the functional code (5 digits). */
    public String functionalSection() {
        return prefix(functionalCode, 5);
    }

    /** 类 of the economic code (3 digits). */
    public String economicClass() {
        return prefix(economicCode, 3);
    }

    private static String prefix(String code, int length) {
        return code == null || code.length() < length ? code : code.substring(0, length);
    }
}
