package org.budgethub.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.support.SeedDisclosure;
import org.budgethub.validation.Validator;

/**
 * The draft of the seed agency (101023, 2026), its expectations computed by SQL over the seed itself,
 * never by the code under test: the seed's own words state 122.38, 904.31 and the project changes.
 */
class NarrativeDrafterIT {

    private static AgencyExtract extract;
    private static NarrativeInput draft;
    private static DataSource seed;

    @BeforeAll
    static void draftTheSeed() {
        extract = SeedDisclosure.extract();
        draft = new NarrativeDrafter().draft(extract, SeedDisclosure.narrative());
        seed = SeedDisclosure.demoDatabase("draft");
        System.out.println("Draft of 101023/2026:");
        draft.reasons().forEach((k, v) -> System.out.println("  reasons." + k + ": " + v));
    }

    /** Narrative format of CONTRACT.md §2, written out here so the test does not lean on Money. */
    private static String wan(BigDecimal yuan) {
        BigDecimal w = yuan.abs().movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
        return w.signum() == 0 ? "0" : w.stripTrailingZeros().toPlainString();
    }

    private static String changeWords(BigDecimal yuan) {
        return (yuan.signum() >= 0 ? "增加 " : "减少 ") + wan(yuan) + " 万元";
    }

    /** Current minus previous counted INITIAL money of 101023 where {@code condition}, in yuan. */
    private static BigDecimal delta(String condition) throws SQLException {
        String sql = "SELECT SUM(CASE WHEN a.fiscal_year = 2026 THEN l.amount ELSE -l.amount END) FROM bgt_appropriation a"
                + " JOIN bgt_ledger l ON l.bgt_id = a.bgt_id AND l.stage = 'INITIAL'"
                + " WHERE a.agency_code = '101023' AND a.is_deleted = FALSE AND a.fiscal_year IN (2025, 2026) AND " + condition;
        try (Connection c = seed.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    @Test
    void incomeAndExpenditureNameTheBasicAndTheProjectChange() throws Exception {
        BigDecimal basic = delta("a.exp_kind = 'B'");
        BigDecimal project = delta("a.exp_kind = 'P'");
        assertThat(changeWords(basic)).isEqualTo("增加 122.38 万元");
        assertThat(changeWords(project)).isEqualTo("减少 904.31 万元");

        String expected = "主要是基本支出预算增加 122.38 万元，项目支出预算减少 904.31 万元";
        assertThat(draft.reasons()).containsEntry("expenditure", expected).containsEntry("income", expected);
    }

    @Test
    void theProjectReasonNamesTheThreeLargestProjectChangesWithTheirAmounts() throws Exception {
        record Row(String code, String name, BigDecimal delta) {
        }
        List<Row> rows = new ArrayList<>();
        String sql = "SELECT a.pro_code, p.pro_name, SUM(CASE WHEN a.fiscal_year = 2026 THEN l.amount ELSE -l.amount END) AS delta"
                + " FROM bgt_appropriation a JOIN bgt_ledger l ON l.bgt_id = a.bgt_id AND l.stage = 'INITIAL'"
                + " LEFT JOIN bgt_project p ON p.fiscal_year = 2026 AND p.pro_code = a.pro_code"
                + " WHERE a.agency_code = '101023' AND a.is_deleted = FALSE AND a.fiscal_year IN (2025, 2026)"
                + " AND a.exp_kind = 'P' AND a.fund_type_code = '11'"
                + " GROUP BY a.pro_code, p.pro_name ORDER BY ABS(SUM(CASE WHEN a.fiscal_year = 2026 THEN l.amount ELSE -l.amount END)) DESC,"
                + " a.pro_code";
        try (Connection c = seed.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)));
            }
        }
        List<Row> changed = rows.stream().filter(r -> r.delta().signum() != 0).toList();
        assertThat(changed).hasSizeGreaterThan(3);
        // The seed's own words: 300, 316 and 109 万元 are the three largest.
        assertThat(changed.subList(0, 3)).extracting(r -> wan(r.delta())).containsExactly("316", "300", "109");

        String expected = "主要是" + String.join("，", changed.subList(0, 3).stream()
                .map(r -> r.name() + "项目" + changeWords(r.delta())).toList()) + "等";
        assertThat(draft.reasons()).containsEntry("project", expected);
        assertThat(expected).isEqualTo("主要是三级治理中心区县增值服务项目减少 316 万元，区级应用与三级中心贯通集成费项目减少 300 万元，"
                + "区政府大楼中心机房基础环境及网络设备维护保养项目减少 109 万元等");
    }

    @Test
    void theBasicReasonNamesPersonnelAndPublicCostsOfFund11() throws Exception {
        BigDecimal personnel = delta("a.exp_kind = 'B' AND a.fund_type_code = '11' AND SUBSTRING(a.dep_bgt_eco_code, 1, 3) IN ('301', '303')");
        BigDecimal publicUse = delta("a.exp_kind = 'B' AND a.fund_type_code = '11' AND SUBSTRING(a.dep_bgt_eco_code, 1, 3) NOT IN ('301', '303')");
        assertThat(draft.reasons()).containsEntry("basic", "主要是人员经费" + changeWords(personnel) + "，日常公用经费" + changeWords(publicUse));
    }

    @Test
    void theEarlierWordsAreCarriedForward() {
        NarrativeInput earlier = SeedDisclosure.narrative();
        assertThat(draft.duties()).isEqualTo(earlier.duties());
        assertThat(draft.composition()).isEqualTo(earlier.composition());
        assertThat(draft.notes()).isEqualTo(earlier.notes());
        assertThat(draft.contactName()).isEqualTo("陈群");
        assertThat(draft.contactPhone()).isEqualTo(earlier.contactPhone());
    }

    @Test
    void theSeedDisclosureBuiltFromTheDraftPassesTheTextFigureRule() {
        var disclosure = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates"))).build(extract, draft);
        List<Finding> findings = new Validator().checkDisclosure(extract, draft, disclosure);
        assertThat(findings).extracting(Finding::rule).doesNotContain("narrative.figure-mismatch");
        assertThat(new Validator().checkInput(extract, draft)).isEmpty();
    }
}
