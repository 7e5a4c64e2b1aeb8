package org.budgethub.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgethub.support.ResultRows.row;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.ingest.ExtractBuilder;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.Finding.Severity;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.support.Fixtures;

/**
 * Finance rows from views without the schema's NOT NULL constraints, read by ingest and judged by
 * the input rules: each bad value is one FATAL finding naming table, row and column.
 */
class BadFinanceValuesTest {

    private static final Map<String, String> FUNCTIONAL = Map.of("201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务",
            "2010350", "事业运行");
    private static final Map<String, String> ECONOMIC = Map.of("302", "商品和服务支出", "30299", "其他商品和服务支出");
    private static final NarrativeInput NARRATIVE = Fixtures.narrative(Map.of(), List.of());

    private static Map<String, Object> ledgerRow(int year, String bgtId, String entryId, Object amount) {
        return row("BGT_ID", bgtId, "FISCAL_YEAR", year, "AGENCY_CODE", "101023", "EXP_FUNC_CODE", "2010350",
                "DEP_BGT_ECO_CODE", "30299", "FUND_TYPE_CODE", "11", "EXP_KIND", "B", "SOURCE", "N", "PRO_CODE", null,
                "IS_DELETED", false, "ENTRY_ID", entryId, "STAGE", "INITIAL", "AMOUNT", amount);
    }

    /** The agency's rows of 2026 with a sound previous year, read as the ingest stage reads them. */
    private static AgencyExtract extract(Map<String, Object> bad) {
        ExtractBuilder builder = new ExtractBuilder("101023", 2026, new ElementTables(2026, FUNCTIONAL, ECONOMIC),
                new ElementTables(2025, FUNCTIONAL, ECONOMIC));
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "101023", "agency_name", "单位", "in_admin_cost_scope", true)));
        builder.appropriationRows(List.of(ledgerRow(2025, "P1", "P1-1", new BigDecimal("100.00")),
                ledgerRow(2026, "B0", "B0-1", new BigDecimal("100.00")), bad).iterator());
        return builder.build();
    }

    private static Finding onlyFinding(Validator validator, Map<String, Object> bad, String rule) {
        List<Finding> findings = validator.checkInput(extract(bad), NARRATIVE);
        assertThat(findings).extracting(Finding::rule).containsExactly(rule);
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.FATAL);
        assertThat(Validator.reason(findings)).doesNotContain("Exception");
        return f;
    }

    @Test
    void soundRowsRaiseNothing() {
        assertThat(new Validator().checkInput(extract(ledgerRow(2026, "B1", "B1-1", new BigDecimal("5.00"))), NARRATIVE)).isEmpty();
    }

    @Test
    void aNullAmountIsFatalNamingTableRowAndColumn() {
        Finding f = onlyFinding(new Validator(), ledgerRow(2026, "B1", "B1-1", null), "input.value-missing");
        assertThat(f.message()).contains("bgt_ledger").contains("B1-1").contains("amount").contains("为空");
        assertThat(f.rows()).containsExactly(RowRef.appropriation("B1"), RowRef.ledger("B1-1"));
    }

    @Test
    void anAmountThatIsNoNumberIsFatal() {
        Finding f = onlyFinding(new Validator(), ledgerRow(2026, "B1", "B1-1", "12,5O"), "input.amount-invalid");
        assertThat(f.message()).contains("bgt_ledger").contains("B1-1").contains("amount").contains("“12,5O”");
    }

    @Test
    void anAmountBeyondTheConfiguredLimitIsFatal() {
        Finding f = onlyFinding(new Validator(), ledgerRow(2026, "B1", "B1-1", new BigDecimal("1E30")), "input.amount-range");
        assertThat(f.message()).contains("B1-1").contains("10000000000000 元").contains("hub.validation.max-entry-amount");
        assertThat(f.rows()).containsExactly(RowRef.appropriation("B1"), RowRef.ledger("B1-1"));

        assertThat(new Validator().checkInput(extract(ledgerRow(2026, "B1", "B1-1", new BigDecimal("9999999999999.99"))), NARRATIVE))
                .as("within the default limit").isEmpty();
        onlyFinding(new Validator(Map.of(), new BigDecimal("1000")), ledgerRow(2026, "B1", "B1-1", new BigDecimal("1000.01")),
                "input.amount-range");
    }

    @Test
    void aNullEconomicCodeIsFatalNamingTheColumnNotAnException() {
        Map<String, Object> row = ledgerRow(2026, "B1", "B1-1", new BigDecimal("5.00"));
        row.put("DEP_BGT_ECO_CODE", null);
        Finding f = onlyFinding(new Validator(), row, "input.value-missing");
        assertThat(f.message()).contains("bgt_appropriation").contains("B1").contains("dep_bgt_eco_code");
        assertThat(f.rows()).containsExactly(RowRef.appropriation("B1"));
    }

    @Test
    void aMalformedCodeIsFatalSayingWhatTheColumnMayHold() {
        Map<String, Object> row = ledgerRow(2026, "B1", "B1-1", new BigDecimal("5.00"));
        row.put("SOURCE", "X");
        Finding f = onlyFinding(new Validator(), row, "input.code-malformed");
        assertThat(f.message()).contains("source").contains("“X”").contains("N（当年预算）或 C（上年结转）");
    }

    @Test
    void aNullKeyIsFatal() {
        Finding f = onlyFinding(new Validator(), ledgerRow(2026, "B1", null, new BigDecimal("5.00")), "input.value-missing");
        assertThat(f.message()).contains("bgt_ledger").contains("entry_id").contains("B1");
    }

    @Test
    void anOperatorMayLowerTheSeverityLikeAnyOtherRule() {
        List<Finding> findings = new Validator(Map.of("input.value-missing", Severity.WARN), null)
                .checkInput(extract(ledgerRow(2026, "B1", "B1-1", null)), NARRATIVE);
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.WARN);
    }

    @Test
    void aDepartmentWithSuchAUnitIsHeldBackNamingTheUnit() {
        AgencyExtract unit = extract(ledgerRow(2026, "B1", "B1-1", null));
        AgencyExtract department = org.budgethub.mapping.Consolidation.of("101", 2026, List.of(headUnit(), unit));
        List<Finding> fatal = new Validator().checkInput(department, NARRATIVE).stream().filter(Finding::isFatal).toList();
        assertThat(fatal).extracting(Finding::rule).containsExactly("input.value-missing");
    }

    private static AgencyExtract headUnit() {
        ExtractBuilder builder = new ExtractBuilder("101001", 2026, new ElementTables(2026, FUNCTIONAL, ECONOMIC),
                new ElementTables(2025, FUNCTIONAL, ECONOMIC));
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "101001", "agency_name", "本级", "in_admin_cost_scope", true)));
        return builder.build();
    }
}
