package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.Narratives;

/**
 * The export on a real PostgreSQL whose finance views lack the schema's NOT NULL constraints (issue
 * 18): the seed unit 101023 with one bad value is held back with one line naming it and the reason,
 * never a package, never a Java exception's name, and the export exits non-zero.
 */
class BadFinanceDataExportIT {

    /** A Java exception's or error's class name, simple or qualified: an operator must never read one. */
    private static final String JAVA_EXCEPTION = "\\b[A-Z][A-Za-z]*(Exception|Error)\\b";

    /** The first INITIAL ledger entry of 101023 in 2026, by id. */
    private static final String FIRST_ENTRY = "(SELECT MIN(l.entry_id) FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id"
            + " WHERE a.fiscal_year = 2026 AND a.agency_code = '101023' AND l.stage = 'INITIAL')";
    private static final String FIRST_APPROPRIATION = "(SELECT MIN(bgt_id) FROM bgt_appropriation"
            + " WHERE fiscal_year = 2026 AND agency_code = '101023' AND NOT is_deleted)";

    @TempDir
    Path dir;

    private ExportRun exportSeed(FinanceDatabase db, Path narratives, String... more) {
        List<String> args = new ArrayList<>(List.of(ExportRun.args(db, 2026, "101023", narratives, dir.resolve("out"))));
        args.addAll(List.of(more));
        return ExportRun.of(args.toArray(String[]::new));
    }

    private void assertHeldBack(ExportRun run, String rule, String... words) {
        assertThat(run.exitCode()).isNotZero();
        String failed = run.out().lines().filter(l -> l.startsWith("未通过 101023 ")).findFirst().orElseThrow(
                () -> new AssertionError("no line names 101023:\n" + run.out() + run.err()));
        assertThat(failed).contains(rule);
        for (String word : words) {
            assertThat(failed).contains(word);
        }
        assertThat(run.out() + run.err()).doesNotContainPattern(JAVA_EXCEPTION).doesNotContain("重试").doesNotContain("尝试 ");
        assertThat(dir.resolve("out/2026/101023")).doesNotExist();
    }

    @Test
    void aNullLedgerAmountHoldsTheSeedBack() {
        FinanceDatabase db = FinanceDatabase.create("demo/seed-unit.sql").sql("""
                ALTER TABLE bgt_ledger ALTER COLUMN amount DROP NOT NULL;
                UPDATE bgt_ledger SET amount = NULL WHERE entry_id = %s;
                """.formatted(FIRST_ENTRY));

        assertHeldBack(exportSeed(db, Narratives.seedAnd(dir)), "input.value-missing", "bgt_ledger", "amount", "为空");
    }

    @Test
    void anAmountOfTenToTheTwentyYuanHoldsTheSeedBack() {
        FinanceDatabase db = FinanceDatabase.create("demo/seed-unit.sql").sql("""
                ALTER TABLE bgt_ledger ALTER COLUMN amount TYPE NUMERIC(40,2);
                UPDATE bgt_ledger SET amount = 100000000000000000000 WHERE entry_id = %s;
                """.formatted(FIRST_ENTRY));

        assertHeldBack(exportSeed(db, Narratives.seedAnd(dir)), "input.amount-range", "100000000000000000000", "bgt_ledger");
    }

    @Test
    void aNullEconomicCodeHoldsTheSeedBackAtOnceWithoutRetries() {
        FinanceDatabase db = FinanceDatabase.create("demo/seed-unit.sql").sql("""
                ALTER TABLE bgt_appropriation ALTER COLUMN dep_bgt_eco_code DROP NOT NULL;
                UPDATE bgt_appropriation SET dep_bgt_eco_code = NULL WHERE bgt_id = %s;
                """.formatted(FIRST_APPROPRIATION));

        assertHeldBack(exportSeed(db, Narratives.seedAnd(dir)), "input.value-missing", "bgt_appropriation", "dep_bgt_eco_code");
    }

    @Test
    void aMisspeltNarrativeKeyHoldsTheSeedBackNamingTheKeyAndSuggestingTheRightOne() throws Exception {
        FinanceDatabase db = FinanceDatabase.create("demo/seed-unit.sql");
        Path narratives = Narratives.seedAnd(dir);
        Path seed = narratives.resolve("101023.yaml");
        Files.writeString(seed, Files.readString(seed).replaceFirst("(?m)^reasons:", "reason:"));

        assertHeldBack(exportSeed(db, narratives), "input.narrative-key", "“reason”", "“reasons”");
    }

    @Test
    void aDepartmentWhoseUnitHasSuchDataFailsNamingTheUnit() throws Exception {
        FinanceDatabase db = FinanceDatabase.create("demo/seed-unit.sql", "demo/finance-demo-agencies.sql",
                "demo/finance-demo-department.sql").sql("""
                ALTER TABLE bgt_ledger ALTER COLUMN amount DROP NOT NULL;
                UPDATE bgt_ledger SET amount = NULL WHERE entry_id = %s;
                """.formatted(FIRST_ENTRY));
        Path narratives = Files.createDirectories(dir.resolve("narratives"));
        try (Stream<Path> files = Files.list(Path.of("config/narratives"))) {
            for (Path f : files.toList()) {
                Files.copy(f, narratives.resolve(f.getFileName()));
            }
        }
        List<String> args = new ArrayList<>(List.of(ExportRun.args(db, 2026, "101", narratives, dir.resolve("dept"))));
        args.add("--departments");
        ExportRun run = ExportRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).containsPattern("未通过 101 \\[校验 validate\\] 部门 101 的单位 101023：input.value-missing: bgt_ledger .*amount");
        assertThat(run.out() + run.err()).doesNotContainPattern(JAVA_EXCEPTION);
        assertThat(dir.resolve("dept/2026/101")).doesNotExist();
    }
}
