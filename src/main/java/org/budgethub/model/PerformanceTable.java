package org.budgethub.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * A 一般性项目绩效目标表 for one project. {@code budgetYuan} is the project's money over all funds
 * and sources; indicator rows are 指标, 指标权重, 计量单位, 指标性质, 指标值.
 */
public record PerformanceTable(
        String no,
        String title,
        String projectCode,
        String name,
        String supervisor,
        BigDecimal budgetYuan,
        String summary,
        String basis,
        String goal,
        List<List<String>> indicators) implements DisclosureTable {

    public PerformanceTable {
        indicators = indicators.stream().map(List::copyOf).toList();
    }
}
