package org.budgethub.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.model.Appropriation;
import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.Finding.Severity;
import org.budgethub.model.Finding;
import org.budgethub.model.LedgerEntry;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.Project;
import org.budgethub.support.Fixtures;

/** One test per input-data rule, each on hand-made data that triggers it. */
class InputRulesTest {

    private static final Validator VALIDATOR = new Validator();
    private static final NarrativeInput NARRATIVE = Fixtures.narrative(Map.of(), List.of());

    /** Valid data: one appropriation in each year. */
    private static Fixtures valid() {
        return new Fixtures()
                .basic("2010301", "30101", "10000")
                .add(2025, "2010301", "30101", "11", "B", "N", null, "9000");
    }

    private static List<Finding> check(Fixtures fixtures) {
        return VALIDATOR.checkInput(fixtures.extract(), NARRATIVE);
    }

    private static Finding only(List<Finding> findings, String rule) {
        assertThat(findings).extracting(Finding::rule).containsOnly(rule);
        return findings.get(0);
    }

    private static Appropriation appropriation(String id, int year, String func, String eco, boolean deleted, LedgerEntry... entries) {
        return new Appropriation(id, year, "900001", func, eco, "11", "B", "N", null, deleted, List.of(entries));
    }

    private static LedgerEntry entry(String id, String amount) {
        return new LedgerEntry(id, "INITIAL", new BigDecimal(amount));
    }

    @Test
    void validDataRaisesNothing() {
        assertThat(check(valid())).isEmpty();
    }

    @Test
    void aCodeMissingFromTheYearsElementTablesIsFatalAndNamesItsRows() {
        List<Finding> findings = check(valid().appropriation(appropriation("X1", 2026, "2019999", "30101", false, entry("X1-1", "5"))));
        assertThat(findings).extracting(Finding::message).containsExactly(
                "2026 年支出功能分类科目表中没有科目 20199（指标 X1）",
                "2026 年支出功能分类科目表中没有科目 2019999（指标 X1）");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("input.code-unknown");
            assertThat(f.severity()).isEqualTo(Severity.FATAL);
            assertThat(f.rows()).containsExactly(RowRef.appropriation("X1"), RowRef.ledger("X1-1"));
        });
    }

    @Test
    void aMissingClassOfThePreviousYearsEconomicCodeIsFatalToo() {
        Finding f = only(check(valid().appropriation(appropriation("X2", 2025, "2010301", "39901", false, entry("X2-1", "5")))),
                "input.code-unknown");
        assertThat(f.message()).contains("2025 年部门预算支出经济分类科目表中没有科目 399");
    }

    @Test
    void aCodeOfTheWrongLevelIsFatal() {
        Fixtures fixtures = valid().appropriation(appropriation("X3", 2026, "20103", "302", false, entry("X3-1", "5")));
        List<Finding> findings = check(fixtures);
        assertThat(findings).extracting(Finding::rule).containsExactly("input.code-level", "input.code-level");
        assertThat(findings.get(0).message()).contains("20103").contains("7 位");
        assertThat(findings.get(1).message()).contains("302").contains("5 位");
        assertThat(findings).allMatch(Finding::isFatal);
    }

    @Test
    void anAmountWithMoreThanTwoDecimalsIsFatal() {
        Finding f = only(check(valid().appropriation(appropriation("X4", 2026, "2010301", "30101", false, entry("X4-1", "100.005")))),
                "input.amount-scale");
        assertThat(f.isFatal()).isTrue();
        assertThat(f.rows()).contains(RowRef.ledger("X4-1"));
    }

    @Test
    void aNegativeAppropriationTotalIsFatalButANegativeCorrectionIsNot() {
        assertThat(check(valid().appropriation(appropriation("OK", 2026, "2010301", "30101", false,
                entry("OK-1", "384551.00"), entry("OK-2", "-12000.00"))))).isEmpty();
        Finding f = only(check(valid().appropriation(appropriation("X5", 2026, "2010301", "30101", false,
                entry("X5-1", "100.00"), entry("X5-2", "-300.00")))), "input.negative-total");
        assertThat(f.message()).contains("X5").contains("-200.00");
        assertThat(f.rows()).containsExactly(RowRef.appropriation("X5"), RowRef.ledger("X5-1"), RowRef.ledger("X5-2"));
    }

    @Test
    void aDuplicatedAppropriationIdIsFatalAndNamedAsSuchNotAsItsLedgerEntries() {
        // A bgt_id held twice joins its ledger once per copy: both copies carry entry E1.
        List<Finding> findings = check(valid()
                .appropriation(appropriation("D1", 2026, "2010301", "30101", false, entry("E1", "1")))
                .appropriation(appropriation("D1", 2026, "2010301", "30101", false, entry("E1", "1"))));
        assertThat(findings).extracting(Finding::rule).containsExactly("input.duplicate-id");
        assertThat(findings.get(0).message()).contains("指标编号 D1");
        assertThat(findings.get(0).rows()).containsExactly(RowRef.appropriation("D1"));
    }

    @Test
    void aLedgerEntryIdUnderTwoAppropriationsIsFatalAndNamedAsALedgerEntry() {
        List<Finding> findings = check(valid()
                .appropriation(appropriation("D2", 2026, "2010301", "30101", false, entry("E2", "1")))
                .appropriation(appropriation("D3", 2026, "2010301", "30101", false, entry("E2", "1"))));
        assertThat(findings).extracting(Finding::rule).containsExactly("input.duplicate-id");
        assertThat(findings.get(0).message()).contains("指标账编号 E2");
        assertThat(findings.get(0).rows()).containsExactly(RowRef.ledger("E2"));
    }

    @Test
    void aMissingNarrativeIsFatal() {
        Finding f = only(VALIDATOR.checkInput(valid().extract(), null), "input.narrative-missing");
        assertThat(f.isFatal()).isTrue();
    }

    @Test
    void emptyDutiesAreFoundAndWarnByDefaultAsTheContractAllowsThem() {
        NarrativeInput noDuties = new NarrativeInput("900001", 2026, " ", "", Map.of(), List.of(), "", "");
        Finding f = only(VALIDATOR.checkInput(valid().extract(), noDuties), "input.duties-empty");
        assertThat(f.severity()).isEqualTo(Severity.WARN);

        Validator strict = new Validator(Map.of("input.duties-empty", Severity.FATAL));
        assertThat(strict.checkInput(valid().extract(), noDuties)).singleElement().matches(Finding::isFatal);
    }

    @Test
    void projectMoneyWithoutAProjectRecordIsFatal() {
        Fixtures fixtures = valid()
                .add(2026, "2010301", "30201", "11", "P", "N", "P1", "50000")
                .add(2026, "2010301", "30201", "11", "P", "N", "P2", "30000")
                .project(new Project("P1", "有记录", null, null, "目标", List.of()));
        Finding f = only(check(fixtures), "input.project-missing");
        assertThat(f.isFatal()).isTrue();
        assertThat(f.message()).contains("P2").contains("3 万元");
        assertThat(f.rows()).contains(RowRef.ledger("A4-1"));
    }

    @Test
    void anAbsentPreviousYearOnlyWarns() {
        Finding f = only(check(new Fixtures().basic("2010301", "30101", "10000")), "input.previous-year-absent");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void softDeletedAppropriationsAndTheirEntriesAreNormal() {
        assertThat(check(valid().appropriation(appropriation("DEL", 2026, "9999999", "99999", true, entry("DEL-1", "-5.001"))))).isEmpty();
    }

    @Test
    void anUnknownRuleInTheSeverityOverridesIsRefused() {
        assertThatThrownBy(() -> new Validator(Map.of("input.no-such-rule", Severity.WARN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input.no-such-rule");
    }

    @Test
    void aMisspeltNarrativeKeyIsFatalNamingTheKeyAndTheClosestOne() {
        NarrativeInput words = new NarrativeInput("900001", 2026, "职责", "", Map.of(), List.of(), "", "",
                List.of(new NarrativeInput.UnknownKey("reason", "reasons", "说明文件 a.yaml 第 3 行")));
        Finding f = only(VALIDATOR.checkInput(valid().extract(), words), "input.narrative-key");
        assertThat(f.severity()).isEqualTo(Severity.FATAL);
        assertThat(f.message()).contains("“reason”").contains("“reasons”").contains("a.yaml 第 3 行");
    }
}
