package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.narrative.NarrativeLibrary;
import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;

/**
 * {@code generate} on a real PostgreSQL: 30 agencies shaped like real ones (departments with a 本级
 * and subordinate units, 20–60 appropriations a year, both years, projects with indicators, fund 12,
 * carry-over, procurement, vehicles), the same rows for the same seed, narratives the hub reads, and
 * an export of all of them (with their departments) that holds nothing back.
 */
class GenerateCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static FinanceDatabase db;
    private static JdbcTemplate sql;
    private static Path narratives;
    private static Generated first;

    record Generated(int exitCode, String out, String err) {
    }

    static Generated generate(FinanceDatabase db, String... more) {
        List<String> args = new ArrayList<>(List.of("--finance-url=" + db.jdbcUrl(), "--finance-user=postgres", "--finance-password=postgres"));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GenerateCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Generated(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void generateThirty() {
        db = FinanceDatabase.empty();
        sql = new JdbcTemplate(db.dataSource());
        narratives = shared.resolve("narratives");
        first = generate(db, "--agencies=30", "--seed=7", "--narratives=" + narratives);
    }

    @Test
    void createsTheSchemaAndSaysWhatItMade() {
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("已按 demo/schema.sql 建表").contains("写入方式 COPY").contains("完成：30 个单位");
        assertThat(sql.queryForObject("SELECT COUNT(DISTINCT agency_code) FROM bas_agency WHERE fiscal_year = 2026", Integer.class)).isEqualTo(30);
    }

    @Test
    void departmentsHaveABenjiAndTwoToFifteenUnits() {
        List<Map<String, Object>> departments = sql.queryForList("SELECT parent_agency_code AS d, COUNT(*) AS n, "
                + "SUM(CASE WHEN agency_code = parent_agency_code || '001' THEN 1 ELSE 0 END) AS benji "
                + "FROM bas_agency WHERE fiscal_year = 2026 GROUP BY parent_agency_code");
        assertThat(departments).hasSizeGreaterThanOrEqualTo(2);
        for (Map<String, Object> d : departments) {
            assertThat(d.get("d").toString()).matches("\\d{3}");
            assertThat(((Number) d.get("n")).intValue()).as("units of %s", d.get("d")).isBetween(3, 16);
            assertThat(((Number) d.get("benji")).intValue()).as("本级 of %s", d.get("d")).isEqualTo(1);
        }
        List<String> codes = sql.queryForList("SELECT agency_code FROM bas_agency WHERE fiscal_year = 2026 "
                + "AND agency_code NOT LIKE parent_agency_code || '%'", String.class);
        assertThat(codes).as("a unit's code begins with its department's").isEmpty();
        assertThat(sql.queryForList("SELECT agency_code FROM bas_agency WHERE fiscal_year = 2026", String.class))
                .allMatch(c -> c.matches("\\d{6}"));
        // 本级 are administrative units; every year lists the same units.
        assertThat(sql.queryForList("SELECT DISTINCT agency_kind FROM bas_agency WHERE agency_code LIKE '%001'", String.class))
                .containsExactly("1");
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bas_agency WHERE fiscal_year = 2025", Integer.class)).isEqualTo(30);
    }

    @Test
    void everyAgencyHasTwentyToSixtyAppropriationsInBothYearsWithOneToFourEntries() {
        List<Map<String, Object>> perYear = sql.queryForList("SELECT agency_code, fiscal_year, COUNT(*) AS n FROM bgt_appropriation "
                + "GROUP BY agency_code, fiscal_year");
        assertThat(perYear).hasSize(60);
        assertThat(perYear).allSatisfy(r -> assertThat(((Number) r.get("n")).intValue()).as("%s", r).isBetween(20, 60));
        List<Integer> entries = sql.queryForList("SELECT COUNT(l.entry_id) FROM bgt_appropriation a LEFT JOIN bgt_ledger l "
                + "ON l.bgt_id = a.bgt_id GROUP BY a.bgt_id", Integer.class);
        assertThat(entries).allSatisfy(n -> assertThat(n).isBetween(1, 4));
        // The traps of a real extract are there: split issues, corrections, ADJUST entries, a soft delete.
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_ledger WHERE amount < 0", Integer.class)).isPositive();
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_ledger WHERE stage = 'ADJUST'", Integer.class)).isPositive();
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_appropriation WHERE is_deleted", Integer.class)).isPositive();
        // Every appropriation counts a positive amount, in yuan with exactly two decimals.
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM (SELECT a.bgt_id FROM bgt_appropriation a JOIN bgt_ledger l ON l.bgt_id = a.bgt_id "
                + "AND l.stage = 'INITIAL' GROUP BY a.bgt_id HAVING SUM(l.amount) <= 0) x", Integer.class)).isZero();
        assertThat(sql.queryForList("SELECT amount FROM bgt_ledger", BigDecimal.class)).allMatch(a -> a.scale() == 2);
    }

    @Test
    void projectsIndicatorsFundsCarryOverProcurementAndVehicles() {
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_project WHERE fiscal_year = 2026", Integer.class)).isGreaterThanOrEqualTo(30);
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_perf_indicator WHERE fiscal_year = 2026", Integer.class)).isPositive();
        // Every unit has a project with indicators in the budget year.
        assertThat(sql.queryForObject("SELECT COUNT(DISTINCT p.agency_code) FROM bgt_project p JOIN bgt_perf_indicator i "
                + "ON i.fiscal_year = p.fiscal_year AND i.pro_code = p.pro_code WHERE p.fiscal_year = 2026", Integer.class)).isEqualTo(30);
        // Project money of a year always has its project record.
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_appropriation a WHERE a.exp_kind = 'P' AND NOT EXISTS "
                + "(SELECT 1 FROM bgt_project p WHERE p.fiscal_year = a.fiscal_year AND p.pro_code = a.pro_code)", Integer.class)).isZero();
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_appropriation WHERE fund_type_code = '12'", Integer.class)).isPositive();
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_appropriation WHERE source = 'C'", Integer.class)).isPositive();
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_procurement", Integer.class)).isPositive();
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM ast_vehicle", Integer.class)).isPositive();
        // Every code is in that year's element tables, 类 and 款 included.
        for (int len : new int[] {3, 5, 7}) {
            assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_appropriation a WHERE NOT EXISTS (SELECT 1 FROM ele_exp_func e "
                    + "WHERE e.fiscal_year = a.fiscal_year AND e.code = SUBSTRING(a.exp_func_code, 1, " + len + "))", Integer.class)).isZero();
        }
        for (int len : new int[] {3, 5}) {
            assertThat(sql.queryForObject("SELECT COUNT(*) FROM bgt_appropriation a WHERE NOT EXISTS (SELECT 1 FROM ele_dep_bgt_eco e "
                    + "WHERE e.fiscal_year = a.fiscal_year AND e.code = SUBSTRING(a.dep_bgt_eco_code, 1, " + len + "))", Integer.class)).isZero();
        }
    }

    @Test
    void theSameSeedMakesTheSameRowsAndAnotherSeedOthers() {
        FinanceDatabase again = FinanceDatabase.empty();
        FinanceDatabase other = FinanceDatabase.empty();
        assertThat(generate(again, "--agencies=30", "--seed=7").exitCode()).isZero();
        assertThat(generate(other, "--agencies=30", "--seed=8").exitCode()).isZero();
        assertThat(digest(again)).isEqualTo(digest(db));
        assertThat(digest(other)).isNotEqualTo(digest(db));
    }

    private static List<String> digest(FinanceDatabase d) {
        JdbcTemplate t = new JdbcTemplate(d.dataSource());
        return List.of(
                t.queryForObject("SELECT md5(string_agg(fiscal_year || agency_code || agency_name || parent_agency_code || agency_kind, ',' "
                        + "ORDER BY fiscal_year, agency_code)) FROM bas_agency", String.class),
                t.queryForObject("SELECT md5(string_agg(bgt_id || exp_func_code || dep_bgt_eco_code || fund_type_code || exp_kind || source "
                        + "|| COALESCE(pro_code, '') || is_deleted, ',' ORDER BY bgt_id)) FROM bgt_appropriation", String.class),
                t.queryForObject("SELECT md5(string_agg(entry_id || stage || amount, ',' ORDER BY entry_id)) FROM bgt_ledger", String.class),
                t.queryForObject("SELECT md5(string_agg(pro_code || seq || name || target, ',' ORDER BY fiscal_year, pro_code, seq)) "
                        + "FROM bgt_perf_indicator", String.class));
    }

    @Test
    void refusesADatabaseWithAgenciesUnlessAppending() {
        FinanceDatabase d = FinanceDatabase.create("demo/seed-unit.sql");
        Generated refused = generate(d, "--agencies=5");
        assertThat(refused.exitCode()).isEqualTo(GenerateCommand.FAILED);
        assertThat(refused.err()).contains("生成被拒绝").contains("已有 1 个单位").contains("--append");
        Generated appended = generate(d, "--agencies=5", "--append");
        assertThat(appended.exitCode()).as(appended.out() + appended.err()).isZero();
        JdbcTemplate t = new JdbcTemplate(d.dataSource());
        assertThat(t.queryForObject("SELECT COUNT(DISTINCT agency_code) FROM bas_agency", Integer.class)).isEqualTo(6);
        // The seed unit's department 101 is not reused; the element rows it brought stay single.
        assertThat(t.queryForObject("SELECT COUNT(*) FROM bas_agency WHERE parent_agency_code = '101'", Integer.class)).isEqualTo(2);
        assertThat(t.queryForObject("SELECT COUNT(*) FROM ele_exp_func WHERE fiscal_year = 2026 AND code = '201'", Integer.class)).isOne();
    }

    @Test
    void writesANarrativeTheHubReadsForEveryUnitAndDepartment() throws Exception {
        NarrativeLibrary library = NarrativeLibrary.scan(narratives);
        assertThat(library.problems()).isEmpty();
        List<String> units = sql.queryForList("SELECT agency_code FROM bas_agency WHERE fiscal_year = 2026", String.class);
        List<String> departments = sql.queryForList("SELECT DISTINCT parent_agency_code FROM bas_agency WHERE fiscal_year = 2026", String.class);
        assertThat(library.size()).isEqualTo(units.size() + departments.size());
        for (String code : units) {
            assertThat(library.find(code, 2026)).as(code).isPresent();
        }
        String text = Files.readString(narratives.resolve(units.get(0) + "-2026.yaml"));
        assertThat(text).contains("agency: \"" + units.get(0) + "\"").contains("year: 2026").contains("duties: |").contains("contact:");
    }

    @Test
    void everyGeneratedAgencyAndDepartmentExportsWithoutAFatalFinding() throws Exception {
        Path out = shared.resolve("out");
        List<String> args = new ArrayList<>(List.of(ExportRun.args(db, 2026, null, narratives, out)));
        args.add("--departments");
        ExportRun run = ExportRun.of(args.toArray(String[]::new));
        int departments = sql.queryForObject("SELECT COUNT(DISTINCT parent_agency_code) FROM bas_agency WHERE fiscal_year = 2026", Integer.class);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("新版本 " + (30 + departments) + " 个，未变化 0 个，未通过校验 0 个，失败 0 个");
        List<Path> packages;
        try (Stream<Path> files = Files.list(out.resolve("2026"))) {
            packages = files.filter(Files::isDirectory).toList();
        }
        assertThat(packages).hasSize(30 + departments);
        for (Path p : packages) {
            JsonNode json = JSON.readTree(p.resolve("disclosure.json").toFile());
            for (JsonNode f : json.path("findings")) {
                assertThat(f.path("severity").asText()).as(p + ": " + f).isNotEqualTo("FATAL");
            }
            assertThat(json.path("tables").size()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> GenerateCommand.parse(new String[] {"--agencies=3"})).hasMessageContaining("缺少必填选项 --finance-url");
        assertThatThrownBy(() -> GenerateCommand.parse(new String[] {"--finance-url=x"})).hasMessageContaining("缺少必填选项 --agencies");
        assertThatThrownBy(() -> GenerateCommand.parse(new String[] {"--finance-url=x", "--agencies=many"})).hasMessageContaining("--agencies");
        assertThatThrownBy(() -> GenerateCommand.parse(new String[] {"--finance-url=x", "--agencies=3", "--years=2026,next"}))
                .hasMessageContaining("--years");
        assertThatThrownBy(() -> GenerateCommand.parse(new String[] {"--finance-url=x", "--agencies=3", "--sed=1"}))
                .hasMessageContaining("未知选项 --sed");
        var a = GenerateCommand.parse(new String[] {"--finance-url=x", "--agencies=3"});
        assertThat(a.years()).containsExactly(2025, 2026);
        assertThat(a.seed()).isEqualTo(42);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(GenerateCommand.run(new String[] {"--agencies=3"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(GenerateCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("用法：");
    }
}
