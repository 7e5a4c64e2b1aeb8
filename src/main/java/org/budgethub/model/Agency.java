package org.budgethub.model;

/**
 * A budget agency (预算单位) as the finance system lists it for one year.
 * kind: 1 行政单位, 2 参照公务员法管理事业单位, 3 事业单位.
 */
public record Agency(
        int fiscalYear,
        String code,
        String name,
        String parentCode,
        String kind,
        boolean inAdminCostScope,
        String supervisor) {
}
