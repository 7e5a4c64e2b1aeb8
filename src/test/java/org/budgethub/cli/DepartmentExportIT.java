package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import org.budgethub.mapping.Money;
import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.GoldenFile;

/**
 * {@code export --departments} on a real PostgreSQL (CONTRACT.md §6): the demo's department 101
 * (本级 101001, the seed unit 101023 and 101031) and 102, beside departments that must fail: one
 * whose unit has an unknown code, one without a 本级; and one whose unit lacks only its own narrative.
 */
class DepartmentExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FinanceDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadDemoAndBrokenDepartments() {
        db = FinanceDatabase.create("demo/seed-unit.sql", "demo/finance-demo-agencies.sql", "demo/finance-demo-department.sql").sql("""
                INSERT INTO bas_agency VALUES (2026, '900001', '甲局', '900', '1', TRUE, '甲局');
                INSERT INTO bas_agency VALUES (2026, '900003', '甲局下属科目缺失单位', '900', '3', FALSE, '甲局');
                INSERT INTO bas_agency VALUES (2026, '800005', '无本级部门的单位', '800', '3', FALSE, '乙局');
                INSERT INTO bas_agency VALUES (2026, '700001', '丙局', '700', '1', TRUE, '丙局');
                INSERT INTO bas_agency VALUES (2026, '700002', '丙局下属无说明单位', '700', '3', FALSE, '丙局');
                INSERT INTO bgt_appropriation VALUES ('D1', 2026, '900001', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('D1-1', 'D1', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('D3', 2026, '900003', '2999999', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('D3-1', 'D3', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('D5', 2026, '800005', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('D5-1', 'D5', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('D71', 2026, '700001', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('D71-1', 'D71', 'INITIAL', 12345.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('D72', 2026, '700002', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('D72-1', 'D72', 'INITIAL', 12345.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                """);
    }

    private Path narratives() throws Exception {
        Path narratives = Files.createDirectories(dir.resolve("narratives"));
        try (Stream<Path> files = Files.list(Path.of("config/narratives"))) {
            for (Path f : files.toList()) {
                Files.copy(f, narratives.resolve(f.getFileName()));
            }
        }
        for (String agency : List.of("900001", "900003", "900", "800005", "800", "700001", "700")) {
            Files.writeString(narratives.resolve("n-" + agency + ".yaml"), "agency: \"" + agency + "\"\nyear: 2026\nduties: 测试职责。\n");
        }
        return narratives;
    }

    private ExportRun export(Path out, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(ExportRun.args(db, 2026, null, narratives(), out)));
        args.addAll(List.of(more));
        return ExportRun.of(args.toArray(String[]::new));
    }

    private static JsonNode json(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    @Test
    void everyDepartmentBesideEveryUnitWithTheBrokenOnesNamedWithTheirUnit() throws Exception {
        Path out = dir.resolve("out");
        ExportRun run = export(out, "--departments");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out())
                .containsPattern("未通过 900 \\[校验 validate\\] 部门 900 的单位 900003：input.code-unknown: .*2999999")
                .contains("未通过 800 [读取数据 ingest] 部门 800 缺少本级单位 800001")
                .contains("未通过 700002 [校验 validate] input.narrative-missing")
                .contains("导出 700 -> 2026/700/disclosure.json")
                .contains("导出 101 -> 2026/101/disclosure.json")
                .contains("导出 102 -> 2026/102/disclosure.json");
        assertThat(out.resolve("2026/900")).doesNotExist();
        assertThat(out.resolve("2026/800")).doesNotExist();

        JsonNode department = json(out.resolve("2026/101/disclosure.json"));
        assertThat(department.path("kind").asText()).isEqualTo("department");
        assertThat(department.path("agency").path("code").asText()).isEqualTo("101");
        assertThat(department.path("agency").path("name").asText()).isEqualTo("重庆市江北区人民政府办公室");
        assertThat(department.path("title").asText()).isEqualTo("重庆市江北区人民政府办公室2026 年部门预算情况说明");
        assertThat(department.path("units").findValuesAsText("code")).containsExactly("101001", "101023", "101031");
        assertThat(department.path("tables").findValuesAsText("no").subList(0, 9))
                .containsExactly("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九");
        assertThat(department.path("narrative").get(0).path("heading").asText()).isEqualTo("一、部门基本情况");
        try (Stream<Path> files = Files.list(out.resolve("2026/101"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("appropriations.csv",
                    "datapackage.json", "disclosure.html", "disclosure.json", "disclosure.pdf", "disclosure.xlsx", "manifest.json");
        }

        // The seed unit's own package is still the published seed disclosure.
        try (InputStream golden = getClass().getResourceAsStream("/seed/seed-unit-2026.json")) {
            assertThat(GoldenFile.differences(JSON.readTree(golden), json(out.resolve("2026/101023/disclosure.json")))).isEmpty();
        }
        assertThat(json(out.resolve("2026/101023/disclosure.json")).path("kind").asText()).isEqualTo("unit");
    }

    @Test
    void aDepartmentsTotalsAreItsUnitsLinesSummedInYuanAndRoundedOnce() throws Exception {
        Path out = dir.resolve("sums");
        export(out, "--departments");

        for (String[] department : List.of(new String[] {"101", "101001", "101023", "101031"}, new String[] {"700", "700001", "700002"})) {
            BigDecimal all = BigDecimal.ZERO;
            BigDecimal generalPublic = BigDecimal.ZERO;
            for (int i = 1; i < department.length; i++) {
                // A unit's exact yuan amounts: its own package's CSV, or (700002 has none) the department's lines of it.
                Path unitCsv = out.resolve("2026/" + department[i] + "/appropriations.csv");
                Path csv = Files.exists(unitCsv) ? unitCsv : out.resolve("2026/" + department[0] + "/appropriations.csv");
                for (String[] line : lines(csv, department[i])) {
                    all = all.add(new BigDecimal(line[1]));
                    generalPublic = "11".equals(line[0]) ? generalPublic.add(new BigDecimal(line[1])) : generalPublic;
                }
            }
            JsonNode tables = json(out.resolve("2026/" + department[0] + "/disclosure.json")).path("tables");
            assertThat(tables.get(7).path("rows").get(0).get(2).asText()).as(department[0] + " 表八 合计").isEqualTo(Money.cell(all));
            assertThat(tables.get(5).path("rows").get(0).get(1).asText()).as(department[0] + " 表六 合计").isEqualTo(Money.cell(all));
            assertThat(tables.get(1).path("rows").get(0).get(2).asText()).as(department[0] + " 表二 合计").isEqualTo(Money.cell(generalPublic));
        }
        // 700's units print 1.23 万元 each; the department 2.47, from 24,690 yuan.
        assertThat(json(out.resolve("2026/700001/disclosure.json")).path("tables").get(7).path("rows").get(0).get(2).asText()).isEqualTo("1.23");
        assertThat(json(out.resolve("2026/700/disclosure.json")).path("tables").get(7).path("rows").get(0).get(2).asText()).isEqualTo("2.47");
    }

    @Test
    void withTheAgencyOfADepartmentOnlyThatDepartmentIsExported() throws Exception {
        Path out = dir.resolve("one");
        List<String> args = new java.util.ArrayList<>(List.of(ExportRun.args(db, 2026, "101", narratives(), out)));
        args.add("--departments");
        ExportRun run = ExportRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (Stream<Path> folders = Files.list(out.resolve("2026"))) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList()).containsExactly("101");
        }
    }

    @Test
    void withoutTheOptionTheExportIsUnitsOnly() throws Exception {
        Path out = dir.resolve("units");
        FileSystemUtils.deleteRecursively(out);
        export(out);

        assertThat(out.resolve("2026/101023/disclosure.json")).exists();
        assertThat(out.resolve("2026/101")).doesNotExist();
        assertThat(out.resolve("2026/700")).doesNotExist();
    }

    /** The (fund, amount) of each counted appropriation of {@code agency} in an Open Fiscal Data Package's CSV. */
    private static List<String[]> lines(Path csv, String agency) throws Exception {
        List<String> rows = Files.readAllLines(csv);
        List<String> header = List.of(rows.get(0).split(","));
        int agencyColumn = header.indexOf("agency_code");
        int fund = header.indexOf("fund_code");
        int amount = header.indexOf("amount");
        return rows.subList(1, rows.size()).stream().map(r -> r.split(",", -1))
                .filter(r -> r.length == header.size() && r[agencyColumn].equals(agency))
                .map(r -> new String[] {r[fund], r[amount]}).toList();
    }
}
