package org.budgethub.narrative;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.budgethub.model.DataError;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.Stage;

/**
 * The authored narratives of a folder: every {@code *.yaml} file, matched on its {@code agency} and
 * {@code year} keys, never on the file name. Only the index is held in memory; a narrative is read
 * again when its agency comes through the pipeline, so a province's worth of files stays cheap, and
 * with a {@link Cache} a scan reads only the files that changed since the last one.
 */
public final class NarrativeLibrary {

    private record Key(String agency, int year) {
    }

    /** A file that claims (agency, year) but cannot be read: its agency gets the error, not a "missing narrative". */
    private record Broken(Path file, String problem) {
    }

    private static final java.util.regex.Pattern AGENCY_LINE = java.util.regex.Pattern.compile("^agency\\s*:\\s*['\"]?([A-Za-z0-9_-]+)['\"]?\\s*(#.*)?$");
    private static final java.util.regex.Pattern YEAR_LINE = java.util.regex.Pattern.compile("^year\\s*:\\s*['\"]?(\\d{4})['\"]?\\s*(#.*)?$");

    private final Path folder;
    private final Map<Key, List<Path>> index = new HashMap<>();
    private final Map<Key, List<Broken>> broken = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Every file indexed, in name order, with what it was found to hold. */
    private final Map<Path, Seen> seen = new LinkedHashMap<>();

    private NarrativeLibrary(Path folder) {
        this.folder = folder;
    }

    /**
     * What one file held when it was last read: the key it was indexed under (or the key it claims
     * and why it cannot be used) and the SHA-256 of its bytes. Only this is kept, never the text.
     */
    private record Seen(long size, FileTime modified, Key key, Key claimed, String problem, byte[] sha256) {

        boolean sameFile(long size, FileTime modified) {
            return this.size == size && this.modified.equals(modified);
        }
    }

    /**
     * What the files of a folder were found to hold, kept between scans: a file whose size and
     * modification time did not change is not read again, so the nightly run and every rerun of a
     * province's 20,000 narratives re-read only the files someone edited.
     */
    public static final class Cache {
        private final Map<Path, Seen> files = new ConcurrentHashMap<>();
    }

    /** Indexes the folder; unreadable files are reported by {@link #problems()}, not thrown. */
    public static NarrativeLibrary scan(Path folder) {
        return scan(folder, new Cache());
    }

    /** Indexes the folder, reading only the files that changed since {@code cache} saw them. */
    public static NarrativeLibrary scan(Path folder, Cache cache) {
        NarrativeLibrary library = new NarrativeLibrary(folder);
        if (folder == null || !Files.isDirectory(folder)) {
            library.problems.add("找不到说明文件夹：" + folder);
            return library;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            library.problems.add("无法读取说明文件夹 " + folder + "：" + e.getMessage());
            return library;
        }
        for (Path file : files) {
            library.add(file, cache);
        }
        cache.files.keySet().retainAll(new java.util.HashSet<>(files));
        return library;
    }

    private void add(Path file, Cache cache) {
        Seen s;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Seen cached = cache.files.get(file);
            s = cached != null && cached.sameFile(attributes.size(), attributes.lastModifiedTime()) ? cached
                    : read(file, attributes.size(), attributes.lastModifiedTime());
            cache.files.put(file, s);
        } catch (IOException e) {
            s = new Seen(-1, FileTime.fromMillis(0), null, null, "无法读取：" + e.getMessage(), null);
        }
        seen.put(file, s);
        if (s.key() != null) {
            index.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(file);
            return;
        }
        String problem = "说明文件 " + file.getFileName() + " 无法使用：" + s.problem();
        if (s.claimed() != null) {
            broken.computeIfAbsent(s.claimed(), k -> new ArrayList<>()).add(new Broken(file, problem));
            problems.add(problem + "（单位 " + s.claimed().agency() + "，" + s.claimed().year() + " 年）");
        } else {
            problems.add(problem);
        }
    }

    private static Seen read(Path file, long size, FileTime modified) throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] sha256 = sha256().digest(content);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Seen(size, modified, null, null, "无法读取：" + e.getMessage(), sha256);
        }
        try {
            NarrativeInput input = parse(text, file.getFileName().toString());
            return new Seen(size, modified, new Key(input.agency(), input.year()), null, null, sha256);
        } catch (RuntimeException e) {
            return new Seen(size, modified, null, claimedBy(text), e.getMessage(), sha256);
        }
    }

    /** The agency and year a file that cannot be parsed names on its own top-level lines, if it does. */
    private static Key claimedBy(String text) {
        String agency = null;
        Integer year = null;
        for (String line : text.lines().toList()) {
            var a = AGENCY_LINE.matcher(line.stripTrailing());
            var y = YEAR_LINE.matcher(line.stripTrailing());
            if (agency == null && a.matches()) {
                agency = a.group(1);
            } else if (year == null && y.matches()) {
                year = Integer.parseInt(y.group(1));
            }
        }
        return agency != null && year != null ? new Key(agency, year) : null;
    }

    /**
     * Per agency, a fingerprint of its narrative files of {@code year} (matched on their agency and
     * year keys; a file that cannot be parsed by the agency and year it names on its own lines): an
     * edit, a new file or a removed one changes it. Content, not modification time: a file copied
     * back unchanged is no change.
     */
    public Map<String, String> contentHashes(int year) {
        Map<String, MessageDigest> digests = new TreeMap<>();
        seen.forEach((file, s) -> {
            Key key = s.key() != null ? s.key() : s.claimed();
            if (key != null && key.year() == year && s.sha256() != null) {
                MessageDigest d = digests.computeIfAbsent(key.agency(), k -> sha256());
                d.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(s.sha256());
            }
        });
        Map<String, String> out = new HashMap<>();
        digests.forEach((agency, d) -> out.put(agency, HexFormat.of().formatHex(d.digest())));
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * A file of the folder as the scan found it: the agency and year it holds (null when it cannot be
     * read, {@code problem} then says why, with its line), and the SHA-256 (hex) of its bytes.
     */
    public record FileEntry(Path file, String agency, Integer year, String problem, String sha256) {
    }

    /** Every {@code *.yaml} file of the folder, in name order, as the scan found it (read only when it changed). */
    public List<FileEntry> files() {
        List<FileEntry> out = new ArrayList<>();
        seen.forEach((file, s) -> {
            Key key = s.key() != null ? s.key() : s.claimed();
            out.add(new FileEntry(file, key == null ? null : key.agency(), key == null ? null : key.year(),
                    s.key() != null ? null : "说明文件 " + file.getFileName() + " 无法使用：" + s.problem(),
                    s.sha256() == null ? null : HexFormat.of().formatHex(s.sha256())));
        });
        return out;
    }

    /**
     * The narrative of {@code agency} for the latest year before {@code year} that has one, if any
     * (what the hub's draft carries forward when the run reads the folder itself).
     */
    public Optional<NarrativeInput> latestBefore(String agency, int year) {
        return index.keySet().stream().filter(k -> k.agency().equals(agency) && k.year() < year)
                .max(java.util.Comparator.comparingInt(Key::year)).flatMap(k -> find(k.agency(), k.year()));
    }

    public int size() {
        return index.size();
    }

    /**
     * The narrative of (agency, year).
     *
     * @throws DataError when there is none, or when two files claim the same agency and year
     */
    public NarrativeInput require(String agency, int year) {
        Key key = new Key(agency, year);
        List<Broken> unreadable = broken.getOrDefault(key, List.of());
        if (!unreadable.isEmpty()) {
            throw new DataError(Stage.MODEL, String.join("；", unreadable.stream().map(Broken::problem).toList()));
        }
        List<Path> files = index.getOrDefault(key, List.of());
        if (files.isEmpty()) {
            throw new DataError(Stage.MODEL, "缺少单位 " + agency + " " + year + " 年预算说明的撰写内容：" + folder
                    + " 中没有 agency 为 " + agency + "、year 为 " + year + " 的说明文件");
        }
        if (files.size() > 1) {
            throw new DataError(Stage.MODEL, "单位 " + agency + " " + year + " 年有多个说明文件，须只留一个："
                    + String.join("、", files.stream().map(p -> p.getFileName().toString()).toList()));
        }
        return read(files.get(0));
    }

    /**
     * The narrative of (agency, year), if there is one.
     *
     * @throws DataError when two files claim the same agency and year
     */
    public Optional<NarrativeInput> find(String agency, int year) {
        Key key = new Key(agency, year);
        boolean none = index.getOrDefault(key, List.of()).isEmpty() && broken.getOrDefault(key, List.of()).isEmpty();
        return none ? Optional.empty() : Optional.of(require(agency, year));
    }

    /**
     * Reads one narrative file; its agency and year keys are required and no key may appear twice
     * (a second {@code reasons:} would silently replace the first).
     */
    public static NarrativeInput read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("无法读取：" + e.getMessage(), e);
        }
    }

    private static NarrativeInput parse(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Yaml yaml = new Yaml(new SafeConstructor(options));
            Object doc = yaml.load(text);
            if (!(doc instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("内容不是“键: 值”的 YAML 映射");
            }
            NarrativeInput input = fromMap(map);
            // The keys again, from the node tree: it knows each key's line, for the person who fixes the file.
            List<NarrativeInput.UnknownKey> unknown = NarrativeKeys.unknown(yaml.compose(new java.io.StringReader(text)), fileName);
            return unknown.isEmpty() ? input : new NarrativeInput(input.agency(), input.year(), input.duties(), input.composition(),
                    input.reasons(), input.notes(), input.contactName(), input.contactPhone(), unknown);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            throw new IllegalArgumentException(YamlProblem.describe(e), e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException(YamlProblem.GENERIC, e);
        }
    }

    static NarrativeInput fromMap(Map<?, ?> map) {
        String agency = text(map.get("agency"));
        if (agency.isEmpty()) {
            throw new IllegalArgumentException("缺少键 agency（单位代码）");
        }
        Object yearValue = map.get("year");
        int year;
        try {
            year = Integer.parseInt(text(yearValue));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("缺少键 year，或其值不是年度：" + yearValue);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        if (map.get("reasons") instanceof Map<?, ?> r) {
            r.forEach((k, v) -> reasons.put(String.valueOf(k), text(v)));
        }
        List<String> notes = new ArrayList<>();
        Object n = map.get("notes");
        if (n instanceof List<?> list) {
            list.forEach(item -> notes.add(text(item)));
        } else if (n != null) {
            notes.add(text(n));
        }
        String contactName = "";
        String contactPhone = "";
        if (map.get("contact") instanceof Map<?, ?> c) {
            contactName = text(c.get("name"));
            contactPhone = text(c.get("phone"));
        }
        return new NarrativeInput(agency, year, text(map.get("duties")), text(map.get("composition")),
                reasons, notes, contactName, contactPhone);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }
}
