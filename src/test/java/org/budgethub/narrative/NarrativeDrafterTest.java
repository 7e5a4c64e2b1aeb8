package org.budgethub.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.mapping.Consolidation;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.Project;
import org.budgethub.model.Vehicles;
import org.budgethub.support.Fixtures;
import org.budgethub.validation.Validator;

/** The hub's draft of the words, from hand-made extracts: no database, no Spring. */
class NarrativeDrafterTest {

    private static final int Y = Fixtures.YEAR;
    private static final int P = Y - 1;
    private static final NarrativeDrafter DRAFTER = new NarrativeDrafter();
    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    /** Basic money of both years: personnel 100 → 120 万元, public 20 → 15 万元 (fund 11, new money). */
    private static Fixtures unit() {
        return new Fixtures()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1200000")
                .add(P, "2010301", "30201", "11", "B", "N", null, "200000").add(Y, "2010301", "30201", "11", "B", "N", null, "150000");
    }

    /** A fund-11 project of {@code name} with its 2025 and 2026 yuan ("0": none that year), in the project library. */
    private static Fixtures project(Fixtures f, String code, String name, String previous, String current) {
        if (!previous.equals("0")) {
            f.add(P, "2010301", "30201", "11", "P", "N", code, previous);
        }
        if (!current.equals("0")) {
            f.add(Y, "2010301", "30201", "11", "P", "N", code, current);
        }
        return name == null ? f : f.project(new Project(code, name, null, null, null, List.of()));
    }

    private static Map<String, String> reasons(AgencyExtract extract) {
        return DRAFTER.draft(extract, null).reasons();
    }

    /** The draft, built into a disclosure and validated: no 表文一致 finding. */
    private static void assertNoTextFigureFinding(AgencyExtract extract) {
        NarrativeInput draft = DRAFTER.draft(extract, null);
        List<Finding> findings = new Validator().checkDisclosure(extract, draft, BUILDER.build(extract, draft));
        assertThat(findings).extracting(Finding::rule).doesNotContain("narrative.figure-mismatch");
    }

    @Test
    void withoutEarlierWordsOnlyTheReasonsAreDrafted() {
        AgencyExtract extract = project(unit(), "P01", "系统运维", "3000000", "1000000").extract();

        NarrativeInput draft = DRAFTER.draft(extract, null);

        assertThat(draft.agency()).isEqualTo("900001");
        assertThat(draft.year()).isEqualTo(Y);
        assertThat(draft.duties()).isEmpty();
        assertThat(draft.composition()).isEmpty();
        assertThat(draft.notes()).isEmpty();
        assertThat(draft.contactName()).isEmpty();
        assertThat(draft.contactPhone()).isEmpty();
        // 基本 +15 (120 + 15 − 100 − 20), 项目 −200.
        assertThat(draft.reasons()).containsOnlyKeys("income", "expenditure", "basic", "project")
                .containsEntry("expenditure", "主要是基本支出预算增加 15 万元，项目支出预算减少 200 万元")
                .containsEntry("income", "主要是基本支出预算增加 15 万元，项目支出预算减少 200 万元")
                .containsEntry("basic", "主要是人员经费增加 20 万元，日常公用经费减少 5 万元")
                .containsEntry("project", "主要是系统运维项目减少 200 万元");
        assertNoTextFigureFinding(extract);
    }

    @Test
    void theEarlierWordsAreCarriedForwardButNotTheirReasons() {
        AgencyExtract extract = unit().extract();
        NarrativeInput earlier = new NarrativeInput("900001", P, "1.职责一。\n2.职责二。", "单位构成。",
                Map.of("basic", "上年的原因", "fund", "上年的基金原因"), List.of("附注一。", "附注二。"), "张三", "023-1234");

        NarrativeInput draft = DRAFTER.draft(extract, earlier);

        assertThat(draft.year()).isEqualTo(Y);
        assertThat(draft.duties()).isEqualTo("1.职责一。\n2.职责二。");
        assertThat(draft.composition()).isEqualTo("单位构成。");
        assertThat(draft.notes()).containsExactly("附注一。", "附注二。");
        assertThat(draft.contactName()).isEqualTo("张三");
        assertThat(draft.contactPhone()).isEqualTo("023-1234");
        assertThat(draft.reasons()).containsEntry("basic", "主要是人员经费增加 20 万元，日常公用经费减少 5 万元")
                .doesNotContainKey("fund");
    }

    @Test
    void aProjectThatAppearsOrDisappearsCountsWithItsFullAmount() {
        Fixtures f = unit();
        project(f, "P01", "旧平台建设项目", "3000000", "0");
        project(f, "P02", "新平台建设", "0", "1830000");
        project(f, "P03", "网站运维", "1000000", "500000");
        AgencyExtract extract = f.extract();

        assertThat(reasons(extract)).containsEntry("project",
                "主要是旧平台建设项目减少 300 万元（本年未安排），新平台建设项目增加 183 万元（本年新增），网站运维项目减少 50 万元");
        assertNoTextFigureFinding(extract);
    }

    @Test
    void aDroppedProjectTheLibraryNoLongerNamesIsNamedByItsCode() {
        // The project library holds the budget year's projects only: a project of 2025 alone may have no name.
        AgencyExtract extract = project(unit(), "500105-P0010", null, "3000000", "0").extract();

        assertThat(reasons(extract)).containsEntry("project", "主要是编码为 500105-P0010 的项目减少 300 万元（本年未安排）");
        assertNoTextFigureFinding(extract);
    }

    @Test
    void equalChangesAreRankedByProjectCode() {
        Fixtures f = unit();
        project(f, "P04", "丁项目", "1000000", "0");
        project(f, "P02", "乙", "0", "1000000");
        project(f, "P03", "丙", "2000000", "1000000");
        project(f, "P01", "甲", "500000", "400000");
        AgencyExtract extract = f.extract();

        // 乙 +100, 丙 −100, 丁 −100 tie on 100 万元: code order P02, P03, P04; 甲 (−10) is the fourth, so 等.
        assertThat(reasons(extract)).containsEntry("project",
                "主要是乙项目增加 100 万元（本年新增），丙项目减少 100 万元，丁项目减少 100 万元（本年未安排）等");
    }

    @Test
    void moreThanThreeChangedProjectsEndWithDengAndExactlyThreeDoNot() {
        Fixtures three = unit();
        project(three, "P01", "甲", "1000000", "700000");
        project(three, "P02", "乙", "1000000", "1200000");
        project(three, "P03", "丙", "1000000", "900000");
        project(three, "P04", "丁", "1000000", "1000000");
        assertThat(reasons(three.extract())).as("an unchanged project does not count").containsEntry("project",
                "主要是甲项目减少 30 万元，乙项目增加 20 万元，丙项目减少 10 万元");

        Fixtures four = unit();
        project(four, "P01", "甲", "1000000", "700000");
        project(four, "P02", "乙", "1000000", "1200000");
        project(four, "P03", "丙", "1000000", "900000");
        project(four, "P04", "丁", "1000000", "950000");
        assertThat(reasons(four.extract())).containsEntry("project",
                "主要是甲项目减少 30 万元，乙项目增加 20 万元，丙项目减少 10 万元等");
        assertNoTextFigureFinding(four.extract());
    }

    @Test
    void aZeroChangeGetsNoReason() {
        Fixtures f = new Fixtures()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1000000");
        project(f, "P01", "甲", "500000", "500000");
        assertThat(reasons(f.extract())).isEmpty();

        // 30 yuan prints as 增加 0 万元: nothing to explain either.
        Fixtures tiny = new Fixtures()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1000030");
        assertThat(reasons(tiny.extract())).isEmpty();
    }

    @Test
    void whenTheTotalIsUnchangedItsSentenceGetsNoReasonThoughItsPartsMoved() {
        Fixtures f = new Fixtures()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1100000");
        project(f, "P01", "甲", "500000", "400000");
        Map<String, String> reasons = reasons(f.extract());

        assertThat(reasons).doesNotContainKeys("income", "expenditure")
                .containsEntry("basic", "主要是人员经费增加 10 万元")
                .containsEntry("project", "主要是甲项目减少 10 万元");
    }

    @Test
    void withoutPreviousYearMoneyNoReasonIsDrafted() {
        AgencyExtract extract = new Fixtures().basic("2010301", "30101", "1000000").basic("2010301", "30201", "200000")
                .add(Y, "2010301", "30212", "11", "B", "N", null, "10000").extract();

        assertThat(reasons(extract)).isEmpty();
    }

    @Test
    void theBasicReasonNamesWhatDroveIt() {
        Fixtures personnel = new Fixtures()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1300000")
                .add(P, "2080505", "30302", "11", "B", "N", null, "100000").add(Y, "2080505", "30302", "11", "B", "N", null, "120000")
                .add(P, "2010301", "30201", "11", "B", "N", null, "200000").add(Y, "2010301", "30201", "11", "B", "N", null, "200000");
        // 301 and 303 are 人员经费 together: +30 and +2.
        assertThat(reasons(personnel.extract())).containsEntry("basic", "主要是人员经费增加 32 万元");

        Fixtures publicUse = new Fixtures()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1000000")
                .add(P, "2010301", "30201", "11", "B", "N", null, "200000").add(Y, "2010301", "30201", "11", "B", "N", null, "123456")
                .add(P, "2010301", "30217", "11", "B", "N", null, "10000");
        assertThat(reasons(publicUse.extract())).containsEntry("basic", "主要是日常公用经费减少 8.65 万元");
        assertNoTextFigureFinding(personnel.extract());
        assertNoTextFigureFinding(publicUse.extract());
    }

    @Test
    void eachSentenceUsesItsOwnScope() {
        // 事业收入 (fund 31) moves the all-funds sentences only; a project with fund 11 and fund 31 money
        // is ranked by its fund-11 change in 三's sentence.
        Fixtures f = unit()
                .add(P, "2010301", "30101", "31", "B", "N", null, "400000").add(Y, "2010301", "30101", "31", "B", "N", null, "470000");
        project(f, "P01", "甲", "1000000", "700000");
        f.add(P, "2010301", "30201", "31", "P", "N", "P01", "100000").add(Y, "2010301", "30201", "31", "P", "N", "P01", "300000");
        AgencyExtract extract = f.extract();

        assertThat(reasons(extract))
                .containsEntry("expenditure", "主要是基本支出预算增加 22 万元，项目支出预算减少 10 万元")
                .containsEntry("basic", "主要是人员经费增加 20 万元，日常公用经费减少 5 万元")
                .containsEntry("project", "主要是甲项目减少 30 万元");
        // 22, 10 and 30 are no table figure nor a stated change: the drafted changes are narrative figures.
        assertNoTextFigureFinding(extract);
    }

    @Test
    void governmentFundMoneyThatChangedGetsItsReason() {
        Fixtures f = unit()
                .add(P, "2120803", "30201", "12", "P", "N", "G01", "2000000").add(Y, "2120803", "30201", "12", "P", "N", "G01", "2500000")
                .project(new Project("G01", "城市建设", null, null, null, List.of()));
        AgencyExtract extract = f.extract();

        assertThat(reasons(extract)).containsEntry("fund", "主要是城市建设项目增加 50 万元")
                .as("fund 11 project money did not move").doesNotContainKey("project");
        assertThat(reasons(unit().extract())).as("no fund-12 money").doesNotContainKey("fund");
        assertNoTextFigureFinding(extract);
    }

    @Test
    void adminCostIsDraftedOnlyInsideItsScope() {
        // 日常公用经费 of fund 11 basic money: 办公费 −5 万元.
        assertThat(reasons(unit().extract())).doesNotContainKey("adminCost");
        AgencyExtract inScope = unit().inAdminCostScope().extract();
        assertThat(reasons(inScope)).containsEntry("adminCost", "主要是办公费减少 5 万元");
        assertNoTextFigureFinding(inScope);
    }

    @Test
    void eachSangongItemThatChangedGetsASentenceAndTheTotalNamesThem() {
        Fixtures f = unit()
                .add(Y, "2010301", "30212", "11", "B", "N", null, "10000")
                .add(P, "2010301", "30217", "11", "B", "N", null, "20000")
                .add(P, "2010301", "30231", "11", "B", "N", null, "30000").add(Y, "2010301", "30231", "11", "B", "N", null, "50000")
                .add(Y, "2010301", "31013", "11", "P", "N", "V01", "250000")
                .add(P, "2010301", "30212", "21", "B", "N", null, "90000")
                .vehicles(new Vehicles(2, 1, 1, 0));
        AgencyExtract extract = f.extract();
        Map<String, String> reasons = reasons(extract);

        assertThat(reasons)
                .containsEntry("sangong", "主要是因公出国（境）费用增加 1 万元，公务接待费减少 2 万元，公务用车运行维护费增加 2 万元，公务用车购置费增加 25 万元")
                .as("fund 21 is no 三公 money").containsEntry("sangongAbroad", "主要是因公出国（境）费用增加 1 万元，上年无此预算")
                .containsEntry("sangongReception", "主要是公务接待费减少 2 万元，本年未安排此项预算")
                .containsEntry("sangongVehicleOperation", "主要是公务用车运行维护费增加 2 万元，截止 2025 年 12 月本单位共有车辆 3 辆")
                .containsEntry("sangongVehiclePurchase", "主要是公务用车购置费增加 25 万元，上年无此预算，2026 年一般公共预算安排购置车辆 1 辆");
        assertNoTextFigureFinding(extract);

        Fixtures unchanged = unit().add(P, "2010301", "30217", "11", "B", "N", null, "20000")
                .add(Y, "2010301", "30217", "11", "B", "N", null, "20000");
        assertThat(reasons(unchanged.extract())).doesNotContainKeys("sangong", "sangongAbroad", "sangongReception",
                "sangongVehicleOperation", "sangongVehiclePurchase");
    }

    @Test
    void aDepartmentIsDraftedFromItsUnitsTogether() {
        Fixtures head = new Fixtures().agency("900001", "测试局", "测试局主管").inAdminCostScope()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1100000")
                .add(P, "2010301", "30201", "11", "B", "N", null, "100000").add(Y, "2010301", "30201", "11", "B", "N", null, "130000");
        project(head, "P-HEAD", "本级项目", "2000000", "1500000");
        Fixtures sub = new Fixtures().agency("900002", "测试中心", "测试中心主管")
                .add(P, "2010350", "30101", "11", "B", "N", null, "500000").add(Y, "2010350", "30101", "11", "B", "N", null, "520000")
                .add(P, "2010350", "30201", "11", "B", "N", null, "100000").add(Y, "2010350", "30201", "11", "B", "N", null, "50000");
        project(sub, "P-SUB", "中心项目", "0", "800000");
        AgencyExtract department = Consolidation.of("900", Y, List.of(sub.extract(), head.extract()));

        NarrativeInput draft = DRAFTER.draft(department, null);

        assertThat(draft.agency()).isEqualTo("900");
        // 基本: 人员 +10 +2, 公用 +3 −5 → +10; 项目: −50 +80 → +30.
        assertThat(draft.reasons())
                .containsEntry("expenditure", "主要是基本支出预算增加 10 万元，项目支出预算增加 30 万元")
                .containsEntry("basic", "主要是人员经费增加 12 万元，日常公用经费减少 2 万元")
                .containsEntry("project", "主要是中心项目增加 80 万元（本年新增），本级项目减少 50 万元")
                // 机关运行经费 counts the units inside its statistics only: the 本级's 办公费 +3.
                .containsEntry("adminCost", "主要是办公费增加 3 万元");
        assertNoTextFigureFinding(department);
    }
}
