package org.budgethub.model;

import java.math.BigDecimal;
import java.util.Objects;

/** One movement of an appropriation (指标账). {@code amount} is signed, in yuan. */
public record LedgerEntry(String entryId, String stage, BigDecimal amount) {

    /** The stage that the annual (年初) disclosure counts; ADJUST (年中调整) never does. */
    public static final String INITIAL = "INITIAL";
    public static final String ADJUST = "ADJUST";

    public LedgerEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(amount, "amount");
    }

    public boolean isInitial() {
        return INITIAL.equals(stage);
    }
}
