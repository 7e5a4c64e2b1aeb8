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

    /**
     * Which sentences of the 说明 changed: each paragraph of the new version that the old one does not
     * have ("新：…"), and each of the old one that is gone ("原：…"), in document order.
     */
    public static List<String> changedSentences(String previousJson, String currentJson, int limit) {
        if (previousJson == null || currentJson == null) {
            return List.of();
        }
        try {
            List<String> before = paragraphs(JSON.readTree(previousJson));
            List<String> after = paragraphs(JSON.readTree(currentJson));
            List<String> out = new ArrayList<>();
            before.stream().filter(p -> !after.contains(p)).forEach(p -> out.add("原：" + p));
            after.stream().filter(p -> !before.contains(p)).forEach(p -> out.add("新：" + p));
            if (out.size() > limit) {
                int more = out.size() - limit;
                List<String> shown = new ArrayList<>(out.subList(0, limit));
                shown.add("等另外 " + more + " 处");
                return shown;
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> paragraphs(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("narrative").forEach(section -> section.path("paragraphs").forEach(p -> out.add(p.asText())));
        return out;
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

    /** Column names of the tables whose columns the figures of a row are under. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "表二", List.of("总计", "基本支出", "项目支出"),
            "表三", List.of("总计", "人员经费", "日常公用经费"),
            "表五", List.of("总计", "基本支出", "项目支出"),
            "表八", List.of("总计", "基本支出", "项目支出"),
            "表七", List.of("总计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "事业收入",
                    "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入"),
            "表四", List.of("合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"));

    /**
     * Which figures changed, as a reader would name them: "表二 2010350 事业运行 · 总计：426.47 → 427.47".
     * Classification rows are matched on their code, so an added or dropped row is named as such.
     */
    public static List<String> changedFigures(String previousJson, String currentJson, int limit) {
        if (previousJson == null || currentJson == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            Map<String, JsonNode> before = tables(JSON.readTree(previousJson));
            for (Map.Entry<String, JsonNode> t : tables(JSON.readTree(currentJson)).entrySet()) {
                JsonNode old = before.get(t.getKey());
                if (old != null && t.getValue().has("rows") && old.has("rows")) {
                    compareRows(t.getKey(), old.get("rows"), t.getValue().get("rows"), out);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        if (out.size() > limit) {
            int more = out.size() - limit;
            out = new ArrayList<>(out.subList(0, limit));
            out.add("等另外 " + more + " 处");
        }
        return out;
    }

    private static void compareRows(String no, JsonNode before, JsonNode after, List<String> out) {
        boolean byCode = COLUMNS.containsKey(no) && !"表四".equals(no) || "表九".equals(no);
        Map<String, JsonNode> old = new LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            old.put(byCode ? before.get(i).path(0).asText() : Integer.toString(i), before.get(i));
        }
        for (int i = 0; i < after.size(); i++) {
            JsonNode row = after.get(i);
            String key = byCode ? row.path(0).asText() : Integer.toString(i);
            JsonNode was = old.remove(key);
            if (was == null) {
                out.add(no + " 新增 " + label(no, row, 0, byCode));
                continue;
            }
            for (int c = 0; c < row.size(); c++) {
                String now = row.path(c).asText();
                String then = was.path(c).asText();
                if (!now.equals(then)) {
                    out.add(no + " " + label(no, row, c, byCode) + column(no, c, byCode) + "：" + (then.isEmpty() ? "（空）" : then)
                            + " → " + (now.isEmpty() ? "（空）" : now));
                }
            }
        }
        old.values().forEach(row -> out.add(no + " 删去 " + label(no, row, 0, byCode)));
    }

    /** A row as a reader names it: its code and name, or in a two-sided table the item on the changed side. */
    private static String label(String no, JsonNode row, int column, boolean byCode) {
        if (byCode || !TWO_SIDED.contains(no)) {
            String code = row.path(0).asText();
            String name = row.path(1).asText();
            return byCode && !name.isEmpty() && !name.matches("-?[\\d,]+(\\.\\d+)?") ? code + " " + name : code;
        }
        return row.path(column < 2 ? 0 : 2).asText();
    }

    private static String column(String no, int c, boolean byCode) {
        if (TWO_SIDED.contains(no)) {
            List<String> names = "表一".equals(no) ? TABLE1 : TABLE6;
            return c < names.size() && !names.get(c).isEmpty() ? " · " + names.get(c) : "";
        }
        List<String> names = COLUMNS.get(no);
        int index = byCode ? c - 2 : c;
        return names != null && index >= 0 && index < names.size() ? " · " + names.get(index) : "";
    }

    private static final List<String> TWO_SIDED = List.of("表一", "表六");
    private static final List<String> TABLE1 = List.of("", "预算数", "", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算");
    private static final List<String> TABLE6 = List.of("", "预算数", "", "预算数");

    private static Map<String, JsonNode> tables(JsonNode doc) {
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        doc.path("tables").forEach(t -> tables.put(t.path("no").asText(), t));
        return tables;
    }

    private static JsonNode content(JsonNode table) {
        return table.has("project") ? table.get("project") : table.get("rows");
    }
}
