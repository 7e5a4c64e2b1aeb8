package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;

/**
 * CONTRACT.md §5 failure rules: a broken agency fails with a readable reason and no package, the
 * others are exported all the same, and the exit status is non-zero.
 */
class FailureRulesTest {

    private static FinanceDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSeedAndBrokenAgencies() {
        db = FinanceDatabase.create("demo/seed-unit.sql").sql("""
                INSERT INTO bas_agency VALUES (2026, '900001', '正常单位', '900', '1', TRUE, '主管');
                INSERT INTO bas_agency VALUES (2026, '900002', '无说明单位', '900', '1', TRUE, '主管');
                INSERT INTO bas_agency VALUES (2026, '900003', '科目缺失单位', '900', '3', FALSE, '主管');
                INSERT INTO bas_agency VALUES (2026, '900004', '上年科目缺失单位', '900', '3', FALSE, '主管');
                INSERT INTO bgt_appropriation VALUES ('F1', 2026, '900001', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('F1-1', 'F1', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('F2', 2026, '900002', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('F2-1', 'F2', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('F3', 2026, '900003', '2999999', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('F3-1', 'F3', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('F4', 2025, '900004', '2010301', '39901', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2024-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('F4-1', 'F4', 'INITIAL', 100000.00, NULL, DATE '2024-12-20', TIMESTAMP '2024-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('ORPHAN-1', 'NO-SUCH-BGT', 'INITIAL', 5000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                """);
    }

    private Path narratives() throws Exception {
        Path narratives = Files.createDirectories(dir.resolve("narratives"));
        try (InputStream in = getClass().getResourceAsStream("/seed/101023-2026.yaml")) {
            Files.copy(in, narratives.resolve("101023.yaml"));
        }
        for (String agency : new String[] {"900001", "900003", "900004"}) {
            Files.writeString(narratives.resolve(agency + ".yaml"), "agency: \"" + agency + "\"\nyear: 2026\nduties: 测试\n");
        }
        return narratives;
    }

    @Test
    void brokenAgenciesFailWithReasonsWhileTheOthersExport() throws Exception {
        Path out = dir.resolve("out");
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, null, narratives(), out));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out())
                .contains("2 exported, 3 failed")
                .containsPattern("FAILED 900002 \\[narrative\\] no narrative for agency 900002, year 2026")
                .containsPattern("FAILED 900003 \\[model\\] .*2026 功能分类 2999999 \\(F3\\)")
                .containsPattern("FAILED 900004 \\[model\\] .*2025 经济分类 399 \\(F4\\)")
                .containsPattern("WARNING 1 ledger entry has no appropriation .*ORPHAN-1");
        assertThat(out.resolve("2026/101023/disclosure.json")).exists();
        assertThat(out.resolve("2026/900001/disclosure.json")).exists();
        assertThat(out.resolve("2026/900002")).doesNotExist();
        assertThat(out.resolve("2026/900003")).doesNotExist();
        assertThat(out.resolve("2026/900004")).doesNotExist();
    }

    @Test
    void anAgencyThatIsNotInTheYearFailsByName() throws Exception {
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, "123456", narratives(), dir.resolve("one")));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).contains("FAILED 123456 [ingest] agency 123456 is not in bas_agency for year 2026");
    }

    @Test
    void anUnsafeAgencyCodeNeverBecomesAPath() throws Exception {
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, "../etc", narratives(), dir.resolve("unsafe")));

        assertThat(run.exitCode()).isEqualTo(ExportCommand.USAGE);
        assertThat(run.err()).contains("--agency must be");
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    @Test
    void anUnreachableFinanceDatabaseIsAClearError() throws Exception {
        ExportRun run = ExportRun.of("--finance-url=jdbc:postgresql://127.0.0.1:1/none", "--year=2026",
                "--narratives=" + narratives(), "--out=" + dir.resolve("x"));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).startsWith("export failed:").contains("refused");
    }
}
