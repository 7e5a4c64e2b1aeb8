package org.budgethub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgethub.support.Printed.rows;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.budgethub.model.Appropriation;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.Indicator;
import org.budgethub.model.LedgerEntry;
import org.budgethub.model.PerformanceTable;
import org.budgethub.model.Project;
import org.budgethub.support.Fixtures;

class DisclosureTablesTest {

    /** Funds 11 (N and C), 12 and 21, basic and project, plus what must not count. */
    private static Fixtures mixed() {
        return new Fixtures()
                .basic("2010301", "30101", "100000")
                .basic("2080505", "30108", "50000")
                .add(2026, "2010301", "30201", "11", "P", "N", "P1", "150000", "50000")
                .add(2026, "2120803", "30201", "12", "P", "N", "P2", "300000")
                .add(2026, "2010301", "30101", "11", "B", "C", null, "10000")
                .add(2026, "2010301", "30201", "21", "B", "N", null, "40000")
                .add(2025, "2010301", "30101", "11", "B", "N", null, "80000")
                .appropriation(new Appropriation("DELETED", 2026, "900001", "2010301", "30101", "11", "B", "N", null, true,
                        List.of(new LedgerEntry("DELETED-1", "INITIAL", new BigDecimal("990000")))))
                .appropriation(new Appropriation("ADJUSTED", 2026, "900001", "2080505", "30108", "11", "B", "N", null, false,
                        List.of(new LedgerEntry("ADJUSTED-1", "ADJUST", new BigDecimal("770000")))));
    }

    @Test
    void table1SplitsNewMoneyAndCarryOverOfFunds11To13() {
        var t = new DisclosureTables(mixed().extract()).fiscalAppropriationSummary();
        assertThat(rows(t)).containsExactly(
                List.of("一、本年收入", "65.00", "一、本年支出", "66.00", "36.00", "30.00", ""),
                List.of("一般公共预算资金", "35.00", "一般公共服务支出", "31.00", "31.00", "", ""),
                List.of("政府性基金预算资金", "30.00", "社会保障和就业支出", "5.00", "5.00", "", ""),
                List.of("国有资本经营预算资金", "", "城乡社区支出", "30.00", "", "30.00", ""),
                List.of("二、上年结转", "1.00", "二、结转下年", "", "", "", ""),
                List.of("一般公共预算拨款", "1.00", "", "", "", "", ""),
                List.of("政府性基金预算拨款", "", "", "", "", "", ""),
                List.of("国有资本经营收入", "", "", "", "", "", ""),
                List.of("收入合计", "66.00", "支出合计", "66.00", "36.00", "30.00", ""));
        assertThat(t.note()).isNull();
    }

    @Test
    void table1PadsTheIncomeSideWhenThereAreMoreClasses() {
        var t = new DisclosureTables(new Fixtures()
                .basic("2010301", "30101", "10000")
                .basic("2080505", "30108", "10000")
                .add(2026, "2120803", "30201", "11", "P", "N", "P1", "10000")
                .functionalName("210", "卫生健康支出").functionalName("21011", "行政事业单位医疗").functionalName("2101101", "行政单位医疗")
                .basic("2101101", "30101", "10000")
                .extract()).fiscalAppropriationSummary();
        assertThat(rows(t).get(4)).containsExactly("", "", "城乡社区支出", "1.00", "1.00", "", "");
        assertThat(rows(t).get(5).get(0)).isEqualTo("二、上年结转");
    }

    @Test
    void table2ListsEveryClassSectionAndItemOfFund11InCodeOrder() {
        var t = new DisclosureTables(mixed().extract()).generalPublicExpenditure();
        assertThat(rows(t)).containsExactly(
                List.of("合计", "", "36.00", "16.00", "20.00"),
                List.of("201", "一般公共服务支出", "31.00", "11.00", "20.00"),
                List.of("20103", "政府办公厅（室）及相关机构事务", "31.00", "11.00", "20.00"),
                List.of("2010301", "行政运行", "31.00", "11.00", "20.00"),
                List.of("208", "社会保障和就业支出", "5.00", "5.00", ""),
                List.of("20805", "行政事业单位养老支出", "5.00", "5.00", ""),
                List.of("2080505", "机关事业单位基本养老保险缴费支出", "5.00", "5.00", ""));
        assertThat(t.note()).isEqualTo("备注：本表反映当年一般公共预算财政拨款支出情况。");
    }

    @Test
    void table3SplitsPersonnelFromPublicUseAndKeepsTheRoundingRemainder() {
        var t = new DisclosureTables(new Fixtures()
                .basic("2010350", "30101", "4823249.50")
                .basic("2010350", "30201", "1055549.50")
                .basic("2010350", "30302", "10000")
                .add(2026, "2010350", "30201", "11", "P", "N", "P1", "500000")
                .extract()).generalPublicBasicExpenditure();
        assertThat(rows(t)).containsExactly(
                List.of("合计", "", "588.88", "483.32", "105.55"),
                List.of("301", "工资福利支出", "482.32", "482.32", ""),
                List.of("30101", "基本工资", "482.32", "482.32", ""),
                List.of("302", "商品和服务支出", "105.55", "", "105.55"),
                List.of("30201", "办公费", "105.55", "", "105.55"),
                List.of("303", "对个人和家庭的补助", "1.00", "1.00", ""),
                List.of("30302", "退休费", "1.00", "1.00", ""));
    }

    @Test
    void roundedPartsNeedNotAddUpToTheRoundedTotal() {
        var t = new DisclosureTables(new Fixtures()
                .basic("2010350", "30101", "4823249.50")
                .basic("2010350", "30201", "1055549.50")
                .extract()).generalPublicBasicExpenditure();
        // 482.32 + 105.55 = 587.87 when added rounded; the exact total rounds to 587.88.
        assertThat(rows(t).get(0)).containsExactly("合计", "", "587.88", "482.32", "105.55");
    }

    @Test
    void table4SumsTheSangongItemsOfFund11BasicAndProject() {
        var t = new DisclosureTables(new Fixtures()
                .basic("2010301", "30212", "10000")
                .basic("2010301", "30217", "10000")
                .basic("2010301", "30231", "50000")
                .add(2026, "2010301", "31013", "11", "P", "N", "P1", "200000")
                .add(2026, "2010301", "30217", "12", "B", "N", null, "10000")
                .extract()).sangong();
        assertThat(rows(t)).containsExactly(List.of("27.00", "1.00", "25.00", "20.00", "5.00", "1.00"));
    }

    @Test
    void table5IsFund12OrANoteThatThereIsNone() {
        var withFund = new DisclosureTables(mixed().extract()).governmentFundExpenditure();
        assertThat(rows(withFund)).containsExactly(
                List.of("合计", "", "30.00", "", "30.00"),
                List.of("212", "城乡社区支出", "30.00", "", "30.00"),
                List.of("21208", "国有土地使用权出让收入安排的支出", "30.00", "", "30.00"),
                List.of("2120803", "城市建设支出", "30.00", "", "30.00"));
        assertThat(withFund.note()).isNull();

        var none = new DisclosureTables(new Fixtures().basic("2010301", "30101", "10000").extract()).governmentFundExpenditure();
        assertThat(rows(none)).containsExactly(List.of("合计", "", "", "", ""));
        assertThat(none.note()).isEqualTo("（备注：本单位无政府性基金收支，故此表无数据。）");
    }

    @Test
    void table6ListsAllNineFundsAgainstTheClasses() {
        var t = new DisclosureTables(mixed().extract()).incomeExpenditureSummary();
        assertThat(rows(t)).containsExactly(
                List.of("合计", "70.00", "合计", "70.00"),
                List.of("一般公共预算资金", "36.00", "一般公共服务支出", "35.00"),
                List.of("政府性基金预算资金", "30.00", "社会保障和就业支出", "5.00"),
                List.of("国有资本经营预算资金", "", "城乡社区支出", "30.00"),
                List.of("财政专户管理资金", "4.00", "", ""),
                List.of("事业收入资金", "", "", ""),
                List.of("上级补助收入资金", "", "", ""),
                List.of("附属单位上缴收入资金", "", "", ""),
                List.of("事业单位经营收入资金", "", "", ""),
                List.of("其他收入资金", "", "", ""));
    }

    @Test
    void table7HasTheNineFundColumnsInContractOrder() {
        var t = new DisclosureTables(new Fixtures()
                .add(2026, "2010301", "30101", "39", "B", "N", null, "10000")
                .add(2026, "2010301", "30101", "32", "B", "N", null, "20000")
                .add(2026, "2010301", "30101", "33", "B", "N", null, "30000")
                .extract()).incomeSummary();
        assertThat(rows(t).get(0)).containsExactly("合计", "", "6.00", "", "", "", "", "", "3.00", "", "2.00", "1.00");
        assertThat(rows(t)).hasSize(4);
    }

    @Test
    void table8CoversAllFunds() {
        var t = new DisclosureTables(mixed().extract()).expenditureSummary();
        assertThat(rows(t).get(0)).containsExactly("合计", "", "70.00", "20.00", "50.00");
        assertThat(rows(t).get(1)).containsExactly("201", "一般公共服务支出", "35.00", "15.00", "20.00");
    }

    @Test
    void table9HasOneRowPerItemInItemCodeOrder() {
        var t = new DisclosureTables(new Fixtures()
                .procurement("002", "道路维修", "B", "11", "100000")
                .procurement("001", "办公设备", "A", "12", "50000")
                .procurement("001", "办公设备", "A", "11", "50000")
                .extract()).procurement();
        assertThat(rows(t)).containsExactly(
                List.of("合计", "", "20.00", "15.00", "5.00", "", "", "", "", "", "", ""),
                List.of("001", "办公设备", "10.00", "5.00", "5.00", "", "", "", "", "", "", ""),
                List.of("002", "道路维修", "10.00", "10.00", "", "", "", "", "", "", "", ""));
        assertThat(t.note()).isNull();

        var none = new DisclosureTables(new Fixtures().extract()).procurement();
        assertThat(rows(none)).containsExactly(List.of("合计", "", "", "", "", "", "", "", "", "", "", ""));
        assertThat(none.note()).isEqualTo("（备注：本单位无政府采购收支，故此表无数据。）");
    }

    @Test
    void performanceTablesFollowTheNineTablesForProjectsWithIndicatorsAndMoney() {
        Indicator days = new Indicator(1, "年稳定运行天数", 30, "天", "≥", "363");
        Indicator quality = new Indicator(2, "系统扩展性", 20, null, "定性", "较好");
        var fixtures = mixed()
                .add(2026, "2010301", "30201", "31", "P", "C", "P1", "30000")
                .project(new Project("P3", "无资金项目", "概况", "依据", "目标", List.of(days)))
                .project(new Project("P2", "无指标项目", "概况", "依据", "目标", List.of()))
                .project(new Project("P1", "有指标项目", "概况", null, "目标", List.of(days, quality)));
        List<DisclosureTable> tables = new DisclosureTables(fixtures.extract()).all();
        assertThat(tables).extracting(DisclosureTable::no)
                .containsExactly("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九", "表十");
        PerformanceTable p = (PerformanceTable) tables.get(9);
        assertThat(p.title()).isEqualTo("2026 年一般性项目绩效目标表");
        assertThat(p.name()).isEqualTo("有指标项目");
        assertThat(p.supervisor()).isEqualTo("测试主管部门");
        assertThat(Money.narrative(p.budgetYuan())).as("all funds and sources").isEqualTo("23");
        assertThat(p.basis()).isEmpty();
        assertThat(p.indicators()).containsExactly(
                List.of("年稳定运行天数", "30", "天", "≥", "363"),
                List.of("系统扩展性", "20", "", "定性", "较好"));
    }
}
