package org.budgethub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a narrative in the shape of config/narratives/*.yaml (CONTRACT.md §1 keys): the agency code
 * quoted (a code such as 101001 must stay a string), multi-line text as block scalars, the rest as
 * double-quoted strings.
 */
public final class NarrativeFiles {

    private NarrativeFiles() {
    }

    /** Writes {@code <agency>-<year>.yaml} into {@code dir}; the file written. */
    public static Path write(Path dir, Map<String, Object> narrative) throws IOException {
        Path file = dir.resolve(narrative.get("agency") + "-" + narrative.get("year") + ".yaml");
        Files.writeString(file, yaml(narrative), StandardCharsets.UTF_8);
        return file;
    }

    @SuppressWarnings("unchecked")
    static String yaml(Map<String, Object> n) {
        StringBuilder y = new StringBuilder();
        y.append("# Synthetic narrative made by the generate command (invented text, not a real disclosure).\n");
        y.append("agency: ").append(quote(String.valueOf(n.get("agency")))).append('\n');
        y.append("year: ").append(n.get("year")).append('\n');
        for (String key : List.of("duties", "composition")) {
            Object v = n.get(key);
            if (v != null) {
                y.append(key).append(": |\n");
                for (String line : v.toString().strip().split("\n")) {
                    y.append("  ").append(line).append('\n');
                }
            }
        }
        if (n.get("reasons") instanceof Map<?, ?> reasons && !reasons.isEmpty()) {
            y.append("reasons:\n");
            ((Map<String, String>) reasons).forEach((k, v) -> y.append("  ").append(k).append(": ").append(quote(v)).append('\n'));
        }
        if (n.get("notes") instanceof List<?> notes && !notes.isEmpty()) {
            y.append("notes:\n");
            notes.forEach(note -> y.append("  - ").append(quote(String.valueOf(note))).append('\n'));
        }
        if (n.get("contact") instanceof Map<?, ?> contact) {
            y.append("contact:\n");
            ((Map<String, String>) contact).forEach((k, v) -> y.append("  ").append(k).append(": ").append(quote(v)).append('\n'));
        }
        return y.toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
