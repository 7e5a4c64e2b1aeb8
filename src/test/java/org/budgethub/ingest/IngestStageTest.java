package org.budgethub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.budgethub.support.ResultRows.row;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Stage;

/** The ingest stage bean on rows shaped as camel-sql hands them over, without Camel or a database. */
class IngestStageTest {

    private static final ElementTables NONE = new ElementTables(2026, Map.of(), Map.of());

    private static AgencyWork work() {
        return new AgencyWork(new DisclosureId(2026, "900001"), NONE, NONE, false);
    }

    @Test
    void theRowsOfEveryQueryBecomeTheAgencysExtract() {
        AgencyWork work = work();
        new IngestStage().read(work,
                List.of(row("fiscal_year", 2026, "agency_code", "900001", "agency_name", "测试单位", "in_admin_cost_scope", true,
                        "supervisor_name", "主管部门")),
                List.of(row("bgt_id", "B1", "fiscal_year", 2026, "agency_code", "900001", "exp_func_code", "2010301",
                        "dep_bgt_eco_code", "30101", "fund_type_code", "11", "exp_kind", "P", "source", "N", "pro_code", "P1",
                        "is_deleted", false, "bgt_rows", 1L, "entry_id", "B1-1", "stage", "INITIAL", "amount", new BigDecimal("1200.00"))),
                List.of(row("pro_code", "P1", "pro_name", "项目一", "perf_goal", "目标")),
                List.of(row("pro_code", "P1", "seq", 1, "name", "指标", "weight", 100, "unit", "天", "nature", "≥", "target", "30")),
                List.of(row("item_code", "G1", "item_name", "电脑", "category", "A", "fund_type_code", "11", "amount", new BigDecimal("5000"))),
                List.of(row("general_held", 2, "enforcement_held", 1, "general_planned", 0, "enforcement_planned", 0)));

        assertThat(work.extract().agency().supervisor()).isEqualTo("主管部门");
        assertThat(work.extract().appropriations()).singleElement().satisfies(a -> assertThat(a.amount()).isEqualByComparingTo("1200"));
        assertThat(work.extract().projects()).singleElement().satisfies(p -> assertThat(p.indicators()).hasSize(1));
        assertThat(work.extract().procurement()).hasSize(1);
        assertThat(work.extract().vehicles().generalHeld()).isEqualTo(2);
    }

    @Test
    void aValueTheColumnCannotHoldIsADataErrorOfTheIngestStage() {
        AgencyWork work = work();
        List<Map<String, Object>> none = List.of();
        assertThatThrownBy(() -> new IngestStage().read(work,
                List.of(row("fiscal_year", "twenty", "agency_code", "900001", "agency_name", "n", "in_admin_cost_scope", true)),
                none, none, none, none, none))
                .isInstanceOfSatisfying(DataError.class, e -> assertThat(e.stage()).isEqualTo(Stage.INGEST))
                .hasMessageContaining("fiscal_year");
        assertThat(work.extract()).isNull();
    }
}
