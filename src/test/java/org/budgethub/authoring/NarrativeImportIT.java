package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.yaml.snakeyaml.Yaml;

/**
 * The YAML folder into the store and back: every file a version, unchanged content skipped (by the
 * file's bytes, by the words it last gave, by the latest version), an unchanged file never over newer
 * words saved in the console, a changed one the newest version; a file that cannot be parsed (or has
 * an unknown key, or shares its agency and year with another) reported with file, line and reason,
 * nothing of it taken; and import then export of config/narratives/ giving back the same keys and texts.
 */
class NarrativeImportIT extends NarrativesTestSupport {

    private static final Path SHIPPED = Path.of("config/narratives");

    @Autowired
    NarrativeStore store;

    private void copyShipped() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, FOLDER.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private JsonNode importFolder() throws Exception {
        return ok(post("/api/narratives/import").with(operator()).with(csrf()));
    }

    @Test
    void everyFileBecomesAConfirmedVersionOnceAndAnUnchangedFolderImportsNothing() throws Exception {
        copyShipped();
        JsonNode first = importFolder();
        assertThat(first.path("imported").findValuesAsText("code")).containsExactlyInAnyOrder("101", "101001", "101023", "101031", "102",
                "102001", "103005", "104002");
        assertThat(first.path("problems")).isEmpty();
        NarrativeVersion seed = store.latest("101023", 2026).orElseThrow();
        assertThat(seed.version()).isEqualTo(1);
        assertThat(seed.status()).isEqualTo(WordStatus.CONFIRMED);
        assertThat(seed.source()).isEqualTo(WordSource.IMPORT);
        assertThat(seed.author()).isEqualTo("import:101023-2026.yaml");
        assertThat(seed.words().reason("expenditure")).isEqualTo("主要是基本支出预算增加 122.38 万元，项目支出预算减少 904.31 万元");

        JsonNode again = importFolder();
        assertThat(again.path("imported")).isEmpty();
        assertThat(again.path("unchanged").asInt()).isEqualTo(8);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM narrative_version", Integer.class)).isEqualTo(8);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'narrative.import'", Integer.class)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnchangedFileNeverOverwritesNewerWordsFromTheConsoleAndAChangedOneBecomesTheNewestVersion() throws Exception {
        copyShipped();
        importFolder();
        ok(save("101023", "\"1\"", body("{\"duties\": \"控制台保存的职责\"}"), author()));

        Path file = FOLDER.resolve("101023-2026.yaml");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5))); // touched, not changed
        importFolder();
        assertThat(store.latest("101023", 2026).orElseThrow().words().duties()).isEqualTo("控制台保存的职责");

        Files.writeString(file, "# 只改了注释\n" + Files.readString(file)); // the bytes change, the words do not
        assertThat(importFolder().path("imported")).isEmpty();
        assertThat(store.latest("101023", 2026).orElseThrow().version()).isEqualTo(2);

        Files.writeString(file, Files.readString(file).replace("主要是基本支出预算增加 122.38 万元", "主要是基本支出预算增加 122.38 万元（文件修改）"));
        JsonNode changed = importFolder();
        assertThat(changed.path("imported").findValuesAsText("code")).containsExactly("101023");
        NarrativeVersion newest = store.latest("101023", 2026).orElseThrow();
        assertThat(newest.version()).isEqualTo(3);
        assertThat(newest.source()).isEqualTo(WordSource.IMPORT);
        assertThat(newest.words().reason("expenditure")).contains("122.38 万元（文件修改）");
        assertThat(newest.words().duties()).as("the file's words win as a whole: newest version wins").startsWith("1.承接市级应用");
    }

    @Test
    void aFileThatCannotBeUsedIsReportedWithFileLineAndReasonAndNothingOfItIsTaken() throws Exception {
        Files.writeString(FOLDER.resolve("broken.yaml"), """
                agency: "101031"
                year: 2026
                duties: |
                  职责
                 reasons:
                  income: x
                """);
        Files.writeString(FOLDER.resolve("misspelt.yaml"), """
                agency: "101001"
                year: 2026
                duties: 职责
                reasons:
                  incom: 收入
                """);
        Files.writeString(FOLDER.resolve("a.yaml"), "agency: \"102001\"\nyear: 2026\nduties: 甲\n");
        Files.writeString(FOLDER.resolve("b.yaml"), "agency: \"102001\"\nyear: 2026\nduties: 乙\n");
        Files.writeString(FOLDER.resolve("good.yaml"), "agency: \"104002\"\nyear: 2026\nduties: 职责\n");

        JsonNode report = importFolder();
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.asText()));
        assertThat(report.path("imported").findValuesAsText("code")).containsExactly("104002");
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("broken.yaml", "第 5 行", "101031"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("misspelt.yaml", "reasons.incom", "第 5 行", "reasons.income"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("a.yaml", "b.yaml", "102001"));
        assertThat(store.codes(2026)).containsExactly("104002");

        MockHttpServletResponse none = perform(get("/api/narratives/2026/101031").with(operator()));
        assertThat(none.getStatus()).isEqualTo(404);
    }

    @Test
    void importThenExportOfTheShippedFolderGivesBackTheSameKeysAndTexts() throws Exception {
        copyShipped();
        importFolder();
        MockHttpServletResponse zip = perform(get("/api/narratives/export").param("year", "2026").with(operator()));
        assertThat(zip.getStatus()).isEqualTo(200);
        assertThat(zip.getContentType()).isEqualTo("application/zip");
        assertThat(zip.getHeader("Content-Disposition")).contains("narratives-2026.zip");
        Map<String, String> exported = unzip(zip.getContentAsByteArray());

        Map<String, Object> expected = new TreeMap<>();
        Map<String, Object> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Map<String, Object> original = normalised(Files.readString(f));
                expected.put(original.get("agency") + "-" + original.get("year"), original);
            }
        }
        exported.forEach((name, text) -> {
            Map<String, Object> back = normalised(text);
            assertThat(name).isEqualTo(back.get("agency") + "-" + back.get("year") + ".yaml");
            actual.put(back.get("agency") + "-" + back.get("year"), back);
        });
        assertThat(actual).isEqualTo(expected);

        // and the exported files, put back in the folder, are the same words: nothing new
        FileSystemCleaner.empty(FOLDER);
        for (Map.Entry<String, String> e : exported.entrySet()) {
            Files.writeString(FOLDER.resolve(e.getKey()), e.getValue());
        }
        JsonNode reimport = importFolder();
        assertThat(reimport.path("imported")).isEmpty();
        assertThat(reimport.path("problems")).isEmpty();

        // an author's zip holds its own agencies only
        Map<String, String> own = unzip(perform(get("/api/narratives/export").param("year", "2026").with(author())).getContentAsByteArray());
        assertThat(own).containsOnlyKeys("101023-2026.yaml");
    }

    /** A YAML file's keys and texts: texts stripped, empty ones left out (CONTRACT §1: a key may be missing or empty). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalised(String yaml) {
        return (Map<String, Object>) normalise(new Yaml().load(yaml));
    }

    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object n = normalise(v);
                if (!(n instanceof String s && s.isEmpty())) {
                    out.put(String.valueOf(k), n);
                }
            });
            return new TreeMap<>(out);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(NarrativeImportIT::normalise).filter(n -> !(n instanceof String s && s.isEmpty())).toList();
        }
        return value instanceof String s ? s.strip() : value;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static final class FileSystemCleaner {
        static void empty(Path folder) throws IOException {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
