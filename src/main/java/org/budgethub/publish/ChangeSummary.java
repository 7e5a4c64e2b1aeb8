package org.budgethub.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What changed between two published disclosure.json documents: which tables and whether the
 * 说明. Used for the correction note (更正说明) of a new version.
 */
public final class ChangeSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeSummary() {
    }

    /** The parts that differ, in document order: "表二", "表三", "说明"; empty when nothing does. */
    public static List<String> changedParts(String previousJson, String currentJson) {
        if (previousJson == null || currentJson == null) {
            return List.of();
        }
        try {
            JsonNode before = JSON.readTree(previousJson);
            JsonNode after = JSON.readTree(currentJson);
            Map<String, JsonNode> old = tables(before);
            List<String> changed = new ArrayList<>();
            tables(after).forEach((no, table) -> {
                JsonNode was = old.remove(no);
                if (was == null || !Objects.equals(content(was), content(table))) {
                    changed.add(no);
                }
            });
            changed.addAll(old.keySet());
            if (!Objects.equals(before.get("narrative"), after.get("narrative")) || !Objects.equals(before.get("title"), after.get("title"))) {
                changed.add("说明");
            }
            return changed;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Map<String, JsonNode> tables(JsonNode doc) {
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        doc.path("tables").forEach(t -> tables.put(t.path("no").asText(), t));
        return tables;
    }

    private static JsonNode content(JsonNode table) {
        return table.has("project") ? table.get("project") : table.get("rows");
    }
}
