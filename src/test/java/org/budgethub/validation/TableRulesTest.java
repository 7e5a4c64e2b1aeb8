package org.budgethub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.Finding.Severity;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.Fixtures;

/**
 * The identities and printed-figure rules, each triggered by changing one cell of an otherwise
 * correct disclosure, as a faulty builder or a hand-edited table would.
 */
class TableRulesTest {

    private static final Validator VALIDATOR = new Validator();
    private static final NarrativeInput NARRATIVE = Fixtures.narrative(Map.of(), List.of());
    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    private final AgencyExtract extract = new Fixtures()
            .basic("2010301", "30101", "100000")
            .basic("2010301", "30217", "10000")
            .basic("2080505", "30108", "50000")
            .add(2026, "2010301", "30201", "11", "P", "N", "P1", "200000")
            .add(2026, "2120803", "30201", "12", "P", "N", "P2", "300000")
            .add(2026, "2010301", "30201", "21", "B", "N", null, "40000")
            .add(2025, "2010301", "30101", "11", "B", "N", null, "80000")
            .extract();
    private final Disclosure disclosure = BUILDER.build(extract, NARRATIVE);

    private List<Finding> check(Disclosure d) {
        return VALIDATOR.checkDisclosure(extract, NARRATIVE, d);
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    /** The disclosure with one cell of one table replaced by an amount in yuan. */
    private static Disclosure tamper(Disclosure d, String no, int row, int column, String yuan) {
        List<DisclosureTable> tables = new ArrayList<>();
        for (DisclosureTable t : d.tables()) {
            if (t instanceof FigureTable f && f.no().equals(no)) {
                List<List<Cell>> rows = new ArrayList<>();
                f.rows().forEach(r -> rows.add(new ArrayList<>(r)));
                rows.get(row).set(column, Cell.amount(new BigDecimal(yuan)));
                tables.add(new FigureTable(f.no(), f.title(), rows, f.note()));
            } else {
                tables.add(t);
            }
        }
        return new Disclosure(d.fiscalYear(), d.agencyCode(), d.agencyName(), d.title(), tables, d.narrative(), List.of());
    }

    @Test
    void aCorrectDisclosureHasNoFinding() {
        assertThat(check(disclosure)).isEmpty();
    }

    @Test
    void table1IncomeMustBalanceExpenditure() {
        // 收入合计 is the last row of 表一; the total is 66.00 万元 (funds 11-13).
        assertThat(rules(check(tamper(disclosure, "表一", 8, 1, "670000")))).contains("identity.table1-balance");
    }

    @Test
    void table1FiscalExpenditureIsTable2PlusTable5PlusFund13() {
        List<Finding> findings = check(tamper(disclosure, "表一", 0, 6, "10000"));
        assertThat(rules(findings)).contains("identity.table1-fiscal");
        assertThat(findings).filteredOn(f -> f.rule().equals("identity.table1-fiscal")).allMatch(Finding::isFatal);
    }

    @Test
    void table2TotalIsBasicPlusProject() {
        List<Finding> findings = check(tamper(disclosure, "表二", 3, 4, "210000"));
        assertThat(rules(findings)).contains("identity.basic-plus-project");
        Finding f = findings.stream().filter(x -> x.rule().equals("identity.basic-plus-project")).findFirst().orElseThrow();
        assertThat(f.location()).startsWith("表二 2010301 行政运行");
        assertThat(f.rows()).as("the appropriations and ledger rows behind the row").contains(RowRef.ledger("A1-1"));
    }

    @Test
    void table3TotalIsTable2Basic() {
        assertThat(rules(check(tamper(disclosure, "表二", 0, 3, "170000")))).contains("identity.table3-basic");
    }

    @Test
    void table7FundColumnsAddUpToItsTotal() {
        assertThat(rules(check(tamper(disclosure, "表七", 0, 6, "1")))).contains("identity.fund-columns");
    }

    @Test
    void tables6To8HaveOneTotal() {
        assertThat(rules(check(tamper(disclosure, "表八", 0, 2, "710000")))).contains("identity.summary-totals");
    }

    @Test
    void everyClassIsTheSumOfItsSectionsAndItems() {
        // 2010301 行政运行 in 表二: total and basic raised together keep the row consistent,
        // so only the rollup to 20103 breaks.
        Disclosure d = tamper(tamper(disclosure, "表二", 3, 2, "320000"), "表二", 3, 3, "120000");
        List<Finding> findings = check(d);
        assertThat(findings).filteredOn(f -> f.rule().equals("identity.rollup"))
                .extracting(Finding::location).contains("表二 20103 政府办公厅（室）及相关机构事务 · 总计（下级科目之和）");
        assertThat(rules(findings)).doesNotContain("identity.basic-plus-project");
    }

    @Test
    void table4TotalIsItsItems() {
        assertThat(rules(check(tamper(disclosure, "表四", 0, 0, "20000")))).contains("identity.table4-items");
    }

    @Test
    void eachSangongItemCoversItsTable3Line() {
        List<Finding> findings = check(tamper(tamper(disclosure, "表四", 0, 5, "5000"), "表四", 0, 0, "5000"));
        assertThat(rules(findings)).contains("identity.sangong-vs-table3").doesNotContain("identity.table4-items");
    }

    @Test
    void aPrintedParentFarFromItsPrintedChildrenIsFatal() {
        List<Finding> findings = check(tamper(disclosure, "表四", 0, 0, "10600"));
        assertThat(findings).filteredOn(f -> f.rule().equals("display.rounding-envelope"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.FATAL);
                    assertThat(f.message()).contains("1.06").contains("1.00");
                });
    }

    @Test
    void aPrintedDifferenceWithinTheEnvelopeIsOnlyAHint() {
        AgencyExtract remainder = new Fixtures()
                .basic("2010350", "30101", "4823249.50")
                .basic("2010350", "30201", "1055549.50")
                .add(2025, "2010350", "30101", "11", "B", "N", null, "1")
                .extract();
        List<Finding> findings = VALIDATOR.checkDisclosure(remainder, NARRATIVE, BUILDER.build(remainder, NARRATIVE));
        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("display.rounding-hint");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
        });
        assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("587.88").contains("587.87"));
    }
}
