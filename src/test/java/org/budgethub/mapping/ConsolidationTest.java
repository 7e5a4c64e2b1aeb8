package org.budgethub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.budgethub.support.Printed.rows;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.DataError;
import org.budgethub.model.Indicator;
import org.budgethub.model.PerformanceTable;
import org.budgethub.model.Project;
import org.budgethub.model.Vehicles;
import org.budgethub.support.Fixtures;

/** A department (CONTRACT.md §6) from hand-made units, without a database, Camel or Spring. */
class ConsolidationTest {

    /** 本级 900001 and a subordinate 900002 of department 900: each 12,345 yuan of fund 11 basic money. */
    private static AgencyExtract head() {
        return new Fixtures().agency("900001", "测试局", "测试局主管").basic("2010301", "30101", "12345.00")
                .procurement("G-01", "电脑", "A", "11", "6000.00")
                .procurement("G-01", "电脑", "A", "12", "4000.00")
                .vehicles(new Vehicles(2, 1, 1, 0))
                .add(Fixtures.YEAR, "2010301", "30201", "11", "P", "N", "P-HEAD", "20000.00")
                .project(new Project("P-HEAD", "本级项目", "概况", "依据", "目标",
                        List.of(new Indicator(1, "指标", 100, "项", "≥", "1")), "900001"))
                .extract();
    }

    private static AgencyExtract subordinate() {
        return new Fixtures().agency("900002", "测试中心", "测试中心主管").basic("2010301", "30101", "12345.00")
                .procurement("G-01", "另一电脑", "A", "11", "3000.00")
                .vehicles(new Vehicles(0, 4, 0, 2))
                .add(Fixtures.YEAR, "2010301", "30201", "11", "P", "N", "P-SUB", "30000.00")
                .project(new Project("P-SUB", "中心项目", "概况", "依据", "目标",
                        List.of(new Indicator(1, "指标", 100, "项", "≥", "1")), "900002"))
                .extract();
    }

    @Test
    void aDepartmentIsItsUnitsTogetherNamedAfterItsHead() {
        AgencyExtract department = Consolidation.of("900", Fixtures.YEAR, List.of(subordinate(), head()));

        assertThat(department.agency().code()).isEqualTo("900");
        assertThat(department.agency().name()).isEqualTo("测试局");
        assertThat(department.units()).extracting(a -> a.code()).containsExactly("900001", "900002");
        assertThat(department.appropriations()).hasSize(4);
        assertThat(department.vehicles()).isEqualTo(new Vehicles(2, 5, 1, 2));
    }

    @Test
    void itsTablesSumTheLinesInYuanAndRoundOnceNeverSummingRoundedUnitFigures() {
        AgencyExtract department = Consolidation.of("900", Fixtures.YEAR, List.of(head(), subordinate()));

        // Each unit prints 1.23 万元 of basic money (12,345 yuan); together 24,690 yuan print 2.47, not 2.46.
        assertThat(rows(new DisclosureTables(head()).generalPublicBasicExpenditure()).get(0)).containsExactly("合计", "", "1.23", "1.23", "");
        assertThat(rows(new DisclosureTables(department).generalPublicBasicExpenditure()).get(0))
                .containsExactly("合计", "", "2.47", "2.47", "");
    }

    @Test
    void table9HasARowPerUnitAndItemInUnitThenItemOrderUnderItsOwnCode() {
        AgencyExtract department = Consolidation.of("900", Fixtures.YEAR, List.of(subordinate(), head()));

        assertThat(rows(new DisclosureTables(department).procurement())).containsExactly(
                List.of("合计", "", "1.30", "0.90", "0.40", "", "", "", "", "", "", ""),
                List.of("G-01", "电脑", "1.00", "0.60", "0.40", "", "", "", "", "", "", ""),
                List.of("G-01", "另一电脑", "0.30", "0.30", "", "", "", "", "", "", "", ""));
    }

    @Test
    void eachPerformanceTableKeepsItsOwnUnitsSupervisor() {
        AgencyExtract department = Consolidation.of("900", Fixtures.YEAR, List.of(subordinate(), head()));

        List<PerformanceTable> tables = new DisclosureTables(department).performanceTables(10);
        assertThat(tables).extracting(PerformanceTable::projectCode).containsExactly("P-HEAD", "P-SUB");
        assertThat(tables).extracting(PerformanceTable::supervisor).containsExactly("测试局主管", "测试中心主管");
        assertThat(tables).extracting(PerformanceTable::no).containsExactly("表十", "表十一");
    }

    @Test
    void aDepartmentWithoutItsHeadCannotBeDisclosed() {
        assertThatThrownBy(() -> Consolidation.of("900", Fixtures.YEAR, List.of(subordinate())))
                .isInstanceOf(DataError.class).hasMessageContaining("900001").hasMessageContaining("本级");
    }

    @Test
    void theAdminCostCoversOnlyTheUnitsInsideItsStatistics() {
        AgencyExtract inScope = new Fixtures().agency("900001", "测试局", "主管").inAdminCostScope()
                .basic("2010301", "30201", "10000.00").extract();
        AgencyExtract outside = new Fixtures().agency("900002", "测试中心", "主管")
                .basic("2010301", "30201", "70000.00").extract();
        AgencyExtract department = Consolidation.of("900", Fixtures.YEAR, List.of(inScope, outside));

        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> admin = (java.util.Map<String, Object>) new NarrativeFigures(department).asMap().get("adminCost");
        assertThat(admin.get("inScope")).isEqualTo(true);
        assertThat(admin.get("amount")).isEqualTo("1");
        assertThat(admin.get("units")).isEqualTo(List.of("测试局"));
    }
}
