package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeLibrary;

/**
 * The mapping from a file to the store and back, without a database: every file of config/narratives/
 * read as the import reads it, stored as JSON, read back and written as YAML reads back as the same
 * words; the export's YAML keeps what YAML would otherwise take for something else.
 */
class NarrativeExportTest {

    @Test
    void everyShippedFileThroughTheStoreAndBackIsTheSameWords(@TempDir Path out) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("config/narratives"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            NarrativeInput read = NarrativeLibrary.read(file);
            assertThat(Words.problems(read)).as(file.toString()).isEmpty();
            NarrativeInput stored = Words.fromStored(read.agency(), read.year(), Words.storedText(Words.canonical(read.agency(), read.year(), read)));
            NarrativeVersion v = new NarrativeVersion(read.agency(), read.year(), 1, WordStatus.CONFIRMED, stored, "import:" + file.getFileName(),
                    Instant.parse("2026-01-05T02:00:00Z"), WordSource.IMPORT, Words.hash(stored));
            Path exported = out.resolve(NarrativeExport.fileName(v.code(), v.year()));
            Files.writeString(exported, NarrativeExport.yaml(v, ZoneId.of("Asia/Shanghai")));
            NarrativeInput back = NarrativeLibrary.read(exported);
            assertThat(back).as(file.toString()).isEqualTo(read);
            assertThat(exported.getFileName().toString()).isEqualTo(file.getFileName().toString());
        }
    }

    @Test
    void textsYamlWouldReadAsSomethingElseAreQuotedAndSeveralLinesAreALiteralBlock(@TempDir Path out) throws Exception {
        NarrativeInput words = new NarrativeInput("007", 2026, "第一行\n  缩进的第二行\n", "- 不是列表", Map.of("income", "=1+1", "basic", "@x: y",
                "project", "yes", "fund", "# 不是注释", "adminCost", "'引号' \"双引号\" <b>&</b>", "sangong", "1.50"),
                List.of("123", "null"), "张三", "023-67642281");
        String yaml = NarrativeExport.yaml(words);
        assertThat(yaml).startsWith("agency: '007'\nyear: 2026\nduties: |-\n");
        Path file = out.resolve("007-2026.yaml");
        Files.writeString(file, yaml);
        assertThat(NarrativeLibrary.read(file)).isEqualTo(Words.canonical("007", 2026, words));
    }
}
