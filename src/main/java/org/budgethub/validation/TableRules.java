package org.budgethub.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.budgethub.mapping.Fund;
import org.budgethub.mapping.Money;
import org.budgethub.mapping.TableLayouts;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;

/**
 * Identities within and between the published tables, checked on the tables as they stand (a
 * second pair of eyes on the builder), in exact yuan; and the printed 万元 figures of every parent
 * against its printed children, where a difference beyond the rounding envelope (n+1)×0.005 is an
 * error and one within it a hint.
 */
final class TableRules {

    private static final BigDecimal HALF_CENT_WAN = new BigDecimal("0.005");
    /** 表七 and 表九's amount columns as findings name them: 总计 and each fund's label. */
    private static final List<String> FUND_COLUMNS = fundColumns();

    private final Map<String, FigureTable> tables = new HashMap<>();
    private final Findings findings;
    private final int year;

    private TableRules(Disclosure disclosure, Findings findings) {
        this.findings = findings;
        this.year = disclosure.fiscalYear();
        for (DisclosureTable t : disclosure.tables()) {
            if (t instanceof FigureTable f) {
                tables.put(f.no(), f);
            }
        }
    }

    static void check(Disclosure disclosure, Findings findings) {
        TableRules rules = new TableRules(disclosure, findings);
        rules.classificationTable("表二", rules.columns("表二", 2), Rule.BASIC_PLUS_PROJECT, true);
        rules.classificationTable("表三", rules.columns("表三", 2), Rule.TABLE3_BASIC, true);
        rules.classificationTable("表五", rules.columns("表五", 2), Rule.BASIC_PLUS_PROJECT, true);
        rules.classificationTable("表七", FUND_COLUMNS, Rule.FUND_COLUMNS, true);
        rules.classificationTable("表八", rules.columns("表八", 2), Rule.BASIC_PLUS_PROJECT, true);
        rules.classificationTable("表九", FUND_COLUMNS, Rule.FUND_COLUMNS, false);
        rules.table1();
        rules.table4();
        rules.table6();
        rules.crossTables();
    }

    // --- within tables ------------------------------------------------------------------------

    /**
     * A table whose first row is 合计 and whose other rows are codes: 合计 = Σ类, 类 = Σ款, 款 = Σ项
     * in every amount column (for 表九, whose rows are items, 合计 = Σ items), and each row's first
     * amount = the sum of the others.
     */
    private void classificationTable(String no, List<String> columns, Rule rowRule, boolean hierarchical) {
        FigureTable t = tables.get(no);
        if (t == null || t.rows().isEmpty()) {
            return;
        }
        List<List<Cell>> rows = t.rows();
        int first = 2;
        for (int c = 0; c < columns.size(); c++) {
            int col = first + c;
            String column = columns.get(c);
            List<Integer> top = hierarchical ? childrenOf(rows, null) : IntStream.range(1, rows.size()).boxed().toList();
            relation(Rule.ROLLUP, no + " 合计 · " + column + "（各行之和）", cell(rows.get(0), col), cells(rows, top, col));
            for (int r = 1; hierarchical && r < rows.size(); r++) {
                String code = text(rows.get(r).get(0));
                List<Integer> children = childrenOf(rows, code);
                if (!children.isEmpty()) {
                    relation(Rule.ROLLUP, no + " " + code + " " + text(rows.get(r).get(1)) + " · " + column + "（下级科目之和）",
                            cell(rows.get(r), col), cells(rows, children, col));
                }
            }
        }
        String sumOfColumns = "（" + String.join(" + ", columns.subList(1, columns.size())) + "）";
        for (List<Cell> row : rows) {
            List<Cell> parts = IntStream.range(first + 1, first + columns.size()).mapToObj(i -> cell(row, i)).toList();
            String label = text(row.get(0)).equals("合计") ? "合计" : text(row.get(0)) + " " + text(row.get(1));
            relation(rowRule, no + " " + label + " · " + columns.get(0) + sumOfColumns, cell(row, first), parts);
        }
    }

    /** Rows directly below {@code parent} (null: the top level): the next code level that starts with it. */
    private static List<Integer> childrenOf(List<List<Cell>> rows, String parent) {
        List<Integer> children = new ArrayList<>();
        int level = -1;
        for (int r = 1; r < rows.size(); r++) {
            String code = text(rows.get(r).get(0));
            if (parent != null && (!code.startsWith(parent) || code.length() <= parent.length())) {
                continue;
            }
            if (level == -1 || code.length() < level) {
                level = code.length();
                children.clear();
            }
            if (code.length() == level) {
                children.add(r);
            }
        }
        return children;
    }

    /** The names of table {@code no}'s columns from {@code from} on, as its layout names them. */
    private List<String> columns(String no, int from) {
        List<String> all = TableLayouts.of(no, year).orElseThrow().columns();
        return all.subList(from, all.size());
    }

    /** 表一: the income side adds up, the expenditure side adds up by fund and by class, and both sides balance. */
    private void table1() {
        FigureTable t = tables.get("表一");
        if (t == null) {
            return;
        }
        List<List<Cell>> rows = t.rows();
        int income = rowWithLabel(rows, 0, "一、本年收入");
        int carryOver = rowWithLabel(rows, 0, "二、上年结转");
        int incomeTotal = rowWithLabel(rows, 0, "收入合计");
        int expenditure = rowWithLabel(rows, 2, "一、本年支出");
        int carryForward = rowWithLabel(rows, 2, "二、结转下年");
        if (income < 0 || carryOver < 0 || incomeTotal < 0 || expenditure < 0 || carryForward < 0) {
            return;
        }
        relation(Rule.ROLLUP, "表一 一、本年收入", cell(rows.get(income), 1),
                cells(rows, List.of(income + 1, income + 2, income + 3), 1));
        relation(Rule.ROLLUP, "表一 二、上年结转", cell(rows.get(carryOver), 1),
                cells(rows, List.of(carryOver + 1, carryOver + 2, carryOver + 3), 1));
        relation(Rule.ROLLUP, "表一 收入合计", cell(rows.get(incomeTotal), 1), cells(rows, List.of(income, carryOver), 1));
        List<Integer> classes = new ArrayList<>();
        for (int r = expenditure + 1; r < carryForward; r++) {
            if (!text(rows.get(r).get(2)).isEmpty()) {
                classes.add(r);
            }
        }
        List<String> right = columns("表一", 3);
        for (int c = 0; c < right.size(); c++) {
            int col = 3 + c;
            relation(Rule.ROLLUP, "表一 一、本年支出 · " + right.get(c), cell(rows.get(expenditure), col), cells(rows, classes, col));
            relation(Rule.ROLLUP, "表一 支出合计 · " + right.get(c), cell(rows.get(incomeTotal), col),
                    cells(rows, List.of(expenditure, carryForward), col));
        }
        for (List<Cell> row : rows) {
            if (cell(row, 3) instanceof Cell.Amount) {
                relation(Rule.FUND_COLUMNS, "表一 " + text(row.get(2)) + " · 合计", cell(row, 3), List.of(cell(row, 4), cell(row, 5), cell(row, 6)));
            }
        }
        equal(Rule.TABLE1_BALANCE, "表一 收入合计", cell(rows.get(incomeTotal), 1), "表一 支出合计", cell(rows.get(incomeTotal), 3));
    }

    /** 表四: 合计 = 出国 + 公务用车小计 + 接待; 小计 = 购置 + 运行. */
    private void table4() {
        FigureTable t = tables.get("表四");
        if (t == null || t.rows().isEmpty()) {
            return;
        }
        List<Cell> row = t.rows().get(0);
        relation(Rule.TABLE4_ITEMS, "表四 合计", cell(row, 0), List.of(cell(row, 1), cell(row, 2), cell(row, 5)));
        relation(Rule.TABLE4_ITEMS, "表四 公务用车购置及运行费小计", cell(row, 2), List.of(cell(row, 3), cell(row, 4)));
    }

    /** 表六: the nine funds add up to the income total, the classes to the expenditure total, and they balance. */
    private void table6() {
        FigureTable t = tables.get("表六");
        if (t == null || t.rows().isEmpty()) {
            return;
        }
        List<List<Cell>> rows = t.rows();
        List<Integer> funds = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            if (!text(rows.get(r).get(0)).isEmpty()) {
                funds.add(r);
            }
            if (!text(rows.get(r).get(2)).isEmpty()) {
                classes.add(r);
            }
        }
        relation(Rule.FUND_COLUMNS, "表六 收入 合计", cell(rows.get(0), 1), cells(rows, funds, 1));
        relation(Rule.ROLLUP, "表六 支出 合计", cell(rows.get(0), 3), cells(rows, classes, 3));
        equal(Rule.SUMMARY_TOTALS, "表六 收入合计", cell(rows.get(0), 1), "表六 支出合计", cell(rows.get(0), 3));
    }

    // --- between tables -----------------------------------------------------------------------

    private void crossTables() {
        Cell t2 = first("表二", 2);
        Cell t2basic = first("表二", 3);
        Cell t3 = first("表三", 2);
        Cell t5 = first("表五", 2);
        Cell t6 = first("表六", 1);
        Cell t7 = first("表七", 2);
        Cell t8 = first("表八", 2);
        FigureTable t1 = tables.get("表一");
        if (t1 != null && t2 != null && t5 != null) {
            int expenditure = rowWithLabel(t1.rows(), 2, "一、本年支出");
            if (expenditure >= 0) {
                List<Cell> row = t1.rows().get(expenditure);
                Cell fund13 = cell(row, 6);
                BigDecimal sum = yuan(t2).add(yuan(t5)).add(yuan(fund13));
                if (yuan(cell(row, 3)).compareTo(sum) != 0) {
                    findings.add(Rule.TABLE1_FISCAL, "表一 财政拨款支出 " + wan(cell(row, 3)) + " 万元不等于 表二合计 + 表五合计 + 国有资本经营预算 "
                            + Money.toWan(sum).toPlainString() + " 万元（差 " + yuan(cell(row, 3)).subtract(sum).toPlainString() + " 元）",
                            "表一 一、本年支出", findings.rowsOf(sources(List.of(cell(row, 3), t2, t5, fund13))));
                }
                equal(Rule.TABLE1_FISCAL, "表一 一、本年支出 · 一般公共预算", cell(row, 4), "表二 合计", t2);
                equal(Rule.TABLE1_FISCAL, "表一 一、本年支出 · 政府性基金预算", cell(row, 5), "表五 合计", t5);
            }
        }
        if (t3 != null && t2basic != null) {
            equal(Rule.TABLE3_BASIC, "表三 合计", t3, "表二 合计 · 基本支出", t2basic);
        }
        if (t6 != null && t7 != null) {
            equal(Rule.SUMMARY_TOTALS, "表六 合计", t6, "表七 合计", t7);
        }
        if (t7 != null && t8 != null) {
            equal(Rule.SUMMARY_TOTALS, "表七 合计", t7, "表八 合计", t8);
        }
        sangongAgainstTable3();
    }

    /** Each 三公 item covers basic and project money, so it is at least the matching 表三 (basic) line. */
    private void sangongAgainstTable3() {
        FigureTable t4 = tables.get("表四");
        FigureTable t3 = tables.get("表三");
        if (t4 == null || t3 == null || t4.rows().isEmpty()) {
            return;
        }
        List<Cell> items = t4.rows().get(0);
        Map<String, Integer> columns = Map.of("30212", 1, "31013", 3, "30231", 4, "30217", 5);
        for (List<Cell> row : t3.rows()) {
            Integer col = columns.get(text(row.get(0)));
            if (col != null && yuan(cell(items, col)).compareTo(yuan(cell(row, 2))) < 0) {
                findings.add(Rule.SANGONG_VS_TABLE3, "表四 " + text(row.get(1)) + " " + wan(cell(items, col)) + " 万元小于表三同一科目的基本支出 "
                        + wan(cell(row, 2)) + " 万元", "表四 / 表三 " + text(row.get(0)),
                        findings.rowsOf(sources(List.of(cell(items, col), cell(row, 2)))));
            }
        }
    }

    // --- the two checks ------------------------------------------------------------------------

    /** parent = Σ children exactly (identity), and as printed within the rounding envelope. */
    private void relation(Rule identity, String location, Cell parent, List<Cell> children) {
        if (!(parent instanceof Cell.Amount)) {
            return;
        }
        BigDecimal exact = children.stream().map(TableRules::yuan).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Cell> involved = new ArrayList<>(children);
        involved.add(parent);
        if (yuan(parent).compareTo(exact) != 0) {
            findings.add(identity, location + " 为 " + wan(parent) + " 万元，不等于其组成部分之和 " + Money.toWan(exact).toPlainString()
                    + " 万元（差 " + yuan(parent).subtract(exact).toPlainString() + " 元）", location, findings.rowsOf(sources(involved)));
        }
        BigDecimal printed = children.stream().map(c -> Money.toWan(yuan(c))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal gap = Money.toWan(yuan(parent)).subtract(printed).abs();
        BigDecimal envelope = HALF_CENT_WAN.multiply(BigDecimal.valueOf(children.size() + 1L));
        if (gap.compareTo(envelope) > 0) {
            findings.add(Rule.ROUNDING_ENVELOPE, location + " 显示为 " + wan(parent) + " 万元，各组成部分显示值之和为 " + printed.toPlainString()
                    + " 万元，相差 " + gap.toPlainString() + " 万元，超出四舍五入允许的 " + envelope.stripTrailingZeros().toPlainString() + " 万元",
                    location, findings.rowsOf(sources(involved)));
        } else if (gap.signum() != 0) {
            findings.add(Rule.ROUNDING_HINT, location + " 显示为 " + wan(parent) + " 万元，各组成部分显示值之和为 " + printed.toPlainString()
                    + " 万元，相差 " + gap.toPlainString() + " 万元，系四舍五入尾差", location, findings.rowsOf(sources(involved)));
        }
    }

    private void equal(Rule rule, String leftLocation, Cell left, String rightLocation, Cell right) {
        if (yuan(left).compareTo(yuan(right)) != 0) {
            findings.add(rule, leftLocation + " " + wan(left) + " 万元不等于" + rightLocation + " " + wan(right) + " 万元（差 "
                    + yuan(left).subtract(yuan(right)).toPlainString() + " 元）", leftLocation + " / " + rightLocation,
                    findings.rowsOf(sources(List.of(left, right))));
        }
    }

    // --- cells ---------------------------------------------------------------------------------

    private Cell first(String no, int column) {
        FigureTable t = tables.get(no);
        return t == null || t.rows().isEmpty() ? null : cell(t.rows().get(0), column);
    }

    private static int rowWithLabel(List<List<Cell>> rows, int column, String label) {
        for (int r = 0; r < rows.size(); r++) {
            if (label.equals(text(cell(rows.get(r), column)))) {
                return r;
            }
        }
        return -1;
    }

    private static List<Cell> cells(List<List<Cell>> rows, List<Integer> indexes, int column) {
        return indexes.stream().filter(i -> i < rows.size()).map(i -> cell(rows.get(i), column)).toList();
    }

    private static Cell cell(List<Cell> row, int column) {
        return column < row.size() ? row.get(column) : Cell.EMPTY;
    }

    private static String text(Cell c) {
        return c instanceof Cell.Text t ? t.text() : "";
    }

    static BigDecimal yuan(Cell c) {
        return c instanceof Cell.Amount a ? a.yuan() : BigDecimal.ZERO;
    }

    private static String wan(Cell c) {
        return Money.toWan(yuan(c)).toPlainString();
    }

    private static List<String> sources(List<Cell> cells) {
        return cells.stream().filter(c -> c instanceof Cell.Amount).flatMap(c -> ((Cell.Amount) c).sources().stream()).distinct().toList();
    }

    private static List<String> fundColumns() {
        List<String> columns = new ArrayList<>();
        columns.add("总计");
        for (Fund f : Fund.values()) {
            columns.add(f.label());
        }
        return List.copyOf(columns);
    }
}
