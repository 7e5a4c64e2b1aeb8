package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.GoldenFile;

/**
 * The acceptance test of the engine: schema.sql + seed-unit.sql in a real PostgreSQL, the export
 * command for 2026/101023, and the golden file of the published seed disclosure.
 */
class SeedExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FinanceDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSeed() {
        db = FinanceDatabase.create("demo/seed-unit.sql");
    }

    private Path narratives() throws Exception {
        Path narratives = Files.createDirectories(dir.resolve("narratives"));
        try (InputStream in = getClass().getResourceAsStream("/seed/101023-2026.yaml")) {
            Files.copy(in, narratives.resolve("written-by-the-unit.yaml"));
        }
        return narratives;
    }

    private static JsonNode golden() throws Exception {
        try (InputStream in = SeedExportIT.class.getResourceAsStream("/seed/seed-unit-2026.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void exportReproducesTheSeedDisclosureFromLedgerRows() throws Exception {
        Path out = dir.resolve("out");
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, "101023", narratives(), out));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path json = out.resolve("2026/101023/disclosure.json");
        assertThat(json).exists();
        try (var files = Files.list(json.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).as("the complete package").containsExactly(
                    "appropriations.csv", "datapackage.json", "disclosure.html", "disclosure.json", "disclosure.pdf",
                    "disclosure.xlsx", "manifest.json");
        }
        JsonNode disclosure = JSON.readTree(json.toFile());
        assertThat(GoldenFile.differences(golden(), disclosure)).isEmpty();
        assertThat(run.out()).contains("新版本 1 个，未变化 0 个，未通过校验 0 个，失败 0 个");
        assertThat(disclosure.path("findings")).as("the seed raises rounding hints only")
                .allSatisfy(f -> assertThat(f.path("severity").asText()).isEqualTo("INFO"));
        assertThat(disclosure.path("findings")).anySatisfy(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("display.rounding-hint");
            assertThat(f.path("message").asText()).contains("105.55").contains("105.56");
        });
    }

    @Test
    void aChangedNumberInTheAuthoredReasonsIsATextFigureWarning() throws Exception {
        Path narratives = narratives();
        Path file = narratives.resolve("written-by-the-unit.yaml");
        Files.writeString(file, Files.readString(file).replace("179.31 万元", "179.32 万元"));
        Path out = dir.resolve("text");
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, "101023", narratives, out));

        assertThat(run.exitCode()).as("a warning publishes").isZero();
        assertThat(run.out()).contains("警告 narrative.figure-mismatch：说明中“179.32 万元”（reasons.project）");
        JsonNode findings = JSON.readTree(out.resolve("2026/101023/disclosure.json").toFile()).path("findings");
        assertThat(findings).filteredOn(f -> f.path("severity").asText().equals("WARN")).singleElement()
                .satisfies(f -> assertThat(f.path("location").asText()).isEqualTo("说明 reasons.project: 179.32 万元"));
    }

    @Test
    void withoutAgencyEveryAgencyOfTheYearIsExported() throws Exception {
        Path out = dir.resolve("all");
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, null, narratives(), out));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(GoldenFile.differences(golden(), JSON.readTree(out.resolve("2026/101023/disclosure.json").toFile()))).isEmpty();
        try (var years = Files.list(out)) {
            assertThat(years).containsExactly(out.resolve("2026"));
        }
    }

    @Test
    void theGoldenComparisonNoticesAChangedFigure() throws Exception {
        Path out = dir.resolve("changed");
        FinanceDatabase changed = FinanceDatabase.create("demo/seed-unit.sql")
                .sql("UPDATE bgt_ledger SET amount = amount + 100 WHERE entry_id = 'BGT202600057-1';");
        ExportRun run = ExportRun.of(ExportRun.args(changed, 2026, "101023", narratives(), out));

        assertThat(run.exitCode()).isZero();
        assertThat(GoldenFile.differences(golden(), JSON.readTree(out.resolve("2026/101023/disclosure.json").toFile())))
                .anySatisfy(d -> assertThat(d).startsWith("表三: row 0"))
                .anySatisfy(d -> assertThat(d).startsWith("narrative differs"));
    }
}
