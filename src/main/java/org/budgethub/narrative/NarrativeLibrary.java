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

    private final Path folder;
    private final Map<Key, List<Path>> index = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private NarrativeLibrary(Path folder) {
        this.folder = folder;
    }

    /** Indexes the folder; unreadable files are reported by {@link #problems()}, not thrown. */
    public static NarrativeLibrary scan(Path folder) {
        NarrativeLibrary library = new NarrativeLibrary(folder);
        if (folder == null || !Files.isDirectory(folder)) {
            library.problems.add("narratives folder not found: " + folder);
            return library;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted()
                    .forEach(library::add);
        } catch (IOException e) {
            library.problems.add("cannot list narratives folder " + folder + ": " + e.getMessage());
        }
        return library;
    }

    private void add(Path file) {
        try {
            NarrativeInput input = read(file);
            index.computeIfAbsent(new Key(input.agency(), input.year()), k -> new ArrayList<>()).add(file);
        } catch (RuntimeException e) {
            problems.add("narrative " + file.getFileName() + " skipped: " + e.getMessage());
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
        List<Path> files = index.getOrDefault(new Key(agency, year), List.of());
        if (files.isEmpty()) {
            throw new DataError(Stage.MODEL, "no narrative for agency " + agency + ", year " + year
                    + " in " + folder + " (缺少单位预算说明的撰写内容)");
        }
        if (files.size() > 1) {
            throw new DataError(Stage.MODEL, "several narratives for agency " + agency + ", year " + year + ": "
                    + files.stream().map(p -> p.getFileName().toString()).toList());
        }
        return read(files.get(0));
    }

    /**
     * The narrative of (agency, year), if there is one.
     *
     * @throws DataError when two files claim the same agency and year
     */
    public Optional<NarrativeInput> find(String agency, int year) {
        List<Path> files = index.getOrDefault(new Key(agency, year), List.of());
        return files.isEmpty() ? Optional.empty() : Optional.of(require(agency, year));
    }

    /** Reads one narrative file; its agency and year keys are required. */
    public static NarrativeInput read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(doc instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("not a YAML mapping");
            }
            return fromMap(map);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read: " + e.getMessage(), e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException("invalid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    static NarrativeInput fromMap(Map<?, ?> map) {
        String agency = text(map.get("agency"));
        if (agency.isEmpty()) {
            throw new IllegalArgumentException("key 'agency' is missing");
        }
        Object yearValue = map.get("year");
        int year;
        try {
            year = Integer.parseInt(text(yearValue));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key 'year' is missing or not a year: " + yearValue);
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
