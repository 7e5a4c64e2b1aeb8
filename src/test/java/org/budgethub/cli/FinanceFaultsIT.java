package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.model.PackageFile;
import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.Narratives;
import org.budgethub.support.StallingProxy;

/**
 * The export command against a finance database that misbehaves: one that stops answering in the
 * middle of a run, one that refuses the connection, one that refuses the login. Nothing hangs, the
 * operator reads one short line naming the database, and no package folder is half written.
 */
class FinanceFaultsIT {

    private static FinanceDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSeedAndTwoMoreAgencies() {
        db = FinanceDatabase.create("demo/seed-unit.sql").sql("""
                INSERT INTO bas_agency VALUES (2026, '900001', '正常单位', '900', '1', TRUE, '主管');
                INSERT INTO bas_agency VALUES (2026, '900009', '卡住的单位', '900', '1', TRUE, '主管');
                INSERT INTO bgt_appropriation VALUES ('S1', 2026, '900001', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('S1-1', 'S1', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_appropriation VALUES ('S9', 2026, '900009', '2010301', '30101', '11', 'B', 'N', NULL, FALSE, TIMESTAMP '2025-12-20 10:00:00');
                INSERT INTO bgt_ledger VALUES ('S9-1', 'S9', 'INITIAL', 100000.00, NULL, DATE '2025-12-20', TIMESTAMP '2025-12-20 10:00:00');
                """);
    }

    private Path narratives() {
        return Narratives.seedAnd(dir, "900001", "900009");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aDatabaseThatStopsAnsweringMidRunFailsTheStalledAgencyAndTheExportEnds() throws Exception {
        String url = db.jdbcUrl();
        String host = url.replaceFirst("^jdbc:postgresql://([^:/]+):(\\d+)/.*$", "$1");
        int port = Integer.parseInt(url.replaceFirst("^jdbc:postgresql://([^:/]+):(\\d+)/.*$", "$2"));
        Path out = dir.resolve("out");
        // The bound agency code travels in the query's Bind message: the proxy goes silent at 900009's first query.
        try (StallingProxy proxy = new StallingProxy(host, port, "900009")) {
            String proxied = url.replaceFirst(":" + port + "/", ":" + proxy.port() + "/");
            String[] args = {"--finance-url=" + proxied, "--finance-user=postgres", "--finance-password=postgres", "--year=2026",
                    "--narratives=" + narratives(), "--out=" + out};
            ExportRun run = withProperties(() -> ExportRun.of(args),
                    "hub.finance.socket-timeout-ms", "2000", "hub.finance.connect-timeout-ms", "2000",
                    "hub.retry.max-redeliveries", "1", "hub.retry.delay-ms", "100");

            assertThat(proxy.stalled()).isTrue();
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.out() + run.err()).contains("失败 900009 [读取数据 ingest] 尝试 2 次均失败（重试用时 ")
                    .contains("秒）：财政数据库在 2 秒内无响应（" + proxied + "）");
        }
        assertEveryPackageFolderIsComplete(out.resolve("2026"));
    }

    @Test
    void aRefusedConnectionIsOneShortLineNamingTheDatabase() throws Exception {
        List<String> lines = exportInItsOwnJvm("jdbc:postgresql://127.0.0.1:1/finance", "postgres");

        assertThat(lines).hasSizeLessThanOrEqualTo(5);
        assertThat(lines).filteredOn(l -> l.contains("jdbc:postgresql://127.0.0.1:1/finance")).singleElement()
                .satisfies(l -> assertThat(l).startsWith("导出失败：无法连接财政数据库").containsIgnoringCase("refused"));
    }

    @Test
    void aLoginTheDatabaseRefusesIsOneShortLineNamingTheDatabase() throws Exception {
        String url = db.jdbcUrl().replaceFirst("\\?.*$", ""); // without its ?user=postgres
        List<String> lines = exportInItsOwnJvm(url, "nobody");

        assertThat(lines).hasSizeLessThanOrEqualTo(5);
        assertThat(lines).filteredOn(l -> l.contains(url)).singleElement()
                .satisfies(l -> assertThat(l).startsWith("导出失败：财政数据库拒绝登录").contains("nobody"));
    }

    @Test
    void anOutFolderThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        long start = System.nanoTime();
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, null, narratives(), file.resolve("out")));

        assertThat(run.exitCode()).isEqualTo(ExportCommand.USAGE);
        assertThat(run.err()).contains("--out 文件夹无法写入").contains(file.toString());
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("refused before the hub starts").isLessThan(5);
    }

    @Test
    void aYearWithoutAgenciesSaysSoAndNamesNoPackageFolder() throws Exception {
        ExportRun run = ExportRun.of(ExportRun.args(db, 2031, null, narratives(), dir.resolve("none")));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).contains("该年度尚无数据").contains("2031 年尚无数据")
                .doesNotContain("新版本").doesNotContain("发布包目录");
        assertThat(dir.resolve("none/2031")).doesNotExist();
    }

    /** Every folder of the year holds the files its manifest lists, with their checksums, and no staging left over. */
    private static void assertEveryPackageFolderIsComplete(Path year) throws Exception {
        if (!Files.isDirectory(year)) {
            return;
        }
        try (Stream<Path> folders = Files.list(year)) {
            for (Path folder : folders.toList()) {
                assertThat(folder.getFileName().toString()).as("no staging folder left behind").doesNotStartWith(".");
                JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
                for (JsonNode f : manifest.path("files")) {
                    Path file = folder.resolve(f.path("name").asText());
                    assertThat(file).exists();
                    assertThat(PackageFile.sha256(Files.readAllBytes(file))).isEqualTo(f.path("sha256").asText());
                }
            }
        }
    }

    /** java … export in a JVM of its own, as an operator runs it: every line it prints, stdout and stderr. */
    private List<String> exportInItsOwnJvm(String url, String user) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhub.finance.connect-timeout-ms=3000", "-cp", System.getProperty("java.class.path"), "org.budgethub.cli.Main",
                "export", "--finance-url=" + url, "--finance-user=" + user, "--finance-password=wrong", "--year=2026",
                "--narratives=" + narratives(), "--out=" + dir.resolve("jvm-out")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(new File(".")).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        return output.lines().filter(l -> !l.isBlank()).toList();
    }

    private interface Export {
        ExportRun run() throws Exception;
    }

    /** Runs the export with these system properties (what {@code java -Dkey=value -jar …} sets), then restores them. */
    private static ExportRun withProperties(Export export, String... keyValues) throws Exception {
        List<String[]> saved = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            saved.add(new String[] {keyValues[i], System.getProperty(keyValues[i])});
            System.setProperty(keyValues[i], keyValues[i + 1]);
        }
        try {
            return export.run();
        } finally {
            for (String[] s : saved) {
                if (s[1] == null) {
                    System.clearProperty(s[0]);
                } else {
                    System.setProperty(s[0], s[1]);
                }
            }
        }
    }
}
