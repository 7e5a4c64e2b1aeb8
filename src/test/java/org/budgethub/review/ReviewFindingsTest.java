package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.budgethub.model.Finding;

class ReviewFindingsTest {

    private static final String JSON = """
            {"tables": [{"no": "表一"}, {"no": "表二"}, {"no": "表三"}],
             "findings": [
               {"severity": "INFO", "message": "表三 尾差", "location": "表三 合计"},
               {"severity": "WARN", "message": "表二 合计 为 1.00 万元，不等于其组成部分之和", "location": "表二 合计"},
               {"severity": "WARN", "message": "说明撰写内容中的职能职责（duties）为空", "location": "说明 一（一）职能职责"},
               {"severity": "FATAL", "message": "指标账 9 的金额超过两位小数", "location": "bgt_ledger"}]}""";

    @Test
    void eachWarningSaysWhatAndPointsAtItsTableTheWordsOrTheAgencyPage() {
        List<ReviewFindings.Item> items = ReviewFindings.warnings(JSON);
        assertThat(items).extracting(ReviewFindings.Item::severity)
                .containsExactly(Finding.Severity.FATAL, Finding.Severity.WARN, Finding.Severity.WARN);
        assertThat(items.get(0)).extracting(ReviewFindings.Item::target, ReviewFindings.Item::place)
                .containsExactly(ReviewFindings.Target.AGENCY, "校验结果");
        assertThat(items.get(1)).extracting(ReviewFindings.Item::message, ReviewFindings.Item::anchor, ReviewFindings.Item::place)
                .containsExactly("表二 合计 为 1.00 万元，不等于其组成部分之和", "t2", "表二");
        assertThat(items.get(2)).extracting(ReviewFindings.Item::target, ReviewFindings.Item::anchor, ReviewFindings.Item::place)
                .containsExactly(ReviewFindings.Target.PAGE, null, "说明");
        assertThat(ReviewFindings.warnings("not json")).isEmpty();
        assertThat(ReviewFindings.warnings(null)).isEmpty();
    }

    @Test
    void onlyAUnitWithoutWarningsThatThisReviewerOpenedIsClean() {
        ReviewQueue.Entry looked = entry("101001", false, 0, Instant.now());
        assertThat(looked.notClean()).isNull();
        assertThat(entry("101023", false, 1, Instant.now()).notClean()).isEqualTo("有 1 条警告，须逐个审核");
        assertThat(entry("101031", false, 0, null).notClean()).isEqualTo("您尚未打开它的预览或变化");
        assertThat(entry("101", true, 0, Instant.now()).notClean()).isEqualTo("是部门预算，须单独批准");
    }

    @Test
    void theFiltersCombine() {
        ReviewQueue.Entry warned = entry("101023", false, 2, null);
        ReviewQueue.Entry clean = entry("101001", false, 0, null);
        ReviewQueue.Filter warnings = new ReviewQueue.Filter(true, null, " 101 ", false, null);
        assertThat(warnings.test(warned)).isTrue();
        assertThat(warnings.test(clean)).isFalse();
        assertThat(new ReviewQueue.Filter(null, true, null, false, null).test(clean)).as("a first publication is no correction").isFalse();
        assertThat(new ReviewQueue.Filter(null, false, null, false, "教育").test(clean)).isFalse();
        assertThat(new ReviewQueue.Filter(null, false, null, false, "1001").test(clean)).isTrue();
        assertThat(new ReviewQueue.Filter(null, null, "102", false, null).test(clean)).isFalse();
        assertThat(new ReviewQueue.Filter(null, null, null, true, null).test(clean)).as("no standing: not late").isFalse();
        assertThat(ReviewQueue.Filter.NONE.any()).isFalse();
    }

    private static ReviewQueue.Entry entry(String code, boolean department, int warn, Instant looked) {
        return new ReviewQueue.Entry(1, code, "单位 " + code, department, 1, Instant.now(), "schedule", null, 0, warn, 0, looked,
                department ? code : "101", "部门 101", null);
    }
}
