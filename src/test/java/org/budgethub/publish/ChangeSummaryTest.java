package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What changed between two published versions, named as a reader would. */
class ChangeSummaryTest {

    private static final String V1 = """
            {"tables": [
              {"no": "表一", "rows": [["一、本年收入", "10.00", "一、本年支出", "10.00", "10.00", "", ""]]},
              {"no": "表二", "rows": [["合计", "", "10.00", "10.00", ""], ["201", "一般公共服务支出", "10.00", "10.00", ""],
                                      ["208", "社会保障和就业支出", "1.00", "1.00", ""]]}],
             "narrative": [{"heading": "一", "paragraphs": ["甲"]}]}""";

    private static final String V2 = """
            {"tables": [
              {"no": "表一", "rows": [["一、本年收入", "12.00", "一、本年支出", "12.00", "12.00", "", ""]]},
              {"no": "表二", "rows": [["合计", "", "12.00", "11.00", "1.00"], ["201", "一般公共服务支出", "12.00", "11.00", "1.00"],
                                      ["210", "卫生健康支出", "0.50", "0.50", ""]]}],
             "narrative": [{"heading": "一", "paragraphs": ["乙"]}]}""";

    @Test
    void namesTheTablesAndTheNarrativeThatChanged() {
        assertThat(ChangeSummary.changedParts(V1, V2)).containsExactly("表一", "表二", "说明");
        assertThat(ChangeSummary.changedParts(V1, V1)).isEmpty();
    }

    @Test
    void namesEveryChangedFigureWithItsRowAndColumn() {
        assertThat(ChangeSummary.changedFigures(V1, V2, 50)).containsExactly(
                "表一 一、本年收入 · 预算数：10.00 → 12.00",
                "表一 一、本年支出 · 合计：10.00 → 12.00",
                "表一 一、本年支出 · 一般公共预算：10.00 → 12.00",
                "表二 合计 · 总计：10.00 → 12.00",
                "表二 合计 · 基本支出：10.00 → 11.00",
                "表二 合计 · 项目支出：（空） → 1.00",
                "表二 201 一般公共服务支出 · 总计：10.00 → 12.00",
                "表二 201 一般公共服务支出 · 基本支出：10.00 → 11.00",
                "表二 201 一般公共服务支出 · 项目支出：（空） → 1.00",
                "表二 新增 210 卫生健康支出",
                "表二 删去 208 社会保障和就业支出");
        assertThat(ChangeSummary.changedFigures(V1, V2, 2)).hasSize(3).last().isEqualTo("等另外 9 处");
    }
}
