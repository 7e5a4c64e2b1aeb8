package org.budgethub.authoring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

import org.budgethub.model.NarrativeInput;

/**
 * The store's words back out as the YAML folder holds them: one file per agency and year,
 * {@code <code>-<year>.yaml}, with the CONTRACT §1 keys (the non-empty ones, in the contract's order),
 * that the import (and the export command's {@code --narratives}) reads back to the same words. For
 * backups and for bureaus that prefer files. Plain Java.
 */
public final class NarrativeExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private NarrativeExport() {
    }

    /** The file name of (code, year): {@code 101023-2026.yaml}, as config/narratives/ names its files. */
    public static String fileName(String code, int year) {
        return code + "-" + year + ".yaml";
    }

    /** One version as a YAML file, a comment saying which version it is. */
    public static String yaml(NarrativeVersion v, ZoneId zone) {
        String header = "# 导出自预算公开集成中枢的说明库：单位 " + v.code() + "，" + v.year() + " 年，第 " + v.version() + " 版（"
                + v.status().label() + "，" + oneLine(v.author()) + "，" + TIME.format(v.createdAt().atZone(zone)) + "）\n"
                + "# 放回说明文件夹（hub.narratives.dir）后，内容有改动时下次导入成为新版本。\n";
        return header + yaml(v.words());
    }

    /** The words as YAML: agency (quoted), year, then the non-empty keys of the contract in its order. */
    public static String yaml(NarrativeInput words) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("agency", words.agency());
        doc.put("year", words.year());
        doc.putAll(Words.storedMap(words));
        return yaml().dump(doc);
    }

    /** Every version given as a zip of YAML files. */
    public static byte[] zip(List<NarrativeVersion> versions, ZoneId zone) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (NarrativeVersion v : versions) {
                ZipEntry entry = new ZipEntry(fileName(v.code(), v.year()));
                entry.setTime(v.createdAt().toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(yaml(v, zone).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Block style, no line folding, Chinese as it is; a text of several lines as a literal block
     * ({@code |}), as a person writes it. SnakeYAML quotes whatever would not read back as the same
     * text (a code of digits, a leading {@code -} or {@code @}, a {@code : } inside).
     */
    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        return new Yaml(new TextRepresenter(options), options);
    }

    private static final class TextRepresenter extends Representer {
        TextRepresenter(DumperOptions options) {
            super(options);
            Represent plain = this.representers.get(String.class);
            this.representers.put(String.class, data -> {
                String s = (String) data;
                if (s.indexOf('\n') >= 0) {
                    return representScalar(Tag.STR, s, DumperOptions.ScalarStyle.LITERAL);
                }
                return plain.representData(data);
            });
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }
}
