package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.Narratives;

/**
 * CONTRACT.md §5 failure rules: a broken agency fails with a readable reason and no package, the
 * others are exported all the same, and the exit status is non-zero.
 */
class FailureRulesIT {

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
                INSERT INTO bas_agency VALUES (2026, '900005', '负数指标单位', '900', '3', FALSE, '主管');
                INSERT INTO bgt_appropriation VALUES ('F5', 2026, '900005', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('F5-1', 'F5', 'INITIAL', 100.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('F5-2', 'F5', 'INITIAL', -300.00, NULL, DATE '2025-12-21', TIMESTAMP '2025-12-21 10:00:00');
                INSERT INTO bgt_ledger VALUES ('ORPHAN-1', 'NO-SUCH-BGT', 'INITIAL', 5000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                """);
    }

    private Path narratives() {
        return Narratives.seedAnd(dir, "900001", "900003", "900004", "900005");
    }

    @Test
    void brokenAgenciesFailWithReasonsWhileTheOthersExport() throws Exception {
        Path out = dir.resolve("out");
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, null, narratives(), out));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out())
                .contains("新版本 2 个，未变化 0 个，未通过校验 4 个，失败 0 个")
                .containsPattern("未通过 900002 \\[校验 validate\\] input.narrative-missing: 缺少单位 900002 2026 年预算说明的撰写内容")
                .containsPattern("未通过 900003 \\[校验 validate\\] input.code-unknown: .*2026 年支出功能分类科目表中没有科目 2999999（指标 F3）")
                .containsPattern("未通过 900004 \\[校验 validate\\] input.code-unknown: 2025 年部门预算支出经济分类科目表中没有科目 399（指标 F4）")
                .containsPattern("警告 1 条指标账没有对应的指标，不属于任何单位：ORPHAN-1");
        assertThat(out.resolve("2026/101023/disclosure.json")).exists();
        assertThat(out.resolve("2026/900001/disclosure.json")).exists();
        assertThat(out.resolve("2026/900002")).doesNotExist();
        assertThat(out.resolve("2026/900003")).doesNotExist();
        assertThat(out.resolve("2026/900004")).doesNotExist();
        assertThat(out.resolve("2026/900005")).doesNotExist();
    }

    @Test
    void aFatalFindingHoldsBackOnlyItsAgencyAndNamesTheLedgerRows() throws Exception {
        Path out = dir.resolve("fatal");
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, null, narratives(), out));

        assertThat(run.out())
                .containsPattern("未通过 900005 \\[校验 validate\\] input.negative-total: 指标 F5 的年初预算合计为负数：-200.00 元")
                .containsPattern("严重 input.negative-total：.* 涉及：bgt_appropriation:F5, bgt_ledger:F5-1, bgt_ledger:F5-2");
        assertThat(out.resolve("2026/900005")).doesNotExist();
        assertThat(out.resolve("2026/900001/disclosure.json")).exists();
        assertThat(out.resolve("2026/101023/disclosure.json")).exists();
    }

    @Test
    void anAgencyThatIsNotInTheYearFailsByName() throws Exception {
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, "123456", narratives(), dir.resolve("one")));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).contains("未通过 123456 [读取数据 ingest] bas_agency 中没有 2026 年的单位 123456");
    }

    @Test
    void anUnsafeAgencyCodeNeverBecomesAPath() throws Exception {
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, "../etc", narratives(), dir.resolve("unsafe")));

        assertThat(run.exitCode()).isEqualTo(ExportCommand.USAGE);
        assertThat(run.err()).contains("--agency 须是 1 至 32 位字母、数字");
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    @Test
    void anUnreachableFinanceDatabaseIsAClearError() throws Exception {
        ExportRun run = ExportRun.of("--finance-url=jdbc:postgresql://127.0.0.1:1/none", "--year=2026",
                "--narratives=" + narratives(), "--out=" + dir.resolve("x"));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).startsWith("导出失败：").contains("refused");
    }
}
