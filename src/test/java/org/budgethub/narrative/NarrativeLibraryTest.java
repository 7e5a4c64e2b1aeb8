package org.budgethub.narrative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.model.DataError;
import org.budgethub.model.NarrativeInput;

class NarrativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void matchesOnTheAgencyAndYearKeysNeverOnTheFileName() throws Exception {
        Files.writeString(dir.resolve("999999-2025.yaml"), """
                agency: "101023"
                year: 2026
                duties: |
                  1.第一条。
                  2.第二条。
                reasons:
                  income: 主要原因是测试
                notes:
                  - 一条说明。
                contact:
                  name: 陈群
                  phone: 023-67642281
                """);
        NarrativeLibrary library = NarrativeLibrary.scan(dir);
        NarrativeInput input = library.require("101023", 2026);
        assertThat(input.duties()).isEqualTo("1.第一条。\n2.第二条。");
        assertThat(input.reason("income")).isEqualTo("主要原因是测试");
        assertThat(input.reason("basic")).isEmpty();
        assertThat(input.notes()).containsExactly("一条说明。");
        assertThat(input.contactPhone()).isEqualTo("023-67642281");
        assertThat(library.find("999999", 2025)).isEmpty();
    }

    @Test
    void anUnquotedAgencyCodeAndEveryOptionalKeyMissingStillRead() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "agency: 101023\nyear: '2026'\n");
        NarrativeInput input = NarrativeLibrary.scan(dir).require("101023", 2026);
        assertThat(input.duties()).isEmpty();
        assertThat(input.notes()).isEmpty();
        assertThat(input.contactName()).isEmpty();
    }

    @Test
    void aMissingNarrativeFailsTheAgencyWithAReadableReason() {
        assertThatThrownBy(() -> NarrativeLibrary.scan(dir).require("101023", 2026))
                .isInstanceOf(DataError.class)
                .hasMessageContaining("缺少单位 101023 2026 年预算说明的撰写内容");
    }

    @Test
    void twoFilesForOneAgencyAndYearAreAConflictNotAGuess() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "agency: '1'\nyear: 2026\n");
        Files.writeString(dir.resolve("b.yaml"), "agency: '1'\nyear: 2026\n");
        assertThatThrownBy(() -> NarrativeLibrary.scan(dir).require("1", 2026))
                .isInstanceOf(DataError.class)
                .hasMessageContaining("a.yaml").hasMessageContaining("b.yaml");
    }

    @Test
    void brokenFilesAreReportedAndSkipped() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "agency: [unclosed\n");
        Files.writeString(dir.resolve("noyear.yaml"), "agency: '7'\n");
        Files.writeString(dir.resolve("notes.txt"), "agency: '8'\nyear: 2026\n");
        NarrativeLibrary library = NarrativeLibrary.scan(dir);
        assertThat(library.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("broken.yaml").contains("第 2 行"))
                .anySatisfy(p -> assertThat(p).contains("noyear.yaml").contains("year"));
        assertThat(library.size()).isZero();
    }

    @Test
    void aBrokenFileOfAnAgencyFailsThatAgencyNamingFileLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("101023-2026.yaml"), """
                agency: "101023"
                year: 2026
                duties: 主要职能: 负责本单位工作
                """);
        NarrativeLibrary library = NarrativeLibrary.scan(dir);

        assertThatThrownBy(() -> library.find("101023", 2026))
                .as("a broken narrative is not a missing one")
                .isInstanceOf(DataError.class)
                .hasMessageContaining("101023-2026.yaml").hasMessageContaining("第 3 行第 13 列")
                .hasMessageContaining("含“: ”的文字须整段加引号").hasMessageNotContaining("缺少单位");
        assertThat(library.problems()).singleElement().satisfies(p -> assertThat(p).contains("101023-2026.yaml").contains("单位 101023"));
    }

    @Test
    void aKeyWrittenTwiceIsAnErrorNotASilentOverwrite() throws Exception {
        Files.writeString(dir.resolve("twice.yaml"), """
                agency: "101023"
                year: 2026
                reasons:
                  income: 第一次写的原因
                reasons:
                  income: 第二次写的原因
                """);

        assertThatThrownBy(() -> NarrativeLibrary.scan(dir).require("101023", 2026))
                .isInstanceOf(DataError.class)
                .hasMessageContaining("twice.yaml").hasMessageContaining("第 5 行第 1 列").hasMessageContaining("键“reasons”重复出现")
                // the author reads Chinese: SnakeYAML's own English ("found duplicate key") stays out
                .hasMessageNotContaining("found").hasMessageNotContaining("duplicate");
    }

    @Test
    void aProblemWithoutOwnWordsIsStillToldInChinese() throws Exception {
        Files.writeString(dir.resolve("odd.yaml"), "agency: \"101023\"\nyear: 2026\nduties: &a 一\nnotes: *b\n");

        assertThatThrownBy(() -> NarrativeLibrary.scan(dir).require("101023", 2026))
                .isInstanceOf(DataError.class)
                .hasMessageContaining("odd.yaml").hasMessageContaining("YAML 格式错误")
                .satisfies(e -> assertThat(e.getMessage().replace("odd.yaml", "").replace("YAML", "")).doesNotContainPattern("[A-Za-z]{3,}"));
    }

    @Test
    void aCachedScanReadsOnlyWhatChangedAndSeesEditsRemovalsAndNewFiles() throws Exception {
        Path a = dir.resolve("a.yaml");
        Files.writeString(a, "agency: \"101023\"\nyear: 2026\nduties: 一\n");
        Files.writeString(dir.resolve("b.yaml"), "agency: \"101031\"\nyear: 2026\n");
        NarrativeLibrary.Cache cache = new NarrativeLibrary.Cache();
        NarrativeLibrary first = NarrativeLibrary.scan(dir, cache);
        String hashA = first.contentHashes(2026).get("101023");
        assertThat(first.contentHashes(2026)).containsOnlyKeys("101023", "101031");

        // Same size and modification time: the cache trusts what it saw and does not read the file again.
        java.nio.file.attribute.FileTime stamp = Files.getLastModifiedTime(a);
        Files.writeString(a, "agency: \"101099\"\nyear: 2026\nduties: 一\n");
        Files.setLastModifiedTime(a, stamp);
        assertThat(NarrativeLibrary.scan(dir, cache).find("101023", 2026)).as("not read again").isPresent();

        // An edit (new time), a removed file and a new one are all seen.
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(stamp.toMillis() + 2000));
        Files.delete(dir.resolve("b.yaml"));
        Files.writeString(dir.resolve("c.yaml"), "agency: \"101040\"\nyear: 2026\n");
        NarrativeLibrary second = NarrativeLibrary.scan(dir, cache);
        assertThat(second.find("101023", 2026)).isEmpty();
        assertThat(second.require("101099", 2026).duties()).isEqualTo("一");
        assertThat(second.find("101031", 2026)).isEmpty();
        assertThat(second.contentHashes(2026)).containsOnlyKeys("101099", "101040");

        // Content, not time: the file written back as it was hashes as before.
        Files.writeString(a, "agency: \"101023\"\nyear: 2026\nduties: 一\n");
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(stamp.toMillis() + 4000));
        assertThat(NarrativeLibrary.scan(dir, cache).contentHashes(2026)).containsEntry("101023", hashA);
    }

    @Test
    void aFileThatIsNotUtf8IsReportedNotReadWithReplacementCharacters() throws Exception {
        Files.write(dir.resolve("gbk.yaml"), "agency: \"101023\"\nyear: 2026\nduties: 负责\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        NarrativeLibrary library = NarrativeLibrary.scan(dir, new NarrativeLibrary.Cache());
        assertThat(library.problems()).singleElement().satisfies(p -> assertThat(p).contains("gbk.yaml").contains("无法读取"));
        assertThat(library.find("101023", 2026)).isEmpty();
    }

    @Test
    void misspeltKeysAreReportedWithFileLineAndTheClosestContractKey() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                agency: "101023"
                year: 2026
                reason:
                  income: 主要原因是测试
                reasons:
                  incme: 主要原因是测试
                  sangongabroad: 出国
                contacts:
                  name: 陈群
                contact:
                  phon: 023-67642281
                phone: 023-67642281
                """);
        NarrativeInput input = NarrativeLibrary.scan(dir).require("101023", 2026);

        assertThat(input.unknownKeys()).extracting(NarrativeInput.UnknownKey::key, NarrativeInput.UnknownKey::closest,
                NarrativeInput.UnknownKey::where).containsExactly(
                tuple("reason", "reasons", "说明文件 a.yaml 第 3 行"),
                tuple("reasons.incme", "reasons.income", "说明文件 a.yaml 第 6 行"),
                tuple("reasons.sangongabroad", "reasons.sangongAbroad", "说明文件 a.yaml 第 7 行"),
                tuple("contacts", "contact", "说明文件 a.yaml 第 8 行"),
                tuple("contact.phon", "contact.phone", "说明文件 a.yaml 第 11 行"),
                tuple("phone", "contact.phone", "说明文件 a.yaml 第 12 行"));
    }

    @Test
    void theSeedNarrativeHasOnlyContractKeys() throws Exception {
        try (var in = NarrativeLibraryTest.class.getResourceAsStream("/seed/101023-2026.yaml")) {
            Files.copy(in, dir.resolve("seed.yaml"));
        }
        assertThat(NarrativeLibrary.scan(dir).require("101023", 2026).unknownKeys()).isEmpty();
    }
}
