package org.budgethub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.budgethub.support.ResultRows.row;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.DataError;
import org.budgethub.model.ElementTables;

class ExtractBuilderTest {

    private static final ElementTables NONE = new ElementTables(2026, Map.of(), Map.of());

    private static Map<String, Object> ledgerRow(String bgtId, boolean deleted, String entryId, String stage, String amount) {
        return row("BGT_ID", bgtId, "FISCAL_YEAR", 2026, "AGENCY_CODE", "101023", "EXP_FUNC_CODE", "2010350",
                "DEP_BGT_ECO_CODE", "30299", "FUND_TYPE_CODE", "11", "EXP_KIND", "B", "SOURCE", "N", "PRO_CODE", null,
                "IS_DELETED", deleted, "ENTRY_ID", entryId, "STAGE", stage, "AMOUNT", amount == null ? null : new BigDecimal(amount));
    }

    @Test
    void foldsLedgerRowsIntoAppropriationsCountingOnlyInitialEntries() {
        ExtractBuilder builder = new ExtractBuilder("101023", 2026, NONE, NONE);
        builder.agencyRows(List.of(
                row("fiscal_year", 2025, "agency_code", "101023", "agency_name", "旧名", "in_admin_cost_scope", true),
                row("fiscal_year", 2026, "agency_code", "101023", "agency_name", "新名", "in_admin_cost_scope", false,
                        "supervisor_name", "主管")));
        builder.appropriationRows(List.of(
                ledgerRow("B1", false, "B1-1", "INITIAL", "384551.00"),
                ledgerRow("B1", false, "B1-2", "INITIAL", "-12000.00"),
                ledgerRow("B1", false, "B1-3", "ADJUST", "50000.00"),
                ledgerRow("B2", true, "B2-1", "INITIAL", "30000.00"),
                ledgerRow("B3", false, null, null, null)).iterator());
        AgencyExtract extract = builder.build();

        assertThat(extract.agency().name()).as("the budget year's name").isEqualTo("新名");
        assertThat(extract.agency().inAdminCostScope()).isFalse();
        assertThat(extract.appropriations()).extracting(Appropriation::bgtId).containsExactly("B1", "B2", "B3");
        Appropriation b1 = extract.appropriations().get(0);
        assertThat(b1.amount()).isEqualByComparingTo("372551.00");
        assertThat(b1.countedEntryIds()).containsExactly("B1-1", "B1-2");
        assertThat(extract.appropriations().get(1).counted()).isFalse();
        assertThat(extract.appropriations().get(2).amount()).isEqualByComparingTo("0");
    }

    @Test
    void aDuplicatedAppropriationIdStaysTwoAppropriationsRatherThanOneWithEveryEntryTwice() {
        // bgt_appropriation holds B1 twice: the ledger join repeats each of its entries once per copy.
        ExtractBuilder builder = new ExtractBuilder("1", 2026, NONE, NONE);
        List<Map<String, Object>> rows = List.of(
                withIdRows(ledgerRow("B1", false, "B1-1", "INITIAL", "100.00"), 2),
                withIdRows(ledgerRow("B1", false, "B1-1", "INITIAL", "100.00"), 2),
                withIdRows(ledgerRow("B1", false, "B1-2", "INITIAL", "5.00"), 2),
                withIdRows(ledgerRow("B1", false, "B1-2", "INITIAL", "5.00"), 2),
                withIdRows(ledgerRow("B2", false, "B2-1", "INITIAL", "7.00"), 1));
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "1", "agency_name", "n", "in_admin_cost_scope", true)));
        builder.appropriationRows(rows.iterator());
        AgencyExtract extract = builder.build();

        assertThat(extract.appropriations()).extracting(Appropriation::bgtId).containsExactly("B1", "B1", "B2");
        assertThat(extract.appropriations().get(0).countedEntryIds()).containsExactly("B1-1", "B1-2");
        assertThat(extract.appropriations().get(1).amount()).isEqualByComparingTo("105.00");
    }

    @Test
    void aDuplicatedLedgerEntryOfOneAppropriationIsKeptAsTwoEntries() {
        ExtractBuilder builder = new ExtractBuilder("1", 2026, NONE, NONE);
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "1", "agency_name", "n", "in_admin_cost_scope", true)));
        builder.appropriationRows(List.of(
                withIdRows(ledgerRow("B1", false, "B1-1", "INITIAL", "100.00"), 1),
                withIdRows(ledgerRow("B1", false, "B1-1", "INITIAL", "100.00"), 1)).iterator());

        assertThat(builder.build().appropriations()).singleElement()
                .satisfies(a -> assertThat(a.countedEntryIds()).containsExactly("B1-1", "B1-1"));
    }

    @Test
    void anAgencyListedTwiceWithDifferentValuesCannotBeDisclosed() {
        ExtractBuilder builder = new ExtractBuilder("7", 2026, NONE, NONE);
        assertThatThrownBy(() -> builder.agencyRows(List.of(
                row("fiscal_year", 2026, "agency_code", "7", "agency_name", "甲", "in_admin_cost_scope", true),
                row("fiscal_year", 2026, "agency_code", "7 ", "agency_name", "乙", "in_admin_cost_scope", true))))
                .isInstanceOf(DataError.class).hasMessageContaining("有两行且内容不同");
    }

    @Test
    void anAgencyListedTwiceIdenticallyButForAPaddedCodeIsOneAgency() {
        ExtractBuilder builder = new ExtractBuilder("7", 2026, NONE, NONE);
        builder.agencyRows(List.of(
                row("fiscal_year", 2026, "agency_code", "7", "agency_name", "甲", "in_admin_cost_scope", true),
                row("fiscal_year", 2026, "agency_code", "7 ", "agency_name", "甲", "in_admin_cost_scope", true)));
        assertThat(builder.build().agency().code()).isEqualTo("7");
    }

    private static Map<String, Object> withIdRows(Map<String, Object> row, int idRows) {
        row.put("BGT_ROWS", idRows);
        return row;
    }

    @Test
    void projectsCarryTheirIndicatorsInOrder() {
        ExtractBuilder builder = new ExtractBuilder("1", 2026, NONE, NONE);
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "1", "agency_name", "n", "in_admin_cost_scope", "t")));
        builder.projectRows(List.of(row("pro_code", "P1", "pro_name", "项目", "perf_goal", "目标")));
        builder.indicatorRows(List.of(
                row("pro_code", "P1", "seq", 1, "name", "指标一", "weight", 30, "unit", "天", "nature", "≥", "target", "363"),
                row("pro_code", "P9", "seq", 1, "name", "别的项目", "weight", 1, "nature", "=", "target", "1")));
        builder.vehicleRows(List.of(row("general_held", 1, "enforcement_held", 0, "general_planned", 2L, "enforcement_planned", 0)));
        AgencyExtract extract = builder.build();
        assertThat(extract.agency().inAdminCostScope()).isTrue();
        assertThat(extract.projects()).singleElement().satisfies(p -> {
            assertThat(p.hasGoal()).isTrue();
            assertThat(p.indicators()).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("指标一"));
        });
        assertThat(extract.vehicles().generalPlanned()).isEqualTo(2);
    }

    @Test
    void anAgencyMissingFromTheBudgetYearFails() {
        ExtractBuilder builder = new ExtractBuilder("404", 2026, NONE, NONE);
        builder.agencyRows(List.of(row("fiscal_year", 2025, "agency_code", "404", "agency_name", "n", "in_admin_cost_scope", false)));
        assertThatThrownBy(builder::build).isInstanceOf(DataError.class).hasMessageContaining("404");
    }
}
