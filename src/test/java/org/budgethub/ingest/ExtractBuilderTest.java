package org.budgethub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.budgethub.support.ResultRows.row;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.DataError;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.InputProblem;

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

    // Bad values from a finance view without NOT NULL constraints: recorded with table, row and
    // column, the row left out of the arithmetic; never a zero, never an exception.

    @SafeVarargs
    private static AgencyExtract extractOf(Map<String, Object>... rows) {
        ExtractBuilder builder = new ExtractBuilder("101023", 2026, NONE, NONE);
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "101023", "agency_name", "n", "in_admin_cost_scope", true)));
        builder.appropriationRows(List.of(rows).iterator());
        return builder.build();
    }

    @Test
    void aNullAmountIsAProblemNamingTheLedgerRowNotAZero() {
        AgencyExtract extract = extractOf(ledgerRow("B1", false, "B1-1", "INITIAL", "100.00"), ledgerRow("B1", false, "B1-2", "INITIAL", null));

        assertThat(extract.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(InputProblem.Kind.MISSING);
            assertThat(p.table()).isEqualTo("bgt_ledger");
            assertThat(p.column()).isEqualTo("amount");
            assertThat(p.row()).contains("B1-2");
            assertThat(p.rows()).containsExactly(RowRef.appropriation("B1"), RowRef.ledger("B1-2"));
        });
        assertThat(extract.appropriations()).singleElement().satisfies(a -> assertThat(a.countedEntryIds()).containsExactly("B1-1"));
    }

    @Test
    void anAmountThatIsNoNumberIsAProblemNotAnException() {
        Map<String, Object> row = ledgerRow("B1", false, "B1-1", "INITIAL", null);
        row.put("AMOUNT", "一百元");
        AgencyExtract extract = extractOf(row);

        assertThat(extract.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(InputProblem.Kind.NOT_A_NUMBER);
            assertThat(p.value()).isEqualTo("一百元");
        });
    }

    @Test
    void aHugeAmountIsKeptAsItIsForValidationToJudge() {
        AgencyExtract extract = extractOf(ledgerRow("B1", false, "B1-1", "INITIAL", "1" + "0".repeat(30)));

        assertThat(extract.problems()).isEmpty();
        assertThat(extract.appropriations().get(0).amount()).isEqualByComparingTo("1E30");
    }

    @Test
    void aNullOrMalformedCodeLeavesTheAppropriationOutAndNamesTheColumn() {
        Map<String, Object> noEconomic = ledgerRow("B1", false, "B1-1", "INITIAL", "100.00");
        noEconomic.put("DEP_BGT_ECO_CODE", null);
        Map<String, Object> badFund = ledgerRow("B2", false, "B2-1", "INITIAL", "100.00");
        badFund.put("FUND_TYPE_CODE", "99");
        Map<String, Object> badKind = ledgerRow("B3", false, "B3-1", "INITIAL", "100.00");
        badKind.put("EXP_KIND", "X");
        Map<String, Object> badSource = ledgerRow("B4", false, "B4-1", "INITIAL", "100.00");
        badSource.put("SOURCE", null);
        Map<String, Object> letters = ledgerRow("B5", false, "B5-1", "INITIAL", "100.00");
        letters.put("EXP_FUNC_CODE", "20103AB");
        Map<String, Object> badStage = ledgerRow("B6", false, "B6-1", "INTIAL", "100.00");
        AgencyExtract extract = extractOf(noEconomic, badFund, badKind, badSource, letters, badStage);

        assertThat(extract.problems()).extracting(InputProblem::kind, InputProblem::table, InputProblem::column, InputProblem::value)
                .containsExactly(
                        tuple(InputProblem.Kind.MISSING, "bgt_appropriation", "dep_bgt_eco_code", null),
                        tuple(InputProblem.Kind.MALFORMED, "bgt_appropriation", "fund_type_code", "99"),
                        tuple(InputProblem.Kind.MALFORMED, "bgt_appropriation", "exp_kind", "X"),
                        tuple(InputProblem.Kind.MISSING, "bgt_appropriation", "source", null),
                        tuple(InputProblem.Kind.MALFORMED, "bgt_appropriation", "exp_func_code", "20103AB"),
                        tuple(InputProblem.Kind.MALFORMED, "bgt_ledger", "stage", "INTIAL"));
        assertThat(extract.problems().get(0).rows()).containsExactly(RowRef.appropriation("B1"));
        assertThat(extract.appropriations()).extracting(Appropriation::bgtId).containsExactly("B6");
        assertThat(extract.appropriations().get(0).entries()).isEmpty();
    }

    @Test
    void nullKeysAreProblemsNotExceptions() {
        Map<String, Object> noBgtId = ledgerRow(null, false, "X-1", "INITIAL", "5.00");
        AgencyExtract extract = extractOf(ledgerRow("B1", false, null, "INITIAL", "100.00"), noBgtId);

        assertThat(extract.problems()).extracting(InputProblem::table, InputProblem::column)
                .containsExactly(tuple("bgt_ledger", "entry_id"), tuple("bgt_appropriation", "bgt_id"));
        assertThat(extract.appropriations()).extracting(Appropriation::bgtId).containsExactly("B1");
        assertThat(extract.appropriations().get(0).amount()).isEqualByComparingTo("0");
    }

    @Test
    void aSoftDeletedAppropriationNeverCountsSoItsBadValuesAreNoProblem() {
        Map<String, Object> row = ledgerRow("B1", true, "B1-1", "INITIAL", null);
        row.put("DEP_BGT_ECO_CODE", null);
        AgencyExtract extract = extractOf(row);

        assertThat(extract.problems()).isEmpty();
        assertThat(extract.appropriations()).singleElement().satisfies(a -> assertThat(a.counted()).isFalse());
    }

    @Test
    void anEmptyDeletionFlagIsAProblemAndTheAppropriationDoesNotCount() {
        AgencyExtract extract = extractOf(ledgerRow("B1", false, "B1-1", "INITIAL", "1.00"));
        assertThat(extract.appropriations().get(0).counted()).isTrue();

        Map<String, Object> row = ledgerRow("B1", false, "B1-1", "INITIAL", "1.00");
        row.put("IS_DELETED", null);
        extract = extractOf(row);
        assertThat(extract.problems()).extracting(InputProblem::column).containsExactly("is_deleted");
        assertThat(extract.appropriations().get(0).counted()).isFalse();
    }

    @Test
    void badProcurementIndicatorVehicleAndAgencyValuesAreProblemsToo() {
        ExtractBuilder builder = new ExtractBuilder("1", 2026, NONE, NONE);
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "1", "agency_name", null, "in_admin_cost_scope", null)));
        builder.projectRows(List.of(row("pro_code", "P1", "pro_name", "项目")));
        builder.indicatorRows(List.of(row("pro_code", "P1", "seq", 1, "name", "指标", "weight", null, "nature", "≥", "target", "1")));
        builder.procurementRows(List.of(row("item_code", "G1", "item_name", "电脑", "category", "Z", "fund_type_code", "11", "amount", null)));
        builder.vehicleRows(List.of(row("general_held", null, "enforcement_held", 0, "general_planned", 0, "enforcement_planned", 0)));
        AgencyExtract extract = builder.build();

        assertThat(extract.problems()).extracting(InputProblem::table, InputProblem::column).containsExactly(
                tuple("bas_agency", "agency_name"), tuple("bas_agency", "in_admin_cost_scope"),
                tuple("bgt_perf_indicator", "weight"), tuple("bgt_procurement", "category"), tuple("bgt_procurement", "amount"),
                tuple("ast_vehicle", "general_held"));
        assertThat(extract.procurement()).isEmpty();
        assertThat(extract.projects().get(0).indicators()).isEmpty();
    }
}
