package org.budgethub.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.Cell;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.ElementTables;
import org.budgethub.model.FigureTable;
import org.budgethub.model.PerformanceTable;
import org.budgethub.model.ProcurementLine;
import org.budgethub.model.Project;

/**
 * The twelve-odd tables of CONTRACT.md §3, built from one agency's counted lines of year Y; for a
 * department (§6) from the counted lines of all its units together, in yuan, rounded once.
 */
public final class DisclosureTables {

    static final String NOTE_GENERAL = "备注：本表反映当年一般公共预算财政拨款支出情况。";
    static final String NOTE_NO_FUND = "（备注：本单位无政府性基金收支，故此表无数据。）";
    static final String NOTE_NO_PROCUREMENT = "（备注：本单位无政府采购收支，故此表无数据。）";
    static final String TOTAL = "合计";

    private static final List<Fund> ALL_FUNDS = List.of(Fund.values());

    private final AgencyExtract extract;
    private final BudgetLines lines;
    private final ElementTables names;

    public DisclosureTables(AgencyExtract extract) {
        this.extract = extract;
        this.lines = BudgetLines.of(extract.appropriations(), extract.year());
        this.names = extract.elements();
    }

    public List<DisclosureTable> all() {
        List<DisclosureTable> tables = new ArrayList<>(List.of(
                fiscalAppropriationSummary(),
                generalPublicExpenditure(),
                generalPublicBasicExpenditure(),
                sangong(),
                governmentFundExpenditure(),
                incomeExpenditureSummary(),
                incomeSummary(),
                expenditureSummary(),
                procurement()));
        tables.addAll(performanceTables(tables.size() + 1));
        return tables;
    }

    /** 表一 财政拨款收支总表: funds 11-13, two sides, two blocks. */
    public FigureTable fiscalAppropriationSummary() {
        BudgetLines appropriated = lines.where(Scopes.funds(Fund.APPROPRIATED));
        BudgetLines newMoney = appropriated.where(Scopes.NEW_MONEY);
        BudgetLines carryOver = appropriated.where(Scopes.CARRY_OVER);

        List<List<Cell>> incomeBlock = List.of(
                side("一、本年收入", newMoney),
                side(Fund.GENERAL_PUBLIC.label(), newMoney.where(Scopes.fund(Fund.GENERAL_PUBLIC))),
                side(Fund.GOVERNMENT_FUND.label(), newMoney.where(Scopes.fund(Fund.GOVERNMENT_FUND))),
                side(Fund.STATE_CAPITAL.label(), newMoney.where(Scopes.fund(Fund.STATE_CAPITAL))));
        List<List<Cell>> expenditureBlock = new ArrayList<>();
        expenditureBlock.add(byFund("一、本年支出", appropriated, Fund.APPROPRIATED));
        for (ClassificationRollup.ClassRow row : ClassificationRollup.functionalClasses(appropriated, names)) {
            expenditureBlock.add(byFund(row.name(), row.lines(), Fund.APPROPRIATED));
        }
        List<List<Cell>> carryOverBlock = List.of(
                side("二、上年结转", carryOver),
                side("一般公共预算拨款", carryOver.where(Scopes.fund(Fund.GENERAL_PUBLIC))),
                side("政府性基金预算拨款", carryOver.where(Scopes.fund(Fund.GOVERNMENT_FUND))),
                side("国有资本经营收入", carryOver.where(Scopes.fund(Fund.STATE_CAPITAL))));
        List<List<Cell>> carryForwardBlock = List.of(
                row(Cell.text("二、结转下年"), Cell.EMPTY, Cell.EMPTY, Cell.EMPTY, Cell.EMPTY));

        List<List<Cell>> rows = new ArrayList<>();
        rows.addAll(twoSided(incomeBlock, expenditureBlock, 2, 5));
        rows.addAll(twoSided(carryOverBlock, carryForwardBlock, 2, 5));
        List<Cell> last = new ArrayList<>(side("收入合计", appropriated));
        last.addAll(byFund("支出合计", appropriated, Fund.APPROPRIATED));
        rows.add(last);
        return figures("表一", rows, null);
    }

    /** 表二 一般公共预算财政拨款支出预算表: fund 11 by function, basic and project. */
    public FigureTable generalPublicExpenditure() {
        return basicAndProjectTable("表二",
                lines.where(Scopes.fund(Fund.GENERAL_PUBLIC)), NOTE_GENERAL, null);
    }

    /** 表三 一般公共预算财政拨款基本支出预算表: fund 11 basic by economic class, 人员经费 / 日常公用经费. */
    public FigureTable generalPublicBasicExpenditure() {
        BudgetLines basic = lines.where(Scopes.fund(Fund.GENERAL_PUBLIC).and(Scopes.BASIC));
        List<Predicate<Appropriation>> columns = List.of(Scopes.ALL, Scopes.PERSONNEL, Scopes.PUBLIC_USE);
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(classRow(TOTAL, "", basic, columns));
        for (ClassificationRollup.ClassRow row : ClassificationRollup.economic(basic, names)) {
            rows.add(classRow(row.code(), row.name(), row.lines(), columns));
        }
        return figures("表三", rows, null);
    }

    /** 表四 一般公共预算“三公”经费支出表: one row of six values. */
    public FigureTable sangong() {
        BudgetLines general = lines.where(Scopes.fund(Fund.GENERAL_PUBLIC));
        List<Cell> row = Stream.of(
                        Scopes.SANGONG,
                        List.of(Scopes.ABROAD),
                        List.of(Scopes.VEHICLE_PURCHASE, Scopes.VEHICLE_OPERATION),
                        List.of(Scopes.VEHICLE_PURCHASE),
                        List.of(Scopes.VEHICLE_OPERATION),
                        List.of(Scopes.RECEPTION))
                .map(codes -> general.where(Scopes.economic(codes)).amountCell())
                .toList();
        return figures("表四", List.of(row), null);
    }

    /** 表五 政府性基金预算支出表: fund 12, as 表二; a note when there is none. */
    public FigureTable governmentFundExpenditure() {
        return basicAndProjectTable("表五",
                lines.where(Scopes.fund(Fund.GOVERNMENT_FUND)), null, NOTE_NO_FUND);
    }

    /** 表六 收支总表: all funds, two sides. */
    public FigureTable incomeExpenditureSummary() {
        List<List<Cell>> income = new ArrayList<>();
        income.add(side(TOTAL, lines));
        for (Fund fund : Fund.values()) {
            income.add(side(fund.label(), lines.where(Scopes.fund(fund))));
        }
        List<List<Cell>> expenditure = new ArrayList<>();
        expenditure.add(side(TOTAL, lines));
        for (ClassificationRollup.ClassRow row : ClassificationRollup.functionalClasses(lines, names)) {
            expenditure.add(side(row.name(), row.lines()));
        }
        return figures("表六", twoSided(income, expenditure, 2, 2), null);
    }

    /** 表七 收入总表: all funds by function, the nine fund columns. */
    public FigureTable incomeSummary() {
        List<Predicate<Appropriation>> columns = new ArrayList<>();
        columns.add(Scopes.ALL);
        ALL_FUNDS.forEach(f -> columns.add(Scopes.fund(f)));
        return functionalTable("表七", lines, columns, null);
    }

    /** 表八 支出总表: all funds, basic and project. */
    public FigureTable expenditureSummary() {
        return basicAndProjectTable("表八", lines, null, null);
    }

    /**
     * 表九 政府采购预算明细表: one row per item in item-code order, the nine fund columns. A department
     * has one row per (unit, item), in (unit code, item code) order; 项目编号 is the item's own code.
     */
    public FigureTable procurement() {
        Map<List<String>, List<ProcurementLine>> items = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (ProcurementLine line : extract.procurement()) {
            String unit = line.agencyCode() == null ? "" : line.agencyCode();
            items.computeIfAbsent(List.of(unit, line.itemCode()), k -> new ArrayList<>()).add(line);
        }
        List<ProcurementLine> all = extract.procurement();
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(procurementRow(TOTAL, "", all));
        items.forEach((key, itemLines) -> rows.add(procurementRow(key.get(1), itemLines.get(0).itemName(), itemLines)));
        return figures("表九", rows, items.isEmpty() ? NOTE_NO_PROCUREMENT : null);
    }

    /** 表十…: one per project with at least one indicator and non-zero money in Y, in project-code order. */
    public List<PerformanceTable> performanceTables(int firstNumber) {
        String title = extract.year() + " 年一般性项目绩效目标表";
        List<PerformanceTable> tables = new ArrayList<>();
        extract.projects().stream()
                .filter(p -> !p.indicators().isEmpty())
                .sorted((a, b) -> a.code().compareTo(b.code()))
                .forEach(p -> {
                    BigDecimal budget = lines.where(Scopes.project(p.code())).total();
                    if (budget.signum() != 0) {
                        tables.add(performanceTable("表" + ChineseNumerals.of(firstNumber + tables.size()), title, p, budget));
                    }
                });
        return tables;
    }

    private PerformanceTable performanceTable(String no, String title, Project p, BigDecimal budget) {
        List<List<String>> indicators = p.indicators().stream()
                .map(i -> List.of(nz(i.name()), Integer.toString(i.weight()), nz(i.unit()), nz(i.nature()), nz(i.target())))
                .toList();
        // A department's project keeps its own unit's 业务主管部门.
        return new PerformanceTable(no, title, p.code(), nz(p.name()), nz(extract.agencyOf(p.agencyCode()).supervisor()), budget,
                nz(p.summary()), nz(p.basis()), nz(p.goal()), indicators);
    }

    /** A figure table under the title its layout gives it. */
    private static FigureTable figures(String no, List<List<Cell>> rows, String note) {
        return new FigureTable(no, TableLayouts.title(no), rows, note);
    }

    private FigureTable basicAndProjectTable(String no, BudgetLines scope, String note, String emptyNote) {
        FigureTable table = functionalTable(no, scope, List.of(Scopes.ALL, Scopes.BASIC, Scopes.PROJECT), note);
        if (emptyNote != null && table.rows().size() == 1) {
            return figures(no, table.rows(), emptyNote);
        }
        return table;
    }

    private FigureTable functionalTable(String no, BudgetLines scope, List<Predicate<Appropriation>> columns, String note) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(classRow(TOTAL, "", scope, columns));
        for (ClassificationRollup.ClassRow row : ClassificationRollup.functional(scope, names)) {
            rows.add(classRow(row.code(), row.name(), row.lines(), columns));
        }
        return figures(no, rows, note);
    }

    private static List<Cell> classRow(String code, String name, BudgetLines scope, List<Predicate<Appropriation>> columns) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(code));
        row.add(Cell.text(name));
        columns.forEach(c -> row.add(scope.where(c).amountCell()));
        return row;
    }

    private static List<Cell> procurementRow(String code, String name, List<ProcurementLine> itemLines) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(code));
        row.add(Cell.text(name));
        row.add(Cell.amount(sum(itemLines, null)));
        for (Fund fund : Fund.values()) {
            row.add(Cell.amount(sum(itemLines, fund.code())));
        }
        return row;
    }

    private static BigDecimal sum(List<ProcurementLine> lines, String fundCode) {
        return lines.stream()
                .filter(l -> fundCode == null || fundCode.equals(l.fundCode()))
                .map(ProcurementLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<Cell> side(String label, BudgetLines scope) {
        return row(Cell.text(label), scope.amountCell());
    }

    private static List<Cell> byFund(String label, BudgetLines scope, List<Fund> funds) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(label));
        row.add(scope.amountCell());
        funds.forEach(f -> row.add(scope.where(Scopes.fund(f)).amountCell()));
        return row;
    }

    /** Lays a left and a right side next to each other, padding the shorter with empty cells. */
    private static List<List<Cell>> twoSided(List<List<Cell>> left, List<List<Cell>> right, int leftWidth, int rightWidth) {
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            List<Cell> row = new ArrayList<>(i < left.size() ? left.get(i) : blanks(leftWidth));
            row.addAll(i < right.size() ? right.get(i) : blanks(rightWidth));
            rows.add(row);
        }
        return rows;
    }

    private static List<Cell> blanks(int width) {
        Cell[] cells = new Cell[width];
        Arrays.fill(cells, Cell.EMPTY);
        return List.of(cells);
    }

    private static List<Cell> row(Cell... cells) {
        return List.of(cells);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
