package org.budgethub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import org.budgethub.bench.ElementCatalogue;
import org.budgethub.bench.FinanceRows;
import org.budgethub.bench.FinanceWriter;
import org.budgethub.bench.NarrativeFiles;
import org.budgethub.bench.SyntheticFinance;
import org.budgethub.health.FailureExplainer;

/**
 * {@code generate}: fills a finance database with synthetic agencies shaped like real ones (see
 * {@link SyntheticFinance}), for scale tests and the benchmark; optionally one narrative file per
 * unit and per department. It refuses a database that already holds agencies unless told to
 * append. Exit status: 0 done, 1 refused or failed, 2 on a usage error.
 *
 * <p>It writes to a finance database, so it is not in the hub's jar: it lives in test scope and runs
 * from the source tree with {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.budgethub.cli.GenerateCommand -Dexec.args="…"}.
 */
public final class GenerateCommand {

    public static final String NAME = "generate";
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            用法：./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.budgethub.cli.GenerateCommand \\
                  -Dexec.args="--finance-url=JDBC_URL [--finance-user=U] [--finance-password=P] --agencies=N
                  [--years=2025,2026] [--seed=42] [--narratives=DIR] [--append]"
              （在源码目录中运行：生成器写财政数据库，不在中枢的 jar 里）
              --finance-url       要写入的财政数据库（PostgreSQL）的 JDBC 地址；库为空时按 demo/schema.sql 建表
              --finance-user      其用户名；--finance-password 其密码（或环境变量 HUB_FINANCE_PASSWORD）
              --agencies          生成的单位个数 N（每个部门一个本级单位和 2 至 15 个下属单位）
              --years             生成的预算年度，逗号分隔，默认 2025,2026（最后一年为公开年度，其余为上年比较数）
              --seed              随机种子，默认 42：相同的种子生成相同的数据
              --narratives        为每个单位和部门写一份最后一年的说明文字 *.yaml 到此文件夹
              --append            库中已有单位时仍追加（默认拒绝，以免与已有数据混在一起）
            """;

    private static final List<String> OPTIONS = List.of("finance-url", "finance-user", "finance-password", "agencies", "years",
            "seed", "narratives", "append");
    private static final List<String> SWITCHES = List.of("append");
    /** Rows are written after this many units; progress is printed every 1000. */
    private static final int CHUNK = 500;
    private static final int PROGRESS_EVERY = 1000;

    record Arguments(String financeUrl, String financeUser, String financePassword, int agencies, List<Integer> years,
                     long seed, Path narratives, boolean append) {
    }

    private GenerateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate：" + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        CliOptions.loadDrivers();
        try (Connection connection = DriverManager.getConnection(a.financeUrl(), a.financeUser(), a.financePassword());
             FinanceWriter writer = new FinanceWriter(connection)) {
            return generate(a, writer, out, err);
        } catch (SQLException | IOException | RuntimeException e) {
            FailureExplainer explainer = new FailureExplainer(new FailureExplainer.Database("财政数据库", a.financeUrl(), 0, 0));
            err.println("生成失败：" + explainer.explain(e, null));
            return FAILED;
        }
    }

    private static int generate(Arguments a, FinanceWriter writer, PrintStream out, PrintStream err) throws SQLException, IOException {
        long started = System.nanoTime();
        if (!writer.hasSchema()) {
            writer.createSchema();
            out.println("财政数据库中没有财政表，已按 demo/schema.sql 建表");
        }
        long existing = writer.count("SELECT COUNT(DISTINCT agency_code) FROM bas_agency");
        if (existing > 0 && !a.append()) {
            err.println("生成被拒绝：财政数据库中已有 " + existing + " 个单位（bas_agency）。为免合成数据与已有数据混在一起，"
                    + "请换一个空的数据库；确要在已有数据之后追加，请加 --append。");
            return FAILED;
        }
        SyntheticFinance generator = new SyntheticFinance(a.seed(), a.years(), ElementCatalogue.load());
        FinanceRows rows = new FinanceRows();
        generator.elements(rows, writer.fundCodes(), writer.elementCodes("ele_exp_func"), writer.elementCodes("ele_dep_bgt_eco"));
        writer.write(rows);
        rows.clear();
        if (a.narratives() != null) {
            Files.createDirectories(a.narratives());
        }
        List<SyntheticFinance.Department> plan = generator.plan(a.agencies(), writer.usedCodes());
        out.println("生成 " + a.agencies() + " 个单位（" + plan.size() + " 个部门），年度 "
                + generator.years().stream().map(String::valueOf).collect(Collectors.joining("、")) + "，种子 " + a.seed()
                + "，写入方式 " + (writer.copying() ? "COPY" : "JDBC 批量插入"));
        SyntheticFinance.Counts counts = new SyntheticFinance.Counts();
        long narratives = 0;
        long sinceWrite = 0;
        long nextProgress = PROGRESS_EVERY;
        int year = generator.budgetYear();
        for (SyntheticFinance.Department d : plan) {
            List<SyntheticFinance.Unit> units = generator.department(d, rows, counts);
            if (a.narratives() != null) {
                String departmentName = units.get(0).name();
                for (SyntheticFinance.Unit u : units) {
                    NarrativeFiles.write(a.narratives(), generator.narrative(u, false, departmentName, year));
                    narratives++;
                }
                NarrativeFiles.write(a.narratives(), generator.narrative(units.get(0), true, departmentName, year));
                narratives++;
            }
            sinceWrite += units.size();
            if (sinceWrite >= CHUNK) {
                writer.write(rows);
                rows.clear();
                sinceWrite = 0;
            }
            while (counts.agencies >= nextProgress) {
                out.println(progress(counts, a.agencies(), started));
                nextProgress += PROGRESS_EVERY;
            }
        }
        writer.write(rows);
        rows.clear();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("完成：%d 个单位、%d 个部门；指标 %d 条，指标账 %d 条，项目 %d 个，绩效指标 %d 条，政府采购 %d 条，车辆 %d 条；用时 %.1f 秒%n",
                counts.agencies, counts.departments, counts.appropriations, counts.ledger, counts.projects, counts.indicators,
                counts.procurement, counts.vehicles, seconds);
        if (a.narratives() != null) {
            out.println("说明文字：" + narratives + " 份（" + year + " 年，单位和部门各一份），写入 "
                    + a.narratives().toAbsolutePath().normalize());
        }
        return OK;
    }

    private static String progress(SyntheticFinance.Counts c, int total, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format("已生成 %d/%d 个单位（%d 个部门，指标 %d 条，指标账 %d 条），用时 %.1f 秒，每秒 %.0f 个单位",
                c.agencies, total, c.departments, c.appropriations, c.ledger, seconds, c.agencies / Math.max(seconds, 1e-3));
    }

    static Arguments parse(String[] args) {
        CliOptions o = CliOptions.parse(args, OPTIONS, SWITCHES);
        String url = o.required("finance-url");
        int agencies = o.integer("agencies", null, 1, 1_000_000, "20000");
        List<Integer> years = o.integers("years", "2025,2026", 1901, 9999, "2025,2026");
        long seed;
        try {
            seed = Long.parseLong(o.get("seed", "42"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed 须是整数，如 42，而不是 '" + o.get("seed", "") + "'");
        }
        Path narratives = o.has("narratives") ? Path.of(o.required("narratives")) : null;
        if (narratives != null && Files.exists(narratives) && !Files.isDirectory(narratives)) {
            throw new IllegalArgumentException("--narratives 不是文件夹：" + narratives.toAbsolutePath());
        }
        return new Arguments(url, o.get("finance-user", ""), o.password(), agencies, years, seed, narratives, o.flag("append"));
    }
}
