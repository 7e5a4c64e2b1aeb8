package org.budgethub.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.budgethub.model.PackageFile;
import org.budgethub.render.PackageLayout;

/**
 * Whether a stored version is whole: its manifest.json is there and every file it lists is there,
 * with the size and SHA-256 it names, and nothing else. Delivery checks the files' content before
 * the first byte goes out; the start-up check compares the stored listing (sizes and hashes kept
 * beside the content), so it need not read every file.
 */
public final class PackageIntegrity {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file as the check sees it: its name, size and SHA-256. */
    public record Entry(String name, long size, String sha256) {
    }

    private PackageIntegrity() {
    }

    /** What is wrong with a version's files as stored (content read back), or empty when it is whole. */
    public static Optional<String> problem(List<PackageFile> files) {
        byte[] manifest = files.stream().filter(f -> PackageLayout.MANIFEST.equals(f.name())).map(PackageFile::content)
                .findFirst().orElse(null);
        return problem(manifest, files.stream().map(f -> new Entry(f.name(), f.size(), f.sha256())).toList());
    }

    /**
     * What is wrong with a version whose manifest is {@code manifest} (null: none stored) and whose
     * stored files are {@code stored}, manifest included; empty when it is whole.
     */
    public static Optional<String> problem(byte[] manifest, List<Entry> stored) {
        if (stored.isEmpty()) {
            return Optional.of("没有保存任何文件");
        }
        if (manifest == null) {
            return Optional.of("缺少 " + PackageLayout.MANIFEST + "（已保存 " + stored.size() + " 个文件）");
        }
        Map<String, Entry> listed = new LinkedHashMap<>();
        try {
            for (JsonNode f : JSON.readTree(manifest).path("files")) {
                listed.put(f.path("name").asText(), new Entry(f.path("name").asText(), f.path("size").asLong(-1), f.path("sha256").asText()));
            }
        } catch (IOException e) {
            return Optional.of(PackageLayout.MANIFEST + " 无法解析");
        }
        if (listed.isEmpty()) {
            return Optional.of(PackageLayout.MANIFEST + " 未列出任何文件");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry e : stored) {
            if (byName.put(e.name(), e) != null) {
                problems.add(e.name() + " 保存了两份");
            }
        }
        for (Entry want : listed.values()) {
            Entry have = byName.get(want.name());
            if (have == null) {
                problems.add("缺少 " + want.name());
            } else if (have.size() != want.size() || !have.sha256().equalsIgnoreCase(want.sha256())) {
                problems.add(want.name() + " 与清单记录的大小或 SHA-256 不符");
            }
        }
        for (String name : byName.keySet()) {
            if (!listed.containsKey(name) && !PackageLayout.MANIFEST.equals(name)) {
                problems.add(name + " 不在清单中");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("；", problems));
    }
}
