package org.budgethub.model;

import java.math.BigDecimal;

/**
 * One fund's share of a government procurement item (政府采购预算) of the agency {@code agencyCode}.
 * category: A 货物, B 工程, C 服务.
 */
public record ProcurementLine(String itemCode, String itemName, String category, String fundCode, BigDecimal amount,
                              String agencyCode) {

    /** A line of the one agency an extract is about. */
    public ProcurementLine(String itemCode, String itemName, String category, String fundCode, BigDecimal amount) {
        this(itemCode, itemName, category, fundCode, amount, null);
    }
}
