package org.budgethub.narrative;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * again when its agency comes through the pipeline, so a province's worth of files stays cheap.
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

    private NarrativeLibrary(Path folder) {
        this.folder = folder;
    }

    /** Indexes the folder; unreadable files are reported by {@link #problems()}, not thrown. */
    public static NarrativeLibrary scan(Path folder) {
        NarrativeLibrary library = new NarrativeLibrary(folder);
        if (folder == null || !Files.isDirectory(folder)) {
            library.problems.add("找不到说明文件夹：" + folder);
            return library;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted()
                    .forEach(library::add);
        } catch (IOException e) {
            library.problems.add("无法读取说明文件夹 " + folder + "：" + e.getMessage());
        }
        return library;
    }

    private void add(Path file) {
        try {
            NarrativeInput input = read(file);
            index.computeIfAbsent(new Key(input.agency(), input.year()), k -> new ArrayList<>()).add(file);
        } catch (RuntimeException e) {
            String problem = "说明文件 " + file.getFileName() + " 无法使用：" + e.getMessage();
            Key claimed = claimedBy(file);
            if (claimed != null) {
                broken.computeIfAbsent(claimed, k -> new ArrayList<>()).add(new Broken(file, problem));
                problems.add(problem + "（单位 " + claimed.agency() + "，" + claimed.year() + " 年）");
            } else {
                problems.add(problem);
            }
        }
    }

    /** The agency and year a file that cannot be parsed names on its own top-level lines, if it does. */
    private static Key claimedBy(Path file) {
        try {
            String agency = null;
            Integer year = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                var a = AGENCY_LINE.matcher(line.stripTrailing());
                var y = YEAR_LINE.matcher(line.stripTrailing());
                if (agency == null && a.matches()) {
                    agency = a.group(1);
                } else if (year == null && y.matches()) {
                    year = Integer.parseInt(y.group(1));
                }
            }
            return agency != null && year != null ? new Key(agency, year) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
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
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(options)).load(reader);
            if (!(doc instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("内容不是“键: 值”的 YAML 映射");
            }
            return fromMap(map);
        } catch (IOException e) {
            throw new IllegalArgumentException("无法读取：" + e.getMessage(), e);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            throw new IllegalArgumentException(YamlProblem.describe(e), e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException("YAML 格式错误（" + e.getMessage().lines().findFirst().orElse("") + "）", e);
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
