package org.budgethub.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.mapping.Consolidation;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.Stage;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.Fixtures;

/** The validation gate on a department's work item (CONTRACT.md §6), on hand-made units, without Camel. */
class DepartmentValidationTest {

    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));
    private static final NarrativeInput WORDS = new NarrativeInput("900", Fixtures.YEAR, "部门职责。", "", Map.of(), List.of(), "张三", "1");

    private static AgencyExtract unit(String code, String functional) {
        return new Fixtures().agency(code, "单位" + code, "主管").basic(functional, "30101", "10000.00")
                .add(Fixtures.YEAR - 1, "2010301", "30101", "11", "B", "N", null, "9000.00").extract();
    }

    private static AgencyWork department(NarrativeInput words, AgencyExtract... units) {
        AgencyWork work = new AgencyWork(new DisclosureId(Fixtures.YEAR, "900"), null, null, false, true);
        work.setUnitExtracts(List.of(units));
        work.setExtract(Consolidation.of("900", Fixtures.YEAR, List.of(units)));
        work.setNarrative(words);
        work.setDisclosure(BUILDER.build(work.extract(), words));
        return work;
    }

    @Test
    void aSoundDepartmentPassesItsUnitsIdentitiesAndItsSums() {
        AgencyWork work = department(WORDS, unit("900001", "2010301"), unit("900002", "2010301"));

        new Validator().check(work);

        assertThat(work.findings()).noneMatch(Finding::isFatal);
        assertThat(work.disclosure().title()).isEqualTo("单位9000012026 年部门预算情况说明");
        assertThat(work.disclosure().kind()).isEqualTo("department");
    }

    @Test
    void aUnitsUnknownCodeHoldsItsDepartmentBackNamingBoth() {
        AgencyWork work = department(WORDS, unit("900001", "2010301"), unit("900003", "2999999"));

        assertThatThrownBy(() -> new Validator().check(work))
                .isInstanceOfSatisfying(DataError.class, e -> assertThat(e.stage()).isEqualTo(Stage.VALIDATE))
                .hasMessageStartingWith("部门 900 的单位 900003：input.code-unknown")
                .hasMessageContaining("2999999");
    }

    @Test
    void aDepartmentWithoutItsOwnNarrativeIsHeldBack() {
        AgencyWork work = department(null, unit("900001", "2010301"));

        assertThatThrownBy(() -> new Validator().check(work)).isInstanceOf(DataError.class)
                .hasMessageContaining("input.narrative-missing").hasMessageContaining("900");
    }

    @Test
    void theSumRuleCatchesAConsolidationThatLostAUnitsLine() {
        AgencyExtract a = unit("900001", "2010301");
        AgencyExtract b = unit("900002", "2010301");
        AgencyExtract lost = Consolidation.of("900", Fixtures.YEAR, List.of(a));
        Findings findings = new Findings(Map.of(), lost);

        DepartmentRules.check(lost, List.of(a, b), findings);

        assertThat(findings.all()).extracting(Finding::rule).containsOnly("identity.department-sum");
        assertThat(findings.all()).extracting(Finding::location).contains("表二 合计", "表三 合计", "表六 合计", "表八 合计");
    }
}
