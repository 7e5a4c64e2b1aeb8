package org.budgethub.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import org.budgethub.mapping.DisclosureTables;
import org.budgethub.mapping.Money;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Cell;
import org.budgethub.model.FigureTable;

/**
 * A department's figures against its units' (CONTRACT.md §6): the 合计 of 表二, 表三, 表四, 表六 and
 * 表八 equals the sum, in yuan, of the same totals of its units' own tables. Both come from the same
 * lines, so a difference means the consolidation lost or doubled a unit's rows.
 */
final class DepartmentRules {

    private record Total(String table, Function<DisclosureTables, FigureTable> build, int column) {
    }

    /** 表二 / 表三 / 表八: the 合计 row's 总计; 表四: its 合计; 表六: the income side's 合计. */
    private static final List<Total> TOTALS = List.of(
            new Total("表二", DisclosureTables::generalPublicExpenditure, 2),
            new Total("表三", DisclosureTables::generalPublicBasicExpenditure, 2),
            new Total("表四", DisclosureTables::sangong, 0),
            new Total("表六", DisclosureTables::incomeExpenditureSummary, 1),
            new Total("表八", DisclosureTables::expenditureSummary, 2));

    private DepartmentRules() {
    }

    static void check(AgencyExtract department, List<AgencyExtract> units, Findings findings) {
        DisclosureTables whole = new DisclosureTables(department);
        List<DisclosureTables> parts = units.stream().map(DisclosureTables::new).toList();
        for (Total t : TOTALS) {
            Cell total = t.build().apply(whole).rows().get(0).get(t.column());
            BigDecimal sum = parts.stream().map(p -> yuan(t.build().apply(p).rows().get(0).get(t.column())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (yuan(total).compareTo(sum) != 0) {
                findings.add(Rule.DEPARTMENT_SUM, t.table() + " 合计 " + Money.toWan(yuan(total)).toPlainString() + " 万元，而各单位合计之和为 "
                        + Money.toWan(sum).toPlainString() + " 万元（差 " + yuan(total).subtract(sum).toPlainString() + " 元）",
                        t.table() + " 合计", List.of());
            }
        }
    }

    private static BigDecimal yuan(Cell cell) {
        return cell instanceof Cell.Amount a ? a.yuan() : BigDecimal.ZERO;
    }
}
