package org.budgethub.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.model.Disclosure;
import org.budgethub.model.NarrativeSection;
import org.budgethub.model.Project;
import org.budgethub.model.Vehicles;
import org.budgethub.support.Fixtures;

/** The 说明 from the operator's template in config/templates, on small hand-made data. */
class NarrativeRendererTest {

    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    private static String text(Disclosure d) {
        StringBuilder out = new StringBuilder();
        for (NarrativeSection s : d.narrative()) {
            out.append(s.heading());
            s.paragraphs().forEach(out::append);
        }
        return out.toString().replaceAll("\\s+", "");
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static Fixtures twoYears() {
        return new Fixtures()
                .basic("2010301", "30101", "1000000")
                .basic("2010301", "30201", "200000")
                .basic("2010301", "30217", "10000")
                .add(2026, "2010301", "30201", "11", "P", "N", "P1", "500000")
                .add(2025, "2010301", "30101", "11", "B", "N", null, "900000")
                .add(2025, "2010301", "30201", "11", "B", "N", null, "250000")
                .add(2025, "2010301", "30201", "11", "P", "N", "P1", "800000")
                .project(new Project("P1", "项目一", null, null, "目标", List.of()));
    }

    @Test
    void titleAndSectionsFollowTheSeedOrder() {
        Disclosure d = BUILDER.build(twoYears().extract(), Fixtures.narrative(Map.of(), List.of()));
        assertThat(d.title()).isEqualTo("测试单位2026 年单位预算情况说明");
        assertThat(d.narrative()).extracting(NarrativeSection::heading).containsExactly(
                "一、单位基本情况", "二、单位收支总体情况", "三、单位预算情况说明", "四、“三公”经费情况说明",
                "五、其他重要事项的情况说明", "六、专业性名词解释");
        assertThat(d.narrative().get(0).paragraphs()).containsExactly("（一）职能职责", "1.职责一。", "2.职责二。", "（二）单位构成", "单位构成。");
        assertThat(d.narrative().get(5).paragraphs().get(5)).isEqualTo("单位预算公开联系人：张三 联系方式：023-1234");
    }

    @Test
    void aReasonFollowsAfterACommaAndAnAbsentOneEndsTheSentence() {
        Disclosure d = BUILDER.build(twoYears().extract(), Fixtures.narrative(Map.of("basic", "主要原因是人员增加"), List.of()));
        assertThat(text(d)).contains(squash(
                "2026 年一般公共预算财政拨款收入 171 万元，一般公共预算财政拨款支出 171 万元，比 2025 年减少 24 万元。"
                        + "其中：基本支出 121 万元，比 2025 年增加 6 万元，主要原因是人员增加；"
                        + "项目支出 50 万元，比 2025 年减少 30 万元。"));
        assertThat(text(d)).contains(squash("收入较 2025 年减少 24 万元。（二）支出预算"));
    }

    @Test
    void incomeSplitsNewMoneyByFundAndCountsCarryOverSeparately() {
        Disclosure d = BUILDER.build(new Fixtures()
                .basic("2010301", "30101", "100000")
                .add(2026, "2010301", "30101", "12", "B", "N", null, "20000")
                .add(2026, "2010301", "30101", "31", "B", "N", null, "30000")
                .add(2026, "2010301", "30101", "32", "B", "N", null, "40000")
                .add(2026, "2010301", "30101", "21", "B", "N", null, "1000")
                .add(2026, "2010301", "30101", "39", "B", "N", null, "4000")
                .add(2026, "2010301", "30101", "11", "B", "C", null, "50000")
                .extract(), Fixtures.narrative(Map.of(), List.of()));
        assertThat(text(d)).contains(squash("（一）收入预算：2026 年年初预算数 24.5 万元，其中：一般公共预算拨款 10 万元，"
                + "政府性基金预算拨款 2 万元，国有资本经营预算收入 0 万元，事业收入 3 万元，事业单位经营收入 4 万元，"
                + "其他收入 0.5 万元，上年结转 5 万元。收入较 2025 年增加 24.5 万元。"));
        assertThat(text(d)).contains(squash("其中：一般公共服务支出预算 24.5 万元。支出预算较 2025 年增加 24.5 万元。"));
        assertThat(text(d)).contains(squash("测试单位 2026 年政府性基金预算拨款支出 2 万元，比 2025 年增加 2 万元。"));
    }

    @Test
    void withoutFund12TheAgencySaysItHasNone() {
        Disclosure d = BUILDER.build(twoYears().extract(), Fixtures.narrative(Map.of("fund", "不应出现"), List.of()));
        assertThat(text(d)).contains(squash("测试单位 2026 年无使用政府性基金预算拨款安排的支出。"));
        assertThat(text(d)).doesNotContain("不应出现");
    }

    @Test
    void sangongItemsEachCompareWithThePreviousYear() {
        Disclosure d = BUILDER.build(twoYears()
                .add(2025, "2010301", "30217", "11", "B", "N", null, "30000")
                .add(2026, "2010301", "31013", "11", "P", "N", "P1", "200000")
                .extract(), Fixtures.narrative(Map.of("sangongReception", "主要原因是压减接待"), List.of()));
        assertThat(text(d)).contains(squash("2026 年“三公”经费预算 21 万元，比 2025 年增加 18 万元。"
                + "其中：因公出国（境）费用 0 万元，比 2025 年增加 0 万元；"
                + "公务接待费 1 万元，比 2025 年减少 2 万元，主要原因是压减接待；"
                + "公务用车运行维护费 0 万元，比 2025 年增加 0 万元；"
                + "公务用车购置费 20 万元，比 2025 年增加 20 万元。"));
    }

    @Test
    void adminCostProcurementPerformanceVehiclesAndNotes() {
        Disclosure d = BUILDER.build(twoYears().inAdminCostScope()
                        .add(2026, "2010301", "30201", "11", "P", "N", "P2", "300000")
                        .project(new Project("P2", "无目标项目", null, null, " ", List.of()))
                        .procurement("001", "设备", "A", "11", "10000")
                        .procurement("002", "工程", "B", "11", "20000")
                        .procurement("003", "服务", "C", "12", "35000")
                        .vehicles(new Vehicles(2, 3, 1, 0))
                        .extract(),
                Fixtures.narrative(Map.of("adminCost", "主要原因是压减公用经费"), List.of("第一条说明。", "第二条说明。")));
        assertThat(d.narrative().get(4).paragraphs()).containsExactly(
                "（一）机关运行经费。2026 年机关运行经费预算 21 万元，比 2025 年减少 4 万元，主要原因是压减公用经费。",
                "（二）政府采购情况。我单位 2026 年度政府采购预算 6.5 万元，其中：货物类 1 万元，工程类 2 万元，服务类 3.5 万元。",
                "（三）绩效目标设置情况。2026 年实行绩效目标管理的项目 1 个，涉及一般公共预算当年财政拨款 50 万元。",
                "（四）国有资产占有使用情况。截止 2025 年 12 月，本单位共有车辆 5 辆，其中一般公务用车 2 辆、执勤执法用车 3 辆。"
                        + "2026 年一般公共预算安排购置车辆 1 辆，其中一般公务用车 1 辆、执勤执法用车 0 辆。",
                "（五）第一条说明。",
                "（六）第二条说明。");
    }

    @Test
    void outsideTheAdminCostScopeAndWithoutProcurementOrVehicles() {
        Disclosure d = BUILDER.build(twoYears().extract(), Fixtures.narrative(Map.of(), List.of()));
        assertThat(d.narrative().get(4).paragraphs()).containsExactly(
                "（一）我单位不在机关运行经费统计范围之内。",
                "（二）政府采购情况。我单位 2026 年度未安排政府采购支出。",
                "（三）绩效目标设置情况。2026 年项目支出均实行了绩效目标管理，涉及一般公共预算当年财政拨款 50 万元。",
                "（四）国有资产占有使用情况。截止 2025 年 12 月，本单位共有车辆 0 辆，其中一般公务用车 0 辆、执勤执法用车 0 辆。"
                        + "2026 年一般公共预算安排购置车辆 0 辆，其中一般公务用车 0 辆、执勤执法用车 0 辆。");
    }

    @Test
    void missingAuthoredTextLeavesItsPlaceEmpty() {
        var empty = new org.budgethub.model.NarrativeInput("900001", 2026, null, "", Map.of(), List.of(), null, null);
        Disclosure d = BUILDER.build(twoYears().extract(), empty);
        assertThat(d.narrative().get(0).paragraphs()).containsExactly("（一）职能职责", "（二）单位构成");
        assertThat(d.narrative().get(5).paragraphs()).last().isEqualTo("单位预算公开联系人： 联系方式：");
    }

    @Test
    void operatorsChangeTheWordingInTheTemplateWithoutJava(@TempDir Path dir) throws Exception {
        String template = Files.readString(Path.of("config/templates/narrative.ftl"))
                .replace("我单位不在机关运行经费统计范围之内。", "本单位不属于机关运行经费统计范围。");
        Files.writeString(dir.resolve(NarrativeRenderer.TEMPLATE), template);
        Disclosure d = new DisclosureBuilder(new NarrativeRenderer(dir)).build(twoYears().extract(), Fixtures.narrative(Map.of(), List.of()));
        assertThat(d.narrative().get(4).paragraphs().get(0)).isEqualTo("（一）本单位不属于机关运行经费统计范围。");
    }
}
