package org.budgethub.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.budgethub.publish.PackageDiff;

/**
 * What changed between two published disclosure.json documents, in lines of text: which tables and
 * whether the 说明 (the correction note, 更正说明, of a new version), which figures and sentences (the
 * API). The comparing itself is {@link PackageDiff}'s.
 */
public final class ChangeSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeSummary() {
    }

    /** Whether a disclosure.json is a department's 部门预算 ("kind": "department"). */
    public static boolean isDepartment(String json) {
        if (json == null) {
            return false;
        }
        try {
            return "department".equals(JSON.readTree(json).path("kind").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** The parts that differ, in document order: "表二", "表三", "说明"; empty when nothing does (or a document is unreadable). */
    public static List<String> changedParts(String previousJson, String currentJson) {
        PackageDiff diff = diff(previousJson, currentJson);
        return diff == null ? List.of() : diff.changedParts();
    }

    /**
     * Which sentences of the title and the 说明 changed ({@link PackageDiff}): for each run of changed
     * sentences the old ones ("原：…") and the new ones ("新：…"), in document order.
     */
    public static List<String> changedSentences(String previousJson, String currentJson, int limit) {
        PackageDiff diff = diff(previousJson, currentJson);
        if (diff == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (PackageDiff.SentenceChange c : diff.sentences()) {
            c.removed().forEach(s -> out.add("原：" + s.text()));
            c.added().forEach(s -> out.add("新：" + s.text()));
        }
        return limited(out, limit);
    }

    /** How many findings of each severity a disclosure.json carries: {FATAL: 0, WARN: 1, INFO: 4}. */
    public static Map<String, Integer> findingCounts(String json) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("FATAL", 0);
        counts.put("WARN", 0);
        counts.put("INFO", 0);
        if (json == null) {
            return counts;
        }
        try {
            JSON.readTree(json).path("findings").forEach(f -> counts.merge(f.path("severity").asText(), 1, Integer::sum));
        } catch (IOException e) {
            // no counts then
        }
        return counts;
    }

    /**
     * Which figures changed, as a reader would name them ({@link PackageDiff}): "表二 2010350 事业运行 · 总计：426.47 → 427.47",
     * "表二 新增 210 卫生健康支出". Rows are matched on their code, so an added or dropped row is named as such.
     */
    public static List<String> changedFigures(String previousJson, String currentJson, int limit) {
        PackageDiff diff = diff(previousJson, currentJson);
        if (diff == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (PackageDiff.TableChange t : diff.tables()) {
            switch (t.kind()) {
                case ADDED -> out.add(t.no() + " 新增：" + t.title());
                case REMOVED -> out.add(t.no() + " 删去：" + t.title());
                default -> {
                    for (PackageDiff.CellChange c : t.cells()) {
                        String where = t.no() + (c.row().isEmpty() ? "" : " " + c.row()) + (c.column().isEmpty() ? "" : " · " + c.column());
                        out.add(where + "：" + shown(c.before()) + " → " + shown(c.after()));
                    }
                    t.added().forEach(r -> out.add(t.no() + " 新增 " + r.row()));
                    t.removed().forEach(r -> out.add(t.no() + " 删去 " + r.row()));
                }
            }
        }
        return limited(out, limit);
    }

    private static String shown(String cell) {
        return cell.isEmpty() ? "（空）" : cell;
    }

    private static List<String> limited(List<String> lines, int limit) {
        if (lines.size() <= limit) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, limit));
        shown.add("等另外 " + (lines.size() - limit) + " 处");
        return shown;
    }

    /** The diff of two versions; null when either has no readable disclosure.json (nothing to name then). */
    private static PackageDiff diff(String previousJson, String currentJson) {
        try {
            return PackageDiff.of(previousJson, currentJson);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
