package org.budgethub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.budgethub.support.ResultRows.row;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.ingest.ExtractBuilder;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeSection;
import org.budgethub.narrative.NarrativeLibrary;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.Fixtures;
import org.budgethub.validation.Validator;

/** The model stage bean: the extract and the run's narratives in, the disclosure out; without Camel. */
class DisclosureBuilderTest {

    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    @TempDir
    Path narratives;

    private static AgencyWork work() {
        AgencyWork work = new AgencyWork(new DisclosureId(2026, "900001"), null, null, false);
        work.setExtract(new Fixtures().basic("2010301", "30101", "100000.00").extract());
        return work;
    }

    @Test
    void buildsTheDisclosureWithTheAgencysAuthoredWords() throws Exception {
        Files.writeString(narratives.resolve("any-name.yaml"), "agency: \"900001\"\nyear: 2026\nduties: 负责测试工作。\n");
        AgencyWork work = work();

        BUILDER.build(work, NarrativeLibrary.scan(narratives));

        assertThat(work.narrative()).isNotNull();
        assertThat(work.disclosure().title()).isEqualTo("测试单位2026 年单位预算情况说明");
        assertThat(work.disclosure().narrative().get(0).paragraphs()).contains("负责测试工作。");
        assertThat(work.disclosure().tables()).hasSize(9);
    }

    @Test
    void withoutANarrativeTheAuthoredPlacesStayEmptyAndValidationDecides() {
        AgencyWork work = work();

        BUILDER.build(work, NarrativeLibrary.scan(narratives));

        assertThat(work.narrative()).isNull();
        NarrativeSection first = work.disclosure().narrative().get(0);
        assertThat(first.paragraphs()).containsExactly("（一）职能职责", "（二）单位构成");
    }

    @Test
    void badFinanceValuesNeverCrashTheModelStageAndValidationHoldsTheAgencyBack() {
        Map<String, String> functional = Map.of("201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务", "2010301", "行政运行");
        Map<String, String> economic = Map.of("301", "工资福利支出", "30101", "基本工资");
        ExtractBuilder builder = new ExtractBuilder("900001", 2026, new ElementTables(2026, functional, economic),
                new ElementTables(2025, functional, economic));
        builder.agencyRows(List.of(row("fiscal_year", 2026, "agency_code", "900001", "agency_name", null, "in_admin_cost_scope", null)));
        List<Map<String, Object>> rows = new ArrayList<>();
        String[][] bad = {{"exp_func_code", null}, {"dep_bgt_eco_code", null}, {"fund_type_code", "99"}, {"exp_kind", null},
                {"source", "Q"}, {"amount", null}, {"amount", "abc"}, {"stage", null}, {"entry_id", null}, {"bgt_id", null},
                {"doc_no", null}};
        for (int i = 0; i < bad.length; i++) {
            Map<String, Object> r = row("bgt_id", "B" + i, "fiscal_year", 2026, "agency_code", "900001", "exp_func_code", "2010301",
                    "dep_bgt_eco_code", "30101", "fund_type_code", "11", "exp_kind", "P", "source", "N", "pro_code", "P1",
                    "is_deleted", false, "entry_id", "B" + i + "-1", "stage", "INITIAL", "amount", new BigDecimal("1E20"));
            r.put(bad[i][0], bad[i][1]);
            rows.add(r);
        }
        builder.appropriationRows(rows.iterator());
        builder.projectRows(List.of(row("pro_code", "P1", "pro_name", null)));
        builder.procurementRows(List.of(row("item_code", null, "category", null, "fund_type_code", null, "amount", null)));
        builder.vehicleRows(List.of(row("general_held", null)));
        AgencyWork work = new AgencyWork(new DisclosureId(2026, "900001"), null, null, false);
        work.setExtract(builder.build());

        BUILDER.build(work, NarrativeLibrary.scan(narratives));

        assertThat(work.disclosure()).isNotNull();
        assertThatThrownBy(() -> new Validator().check(work)).isInstanceOf(DataError.class)
                .satisfies(e -> assertThat(((DataError) e).findings()).extracting(Finding::rule).contains("input.value-missing",
                        "input.amount-invalid", "input.code-malformed", "input.amount-range"))
                .hasMessageNotContaining("Exception");
    }
}
