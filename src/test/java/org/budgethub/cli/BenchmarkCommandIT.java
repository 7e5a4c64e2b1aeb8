package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.support.FinanceDatabase;

/**
 * {@code benchmark} over 6 generated agencies, parallelism 1 and 2, without the PDF: the report has
 * every figure (throughput, each stage's time, wall time, peak heap, the baseline and the ratios) and
 * the packages are where it says. Timings are not asserted: the machine decides them.
 */
class BenchmarkCommandIT {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run benchmark(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchmarkCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void measuresTheHubAndItsBaselineAtEachParallelism() throws Exception {
        FinanceDatabase db = FinanceDatabase.empty();
        Path narratives = dir.resolve("narratives");
        assertThat(GenerateCommandIT.generate(db, "--agencies=10", "--narratives=" + narratives).exitCode()).isZero();
        List<String> first6 = new JdbcTemplate(db.dataSource()).queryForList(
                "SELECT agency_code FROM bas_agency WHERE fiscal_year = 2026 ORDER BY agency_code FETCH FIRST 6 ROWS ONLY", String.class);
        Path out = dir.resolve("bench");

        Run run = benchmark("--finance-url=" + db.jdbcUrl(), "--finance-user=postgres", "--finance-password=postgres", "--year=2026",
                "--narratives=" + narratives, "--out=" + out, "--agencies=6", "--parallelism=1,2", "--no-pdf", "--warmup=1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String report = run.out();
        assertThat(report).contains("单位 6 个（按代码排序的前 6 个）").contains("PDF 关");
        for (int p : new int[] {1, 2}) {
            String section = report.substring(report.indexOf("并行度 " + p + "：导出"));
            assertThat(section).startsWith("并行度 " + p + "：导出 6/6 个单位");
            assertThat(number(section, "墙钟时间 ([0-9.]+) 秒")).isPositive();
            assertThat(number(section, "([0-9.]+) 单位/秒")).isPositive();
            assertThat(number(section, "([0-9.]+) 指标账行/秒")).isPositive();
            assertThat(number(section, "指标账 ([0-9]+) 行")).isPositive();
            for (String stage : List.of("ingest", "model", "validate", "render", "publish")) {
                assertThat(number(section, stage + " ([0-9.]+) 秒")).as(stage).isNotNegative();
            }
            assertThat(number(section, "峰值堆内存：采样 ([0-9.]+) MiB")).isPositive();
            assertThat(number(section, "各堆内存池峰值之和 ([0-9.]+) MiB")).isPositive();
            assertThat(number(section, "基线[^：]*：([0-9.]+) 秒")).isNotNegative();
            assertThat(number(section, "中枢/基线 用时比：([0-9.]+)")).isPositive();
            for (String agency : first6) {
                Path pkg = out.resolve("p" + p + "/2026/" + agency);
                assertThat(pkg.resolve("disclosure.json")).exists();
                assertThat(pkg.resolve("disclosure.pdf")).as("hub.render.pdf=false").doesNotExist();
            }
        }
        assertThat(number(report, "加速比（并行度 2 相对并行度 1，墙钟时间之比）：([0-9.]+)")).isPositive();
        assertThat(Files.readString(out.resolve("benchmark.txt"))).contains("中枢/基线 用时比").contains("加速比");
    }

    @Test
    void measuresIncrementalRunsAndOneAgencyRerunsAndTakesItsChangesBack() throws Exception {
        FinanceDatabase db = FinanceDatabase.empty();
        Path narratives = dir.resolve("narratives");
        assertThat(GenerateCommandIT.generate(db, "--agencies=8", "--narratives=" + narratives).exitCode()).isZero();
        JdbcTemplate finance = new JdbcTemplate(db.dataSource());
        String ledgerBefore = finance.queryForObject("SELECT SUM(amount)::text FROM bgt_ledger", String.class);
        int units = finance.queryForObject("SELECT COUNT(DISTINCT agency_code) FROM bas_agency WHERE fiscal_year = 2026", Integer.class);

        Run run = benchmark("--finance-url=" + db.jdbcUrl(), "--finance-user=postgres", "--finance-password=postgres", "--year=2026",
                "--narratives=" + narratives, "--out=" + dir.resolve("bench"), "--parallelism=1", "--no-pdf", "--warmup=1", "--incremental");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("单位 " + units + " 个（该年度全部单位）")
                .contains("（跳过 " + units + " 个单位，重建 0 个）")
                .contains("1 个单位（1%）各改一条指标账后").contains("（跳过 " + (units - 1) + " 个，重建 1 个）");
        assertThat(number(run.out(), "无变化 ([0-9.]+) 秒")).isPositive();
        assertThat(number(run.out(), "为全量的 ([0-9.]+)%")).isPositive();
        assertThat(number(run.out(), "5 次）：中位数 ([0-9.]+) 秒")).isPositive();
        assertThat(finance.queryForObject("SELECT SUM(amount)::text FROM bgt_ledger", String.class)).as("changes taken back").isEqualTo(ledgerBefore);

        Run refused = benchmark("--finance-url=" + db.jdbcUrl(), "--finance-user=postgres", "--finance-password=postgres", "--year=2026",
                "--narratives=" + narratives, "--out=" + dir.resolve("bench2"), "--agencies=3", "--incremental");
        assertThat(refused.exitCode()).isEqualTo(BenchmarkCommand.USAGE);
        assertThat(refused.err()).contains("--incremental 只能用于该年度全部单位");
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> BenchmarkCommand.parse(new String[] {"--year=2026"})).hasMessageContaining("缺少必填选项 --finance-url");
        assertThatThrownBy(() -> BenchmarkCommand.parse(new String[] {"--finance-url=x", "--year=2026", "--out=" + dir}))
                .hasMessageContaining("缺少必填选项 --narratives");
        assertThatThrownBy(() -> BenchmarkCommand.parse(new String[] {"--finance-url=x", "--year=2026", "--narratives=" + dir,
                "--out=" + dir, "--parallelism=1,two"})).hasMessageContaining("--parallelism");
        var a = BenchmarkCommand.parse(new String[] {"--finance-url=x", "--year=2026", "--narratives=" + dir, "--out=" + dir.resolve("o")});
        assertThat(a.parallelism()).containsExactly(2);
        assertThat(a.pdf()).isTrue();
        assertThat(a.agencies()).isNull();
        List<String> args = new ArrayList<>(List.of("--year=2026"));
        Run usage = benchmark(args.toArray(String[]::new));
        assertThat(usage.exitCode()).isEqualTo(BenchmarkCommand.USAGE);
        assertThat(usage.err()).contains("用法：");
    }
}
