package org.budgethub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.camel.ProducerTemplate;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import org.budgethub.HubApplication;
import org.budgethub.bench.HeapWatch;
import org.budgethub.bench.IncrementalBench.IncrementalRuns;
import org.budgethub.bench.IncrementalBench;
import org.budgethub.bench.PlainBaseline;
import org.budgethub.bench.ProgressLine;
import org.budgethub.config.Departments;
import org.budgethub.health.FailureExplainer;
import org.budgethub.model.Stage;
import org.budgethub.run.RunHistory;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/**
 * {@code benchmark}: the whole pipeline ({@code direct:run}, local publish mode, the export command's
 * settings) over the first N agencies of a year, once per parallelism setting, each in a Spring
 * context of its own in this one JVM after a warm-up run; then, for the same agencies, the plain
 * floor ({@link PlainBaseline}): the same rows read with plain JDBC and the same bytes written without
 * fsync. Prints throughput, the time of each stage (summed over agencies, from the run history's
 * task durations), wall time, peak heap, the hub/baseline ratio and the speed-up between settings.
 * Exit status: 0 when every agency was exported in every setting, 1 otherwise, 2 on a usage error.
 *
 * <p>With {@code --incremental} it writes to the finance database, so it is not in the hub's jar: it
 * lives in test scope and runs from the source tree with {@code ./mvnw -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.budgethub.cli.BenchmarkCommand -Dexec.args="…"}. The
 * test classes share its class path, so the hub it starts scans only the main classes, as the jar would.
 */
public final class BenchmarkCommand {

    public static final String NAME = "benchmark";
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            用法：./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.budgethub.cli.BenchmarkCommand \\
                  -Dexec.args="--finance-url=JDBC_URL [--finance-user=U] [--finance-password=P] --year=Y --narratives=DIR
                  --out=DIR [--agencies=N] [--parallelism=1,2] [--no-pdf] [--warmup=3] [--incremental]"
              （在源码目录中运行：--incremental 会写财政数据库，基准测试不在中枢的 jar 里；堆上限用 MAVEN_OPTS=-Xmx1g）
              --finance-url       财政数据库的 JDBC 地址（只读），如 generate 生成的库
              --finance-user      其用户名；--finance-password 其密码（或环境变量 HUB_FINANCE_PASSWORD）
              --year              预算年度，如 2026
              --narratives        说明文字 *.yaml 所在文件夹（generate --narratives 写的）
              --out               发布包写入 OUT/p<并行度>/<year>/<agency>/，报告写入 OUT/benchmark.txt
              --agencies          只测 bas_agency 中按代码排序的前 N 个单位；不给则测该年度全部单位
              --parallelism       并行处理的单位数，逗号分隔则在同一 JVM 中依次测各个设置，如 1,2；默认 2
              --no-pdf            不生成 PDF（hub.render.pdf=false）
              --warmup            每个设置正式计时前先跑几个单位预热，默认 3；0 不预热
              --incremental       最后一个设置的全量运行之后，在同一中枢里再测：无变化的增量运行、1% 单位变化后的
                                  增量运行、单个单位重跑（各 5 次）。会改动财政数据库（只用于 generate 生成的库）：
                                  被选中单位各有一条指标账金额加 100 元、update_time 改为当前时间，测完改回金额
            """;

    private static final List<String> OPTIONS = List.of("finance-url", "finance-user", "finance-password", "year", "narratives",
            "out", "agencies", "parallelism", "no-pdf", "warmup", "incremental");
    private static final List<String> SWITCHES = List.of("no-pdf", "incremental");
    private static final List<String> STAGES = RunHistory.STAGES;

    record Arguments(String financeUrl, String financeUser, String financePassword, int year, Path narratives, Path out,
                     Integer agencies, List<Integer> parallelism, boolean pdf, int warmup, boolean incremental) {
    }

    /** One measured setting: the hub's run and the baseline over the same agencies. */
    record Measured(int parallelism, int agencies, int exported, int failed, long startupMs, long wallNanos,
                    long preparationMs, Map<String, Long> stageMs, HeapWatch.Peak heap, long bytes, int files, PlainBaseline.Result read,
                    PlainBaseline.Result write, List<String> failures, IncrementalRuns incremental) {

        double seconds() {
            return wallNanos / 1e9;
        }

        double baselineSeconds() {
            return (read.readNanos() + write.writeNanos()) / 1e9;
        }

        /** How many times the floor the hub takes: hub wall time over baseline time. */
        double ratio() {
            return seconds() / Math.max(baselineSeconds(), 1e-9);
        }
    }

    private BenchmarkCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("benchmark：" + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        CliOptions.loadDrivers();
        FailureExplainer explainer = new FailureExplainer(new FailureExplainer.Database("财政数据库", a.financeUrl(), 0, 0));
        List<String> agencies;
        try {
            agencies = agencies(a);
        } catch (SQLException | RuntimeException e) {
            err.println("基准测试失败：" + explainer.explain(e, null));
            return FAILED;
        }
        if (agencies.isEmpty()) {
            err.println("基准测试失败：bas_agency 中没有 " + a.year() + " 年的单位");
            return FAILED;
        }
        if (a.incremental() && a.agencies() != null) {
            // Only a run of every agency keeps the sync record an incremental run compares against.
            err.println("基准测试：--incremental 只能用于该年度全部单位，不能与 --agencies 同用（可用 generate --agencies=N 生成只有 N 个单位的库）");
            err.print(USAGE_TEXT);
            return USAGE;
        }
        StringBuilder report = new StringBuilder();
        line(out, report, header(a, agencies.size()));
        List<Measured> results = new ArrayList<>();
        try {
            for (int i = 0; i < a.parallelism().size(); i++) {
                boolean last = i == a.parallelism().size() - 1;
                Measured m = measure(a, a.parallelism().get(i), agencies, out, a.incremental() && last);
                results.add(m);
                line(out, report, describe(m, a));
            }
        } catch (SQLException | IOException | RuntimeException e) {
            err.println("基准测试失败：" + explainer.explain(e, null));
            return FAILED;
        }
        if (results.size() > 1) {
            Measured first = results.get(0);
            for (Measured m : results.subList(1, results.size())) {
                line(out, report, String.format("加速比（并行度 %d 相对并行度 %d，墙钟时间之比）：%.2f", m.parallelism(), first.parallelism(),
                        first.seconds() / Math.max(m.seconds(), 1e-9)));
            }
        }
        try {
            Files.writeString(a.out().resolve("benchmark.txt"), report, StandardCharsets.UTF_8);
            out.println("报告已写入 " + a.out().resolve("benchmark.txt").toAbsolutePath().normalize());
        } catch (IOException e) {
            err.println("报告无法写入 " + a.out().resolve("benchmark.txt") + "：" + e.getMessage());
        }
        return results.stream().allMatch(m -> m.failed() == 0 && m.exported() == m.agencies()) ? OK : FAILED;
    }

    private static void line(PrintStream out, StringBuilder report, String text) {
        out.println(text);
        out.flush();
        report.append(text).append('\n');
    }

    private static String header(Arguments a, int agencies) {
        Runtime rt = Runtime.getRuntime();
        return "基准测试 " + OffsetDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")) + "：" + a.year() + " 年，单位 " + agencies
                + " 个（" + (a.agencies() == null ? "该年度全部单位" : "按代码排序的前 " + agencies + " 个") + "），PDF " + (a.pdf() ? "开" : "关")
                + "，并行度 " + a.parallelism() + "，每个设置先预热 " + a.warmup() + " 个单位\n"
                + "JVM：Java " + Runtime.version() + "，可用处理器 " + rt.availableProcessors() + " 个，最大堆 " + mib(rt.maxMemory()) + "，"
                + ManagementFactory.getRuntimeMXBean().getVmName();
    }

    /** The first N agencies of the year in code order, read as agencies.sql lists them. */
    private static List<String> agencies(Arguments a) throws SQLException {
        List<String> codes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(a.financeUrl(), a.financeUser(), a.financePassword());
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT TRIM(agency_code) AS code FROM bas_agency "
                     + "WHERE fiscal_year = ? ORDER BY TRIM(agency_code)")) {
            s.setInt(1, a.year());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && (a.agencies() == null || codes.size() < a.agencies())) {
                    codes.add(rs.getString(1));
                }
            }
        }
        return codes;
    }

    private static final long PROGRESS_EVERY_MS = 15_000;

    /** How many agencies the run in progress (the latest) has done, for the progress line. */
    private static int latestDone(RunHistory runs) {
        List<RunHistory.Run> latest = runs.runs(1);
        return latest.isEmpty() ? 0 : latest.get(0).done();
    }

    private static Measured measure(Arguments a, int parallelism, List<String> agencies, PrintStream out, boolean incremental)
            throws SQLException, IOException {
        Path dir = a.out().resolve("p" + parallelism);
        Files.createDirectories(dir);
        out.println("并行度 " + parallelism + "：启动中枢……");
        long startup = System.nanoTime();
        SpringApplication app = new SpringApplication(HubApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        // The export command's context (ExportScope): the pipeline and nothing else.
        app.setAdditionalProfiles(ExportScope.PROFILE);
        app.addInitializers(c -> c.getBeanFactory().registerSingleton(MainClassesOnly.class.getName(), new MainClassesOnly()));
        Path hubDatabase = Files.createTempDirectory("hub-benchmark-");
        String[] properties = properties(a, parallelism, dir, hubDatabase).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        long wall;
        RunReport report;
        HeapWatch.Peak heap;
        Map<String, Long> stageMs = new LinkedHashMap<>();
        try (ConfigurableApplicationContext context = app.run(properties)) {
            long startupMs = (System.nanoTime() - startup) / 1_000_000;
            ProducerTemplate producer = context.getBean(ProducerTemplate.class);
            if (a.warmup() > 0) {
                out.println("并行度 " + parallelism + "：预热 " + Math.min(a.warmup(), agencies.size()) + " 个单位……");
                producer.requestBody("direct:run", request(a.year(), agencies.subList(0, Math.min(a.warmup(), agencies.size())),
                        "benchmark-warmup"), RunReport.class);
            }
            out.println("并行度 " + parallelism + "：计时运行 " + agencies.size() + " 个单位……");
            java.time.Instant began;
            RunHistory history = context.getBean(RunHistory.class);
            try (HeapWatch watch = HeapWatch.start();
                 ProgressLine progress = ProgressLine.every(PROGRESS_EVERY_MS, out, "并行度 " + parallelism, agencies.size(),
                         () -> latestDone(history))) {
                began = java.time.Instant.now();
                long t0 = System.nanoTime();
                report = producer.requestBody("direct:run", timedRequest(a, agencies), RunReport.class);
                wall = System.nanoTime() - t0;
                heap = watch.stop();
            }
            if (report.aborted() != null) {
                throw new IllegalStateException("运行中止：" + report.aborted());
            }
            long runId = history.runs(1).get(0).id();
            // Summed in the database: 20,000 units' task rows would not fit in a 1 GiB heap.
            RunHistory.StageTotals totals = history.stageTotals(runId);
            STAGES.forEach(s -> stageMs.put(s, totals.durationMs().getOrDefault(s, 0L)));
            java.time.Instant firstTask = totals.firstStarted();
            long preparationMs = firstTask == null ? 0 : Math.max(0, java.time.Duration.between(began, firstTask).toMillis());
            Map<String, Long> files = packageFiles(dir.resolve(Integer.toString(a.year())), agencies);
            long bytes = files.values().stream().mapToLong(Long::longValue).sum();
            List<String> failures = report.failed().stream().map(f -> f.agency() + " [" + f.stage() + "] " + f.reason()).toList();
            PlainBaseline baseline = new PlainBaseline(a.financeUrl(), a.financeUser(), a.financePassword());
            PlainBaseline.Result read = baseline.read(a.year(), agencies, parallelism);
            PlainBaseline.Result write = PlainBaseline.write(files, parallelism);
            IncrementalRuns runs = null;
            if (incremental) {
                out.println("并行度 " + parallelism + "：增量运行与单个单位重跑……");
                runs = new IncrementalBench(a.financeUrl(), a.financeUser(), a.financePassword(), a.year(), producer)
                        .measure(agencies, () -> timedRequest(a, null), out);
            }
            return new Measured(parallelism, agencies.size(), report.exported().size(), report.failed().size(), startupMs, wall,
                    preparationMs, stageMs,
                    heap, bytes, files.size(), read, write, failures, runs);
        } finally {
            ExportCommand.removeHubDatabase(hubDatabase);
        }
    }

    /**
     * Leaves the test classes on the class path out of the hub's component scan (their
     * {@code @TestConfiguration}s would wrap its data sources or add beans): the hub measured is the jar's.
     */
    static final class MainClassesOnly extends TypeExcludeFilter {

        private final String main = HubApplication.class.getProtectionDomain().getCodeSource().getLocation().toString();

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return !reader.getResource().getURL().toString().startsWith(main);
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }

    /**
     * The timed run: every agency of the year as the nightly run takes them (so it keeps the sync
     * record an incremental run compares against), or the first N as a list; departments not included.
     */
    private static RunRequest timedRequest(Arguments a, List<String> agencies) {
        RunRequest r = a.agencies() == null ? RunRequest.allAgencies(a.year(), "benchmark")
                : RunRequest.agencies(a.year(), agencies, "benchmark", false, null);
        return r.withDepartments(Departments.NONE);
    }

    private static RunRequest request(int year, List<String> agencies, String trigger) {
        return RunRequest.agencies(year, agencies, trigger, false, null).withDepartments(Departments.NONE);
    }

    /** The export command's settings, with this setting's parallelism, the PDF switch and its own folder. */
    static Map<String, Object> properties(Arguments a, int parallelism, Path dir, Path hubDatabase) {
        Map<String, Object> p = ExportCommand.properties(new ExportCommand.Arguments(a.financeUrl(), a.financeUser(),
                a.financePassword(), a.year(), null, false, true, a.narratives(), dir), hubDatabase);
        p.put("hub.run.parallelism", Integer.toString(parallelism));
        p.put("hub.render.pdf", Boolean.toString(a.pdf()));
        // One line per agency would drown the figures; warnings and errors still show.
        p.put("logging.level.org.budgethub", "WARN");
        return p;
    }

    /** Every file of the agencies' packages, relative path → size. */
    private static Map<String, Long> packageFiles(Path yearDir, List<String> agencies) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        for (String agency : agencies) {
            Path folder = yearDir.resolve(agency);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    files.put(yearDir.relativize(f).toString(), Files.size(f));
                }
            }
        }
        return files;
    }

    static String describe(Measured m, Arguments a) {
        double s = m.seconds();
        StringBuilder b = new StringBuilder();
        b.append(String.format("并行度 %d：导出 %d/%d 个单位%s，启动 %.1f 秒（不计入）%n", m.parallelism(), m.exported(), m.agencies(),
                m.failed() > 0 ? "，失败 " + m.failed() + " 个" : "", m.startupMs() / 1000.0));
        b.append(String.format("  中枢：墙钟时间 %.2f 秒，%.2f 单位/秒，指标账 %d 行，%.0f 指标账行/秒，发布包 %d 个文件 %s%n", s,
                m.exported() / Math.max(s, 1e-9), m.read().ledgerRows(), m.read().ledgerRows() / Math.max(s, 1e-9), m.files(), mib(m.bytes())));
        b.append("  各阶段用时（各单位该阶段用时之和；ingest 从所在批次开始读取算起，含等待同批其他单位）：");
        List<String> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            stages.add(String.format("%s %.2f 秒", stage.id(), m.stageMs().getOrDefault(stage.id(), 0L) / 1000.0));
        }
        b.append(String.join("，", stages)).append('\n');
        b.append(String.format("  运行准备（首个单位开始前：说明文件索引、科目表、孤立指标账检查、运行计划）：%.2f 秒%n", m.preparationMs() / 1000.0));
        b.append(String.format("  峰值堆内存：采样 %s，各堆内存池峰值之和 %s；GC %d 次共 %.2f 秒%n", mib(m.heap().sampledBytes()),
                mib(m.heap().poolPeakSumBytes()), m.heap().gcCount(), m.heap().gcMillis() / 1000.0));
        b.append(String.format("  基线（纯 JDBC 读同样的 %d 行 + 不 fsync 写同样的 %s，%d 个线程）：%.2f 秒（读 %.2f 秒，写 %.2f 秒），%.2f 单位/秒%n",
                m.read().rows(), mib(m.write().bytes()), m.parallelism(), m.baselineSeconds(), m.read().readNanos() / 1e9,
                m.write().writeNanos() / 1e9, m.agencies() / Math.max(m.baselineSeconds(), 1e-9)));
        b.append(String.format("  中枢/基线 用时比：%.1f", m.ratio()));
        if (m.incremental() != null) {
            b.append('\n').append(m.incremental().describe(s));
        }
        for (String f : m.failures()) {
            b.append("\n  失败 ").append(f);
        }
        return b.toString();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    static Arguments parse(String[] args) {
        CliOptions o = CliOptions.parse(args, OPTIONS, SWITCHES);
        String url = o.required("finance-url");
        int year = o.integer("year", null, 1901, 9999, "2026");
        Path narratives = Path.of(o.required("narratives"));
        if (!Files.isDirectory(narratives)) {
            throw new IllegalArgumentException("--narratives 文件夹不存在：" + narratives.toAbsolutePath());
        }
        Path out = Path.of(o.required("out"));
        try {
            Files.createDirectories(out);
            Files.delete(Files.createTempFile(out, ".benchmark-probe-", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out 文件夹无法写入：" + out.toAbsolutePath().normalize() + "（" + e.getMessage() + "）");
        }
        Integer agencies = o.has("agencies") ? o.integer("agencies", null, 1, 10_000_000, "200") : null;
        List<Integer> parallelism = o.integers("parallelism", "2", 1, 64, "1,2");
        int warmup = o.integer("warmup", "3", 0, 1000, "3");
        return new Arguments(url, o.get("finance-user", ""), o.password(), year, narratives, out, agencies, parallelism,
                !o.flag("no-pdf"), warmup, o.flag("incremental"));
    }
}
