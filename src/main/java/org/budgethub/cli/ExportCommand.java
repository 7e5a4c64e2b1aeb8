package org.budgethub.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import org.budgethub.HubApplication;
import org.budgethub.config.Departments;
import org.budgethub.health.FailureExplainer;
import org.budgethub.model.DisclosureId;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/**
 * {@code export}: the whole pipeline once, without the scheduler, through the same routes as every
 * other trigger; only the publish folder is the {@code --out} folder instead of the CMS.
 * Exit status: 0 when every agency was exported, 1 when any failed, 2 on a usage error.
 */
public final class ExportCommand {

    public static final String NAME = "export";
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            用法：java -jar budget-disclosure-hub.jar export --finance-url=JDBC_URL [--finance-user=U]
                  [--finance-password=P] --year=Y [--agency=CODE] [--departments] [--full] --narratives=DIR --out=DIR
              --finance-url       财政数据库的 JDBC 地址（只读）
              --finance-user      其用户名；--finance-password 其密码（或环境变量 HUB_FINANCE_PASSWORD）
              --year              预算年度，如 2026
              --agency            一个单位编码；不给则导出 bas_agency 中该年度的全部单位
              --departments       同时导出部门预算（OUT/<year>/<部门编码>/）：该年度全部部门，
                                  或与 --agency=D 一起只导出部门 D
              --full              全量重建。导出是本地预览，本来就总是全量重建每个单位（从不按增量跳过
                                  未变化的单位），此选项仅为与定时运行、接口的 full 一致而接受
              --narratives        说明文字 *.yaml 所在文件夹（按文件中的 agency 和 year 匹配）
              --out               输出文件夹，写入 OUT/<year>/<agency>/disclosure.json 等
            """;

    private static final List<String> OPTIONS = List.of("finance-url", "finance-user", "finance-password",
            "year", "agency", "departments", "full", "narratives", "out");
    /** Options that are switches: given alone, as --name. */
    private static final List<String> SWITCHES = List.of("departments", "full");

    private ExportCommand() {
    }

    /**
     * Parsed and checked arguments. {@code full} is accepted for symmetry with the API and the console:
     * the export is a local preview and always rebuilds every agency, with or without it.
     */
    record Arguments(String financeUrl, String financeUser, String financePassword, int year, String agency,
                     boolean departments, boolean full, Path narratives, Path out) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("export：" + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        java.nio.file.Path hubDatabase;
        try {
            hubDatabase = java.nio.file.Files.createTempDirectory("hub-export-");
        } catch (java.io.IOException e) {
            err.println("导出失败：无法建立临时文件夹（" + e.getMessage() + "）");
            return FAILED;
        }
        try (ConfigurableApplicationContext context = start(arguments, hubDatabase)) {
            ProducerTemplate producer = context.getBean(ProducerTemplate.class);
            RunReport report = producer.requestBody("direct:run",
                    new RunRequest(arguments.year(), arguments.agency(), "export").withDepartments(arguments.departments()
                            ? Departments.SCOPE : Departments.NONE).withFull(true), RunReport.class);
            if (report.aborted() != null) {
                err.println("导出失败：" + report.aborted());
                return FAILED;
            }
            out.print(report.summary());
            if (!report.exported().isEmpty()) {
                out.println("发布包目录：" + arguments.out().toAbsolutePath().normalize().resolve(Integer.toString(arguments.year())));
            }
            return report.succeeded() ? OK : FAILED;
        } catch (RuntimeException e) {
            // The context could not start, or the run could not begin: one line, never a stack trace.
            FailureExplainer explainer = new FailureExplainer(new FailureExplainer.Database("财政数据库", arguments.financeUrl(), 0, 0));
            err.println("导出失败：" + explainer.explain(e, null));
            return FAILED;
        } finally {
            removeHubDatabase(hubDatabase);
        }
    }

    /**
     * The export's application context, started: no web server, only what the pipeline uses (the
     * profile {@value ExportScope#PROFILE}, see {@link ExportScope}). The settings are given as
     * command-line properties, so they outrank every configuration file, as the user expects.
     */
    static ConfigurableApplicationContext start(Arguments arguments, java.nio.file.Path hubDatabase) {
        SpringApplication app = new SpringApplication(HubApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        // On top of the operator's own profiles: no web server, console, security, actuator, metrics, Quartz or broker.
        app.setAdditionalProfiles(ExportScope.PROFILE);
        String[] properties = properties(arguments, hubDatabase).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return app.run(properties);
    }

    /** The throw-away hub database goes with the command; one left behind is only a temporary folder. */
    static void removeHubDatabase(java.nio.file.Path folder) {
        try {
            org.springframework.util.FileSystemUtils.deleteRecursively(folder);
        } catch (java.io.IOException e) {
            // The command's result does not depend on it.
        }
    }

    static Arguments parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && SWITCHES.contains(arg.substring(2))) {
                values.put(arg.substring(2), "true");
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("无法识别的参数 '" + arg + "'（选项的写法是 --名称=值）");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("未知选项 --" + name);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        for (String required : List.of("finance-url", "year", "narratives", "out")) {
            if (values.getOrDefault(required, "").isBlank()) {
                throw new IllegalArgumentException("缺少必填选项 --" + required);
            }
        }
        int year;
        try {
            year = Integer.parseInt(values.get("year").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--year 须是年度，如 2026，而不是 '" + values.get("year") + "'");
        }
        Path narratives = Path.of(values.get("narratives"));
        if (!Files.isDirectory(narratives)) {
            throw new IllegalArgumentException("--narratives 文件夹不存在：" + narratives.toAbsolutePath());
        }
        Path out = Path.of(values.get("out"));
        checkWritable(out);
        String agency = values.get("agency");
        if (agency != null && !agency.isBlank() && !DisclosureId.isSafeCode(agency.trim())) {
            throw new IllegalArgumentException("--agency 须是 1 至 32 位字母、数字、'-' 或 '_'，而不是 '" + agency + "'");
        }
        String password = values.containsKey("finance-password") ? values.get("finance-password")
                : System.getenv().getOrDefault("HUB_FINANCE_PASSWORD", "");
        return new Arguments(values.get("finance-url"), values.getOrDefault("finance-user", ""), password, year,
                agency == null || agency.isBlank() ? null : agency.trim(), Boolean.parseBoolean(values.getOrDefault("departments", "false")),
                Boolean.parseBoolean(values.getOrDefault("full", "false")), narratives, out);
    }

    /** An --out the export could not write to is refused before any work, not after the rendering. */
    private static void checkWritable(Path out) {
        try {
            Files.createDirectories(out);
            Files.delete(Files.createTempFile(out, ".export-probe-", ".tmp"));
        } catch (java.io.IOException | SecurityException e) {
            throw new IllegalArgumentException("--out 文件夹无法写入：" + out.toAbsolutePath().normalize()
                    + "（" + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName() + ": " + e.getMessage()) + "）");
        }
    }

    /** @param hubDatabase a new, empty folder for the throw-away hub database */
    static Map<String, Object> properties(Arguments a, java.nio.file.Path hubDatabase) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hub.finance.url", a.financeUrl());
        p.put("hub.finance.user", a.financeUser());
        p.put("hub.finance.password", a.financePassword());
        p.put("hub.narratives.dir", a.narratives().toAbsolutePath().toString());
        // CONTRACT §5: the words come from --narratives itself, matched on their agency and year keys, and an
        // agency without any fails (input.narrative-missing), whatever the hub's own narrative settings say.
        p.put("hub.narratives.source", "folder");
        p.put("hub.narratives.missing", "hold");
        p.put("hub.publish.dir", a.out().toAbsolutePath().toString());
        // Only the routes an export reaches: no timers, Quartz, CMS upload or broker consumers (ExportScope).
        p.put("camel.main.route-filter-exclude-pattern", ExportScope.routesLeftOut());
        // A local preview never goes through the broker, whatever the configuration says for the hub.
        p.put("hub.run.distributed", "false");
        p.put("hub.demo.export-on-start", "false");
        // A local preview: the complete package in --out, no delivery, no embedded CMS, a throw-away hub database.
        p.put("hub.publish.mode", "local");
        p.put("hub.cms.embedded.enabled", "false");
        p.put("hub.render.require-font", "false");
        p.put("hub.schedule.enabled", "false");
        p.put("hub.console.demo-users", "false");
        p.put("hub.metrics.enabled", "false");
        // A one-shot command has no metrics to serve.
        p.put("camel.metrics.enable-route-policy", "false");
        p.put("camel.metrics.enable-exchange-event-notifier", "false");
        p.put("camel.metrics.enable-route-event-notifier", "false");
        // On disk, not in memory: the run history of 20,000 agencies (their findings) would fill the heap.
        // The rest as the default hub database in application.yaml (why QUERY_CACHE_SIZE=0: there).
        p.put("spring.datasource.url", "jdbc:h2:file:" + hubDatabase.toAbsolutePath().resolve("hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=0");
        p.put("logging.level.root", "WARN");
        p.put("logging.level.org.budgethub", "INFO");
        // The command prints its own one-line reason; Boot's stack trace would bury it.
        p.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        p.put("logging.level.org.budgethub.HubApplication", "WARN");
        p.put("logging.level.org.apache.camel.spring.boot.SpringBootCamelContext", "ERROR");
        // A run that cannot go on is reported as one line by the command itself.
        p.put("logging.level.org.budgethub.run.RunService", "ERROR");
        // A failed agency is reported by the command's summary.
        p.put("logging.level.org.apache.camel.processor.errorhandler.DefaultErrorHandler", "OFF");
        return p;
    }
}
