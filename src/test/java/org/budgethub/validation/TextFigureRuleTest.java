package org.budgethub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Finding.Severity;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.Fixtures;

/** 表文一致: amounts in the authored reasons against the figures of the disclosure. */
class TextFigureRuleTest {

    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    /** Six projects, each 2026 budget lower than 2025 by 1, 2, 4, 8, 16 and 32 万元; one new project of 5 万元. */
    private static AgencyExtract projects() {
        Fixtures f = new Fixtures().basic("2010301", "30101", "10000000").add(2025, "2010301", "30101", "11", "B", "N", null, "9000000");
        int[] decreases = {1, 2, 4, 8, 16, 32};
        for (int i = 0; i < decreases.length; i++) {
            String code = "P" + i;
            f.add(2025, "2010301", "30201", "11", "P", "N", code, Integer.toString(1_000_000 + decreases[i] * 10_000));
            f.add(2026, "2010301", "30201", "11", "P", "N", code, "1000000");
        }
        f.add(2026, "2010301", "30201", "11", "P", "N", "NEW", "50000");
        return f.extract();
    }

    private static List<Finding> check(String projectReason) {
        AgencyExtract extract = projects();
        NarrativeInput narrative = Fixtures.narrative(Map.of("project", projectReason), List.of());
        return new Validator().checkDisclosure(extract, narrative, BUILDER.build(extract, narrative));
    }

    @Test
    void figuresOfTheDisclosureAreAccepted() {
        // 1000 is the basic budget, 100 the basic increase, 605 the project total, 5 a project's budget,
        // 32 a project's decrease, 1605 the total, written with or without a thousands separator.
        assertThat(check("主要原因是基本支出 1,000 万元、增加 100 万元，项目支出 605 万元，新增项目 5 万元，减少 32 万元，合计 1,605 万元")).isEmpty();
        assertThat(check("合计 1605 万元，项目 100.00 万元")).isEmpty();
    }

    @Test
    void upToFiveProjectChangesOfOneSignMayBeSummed() {
        assertThat(check("零星减少共计 7 万元")).isEmpty();
        assertThat(check("零星减少共计 62 万元")).as("the five largest decreases").isEmpty();
    }

    @Test
    void aNumberThatIsNoFigureIsAWarningThatNamesIt() {
        List<Finding> findings = check("零星减少共计 63 万元，另有 0.3 万元");
        assertThat(findings).extracting(Finding::rule).containsOnly("narrative.figure-mismatch");
        assertThat(findings).allMatch(f -> f.severity() == Severity.WARN);
        assertThat(findings).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("63 万元").contains("reasons.project"))
                .anySatisfy(m -> assertThat(m).contains("0.3 万元"));
    }

    @Test
    void theSearchStopsAtFiveTermsAndAtMixedSigns() {
        List<BigDecimal> changes = List.of(new BigDecimal("-10000"), new BigDecimal("-20000"), new BigDecimal("30000"));
        assertThat(TextFigureRule.sumOfProjectChanges(new BigDecimal("3"), changes)).as("1 + 2 decreases").isTrue();
        assertThat(TextFigureRule.sumOfProjectChanges(new BigDecimal("4"), changes)).as("1 + 3 mixes signs").isFalse();
        assertThat(TextFigureRule.sumOfProjectChanges(new BigDecimal("2"), changes)).as("one term is not a sum").isFalse();
    }
}
