package org.budgethub.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The contract's comparison rules (those of tools/compare_disclosure.py): table rows and
 * performance fields exact, budgets as numbers, titles and narrative with white space removed.
 * Returns every difference, so a failing test says what is wrong.
 */
public final class GoldenFile {

    private GoldenFile() {
    }

    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> d = new ArrayList<>();
        if (expected.path("fiscalYear").asInt() != actual.path("fiscalYear").asInt()) {
            d.add("fiscalYear");
        }
        if (!expected.path("agency").path("code").asText().equals(actual.path("agency").path("code").asText())) {
            d.add("agency.code");
        }
        if (!squash(expected.path("agency").path("name").asText()).equals(squash(actual.path("agency").path("name").asText()))) {
            d.add("agency.name");
        }
        if (!expected.path("unit").asText().equals(actual.path("unit").asText())) {
            d.add("unit");
        }
        if (!squash(expected.path("title").asText()).equals(squash(actual.path("title").asText()))) {
            d.add("title: expected " + expected.path("title").asText() + " actual " + actual.path("title").asText());
        }
        Map<String, JsonNode> actualTables = new HashMap<>();
        actual.path("tables").forEach(t -> actualTables.put(t.path("no").asText(), t));
        for (JsonNode et : expected.path("tables")) {
            String no = et.path("no").asText();
            JsonNode at = actualTables.remove(no);
            if (at == null) {
                d.add(no + ": missing");
                continue;
            }
            if (!squash(et.path("title").asText()).equals(squash(at.path("title").asText()))) {
                d.add(no + ": title " + at.path("title").asText());
            }
            if (et.has("project")) {
                JsonNode ep = et.path("project");
                JsonNode ap = at.path("project");
                for (String k : List.of("name", "supervisor", "summary", "basis", "goal", "indicators")) {
                    if (!Objects.equals(ep.get(k), ap.get(k))) {
                        d.add(no + ": project." + k + " expected " + ep.get(k) + " actual " + ap.get(k));
                    }
                }
                if (ap.path("budget").isMissingNode()
                        || new java.math.BigDecimal(ep.path("budget").asText()).compareTo(new java.math.BigDecimal(ap.path("budget").asText())) != 0) {
                    d.add(no + ": project.budget expected " + ep.path("budget") + " actual " + ap.path("budget"));
                }
                continue;
            }
            JsonNode er = et.path("rows");
            JsonNode ar = at.path("rows");
            for (int i = 0; i < Math.max(er.size(), ar.size()); i++) {
                if (!Objects.equals(er.get(i), ar.get(i))) {
                    d.add(no + ": row " + i + " expected " + er.get(i) + " actual " + ar.get(i));
                }
            }
            String en = et.path("note").isNull() ? null : et.path("note").asText(null);
            String an = at.path("note").isNull() ? null : at.path("note").asText(null);
            if (en != null && !squash(en).equals(squash(an))) {
                d.add(no + ": note expected " + en + " actual " + an);
            } else if (en == null && an != null && an.contains("故此表无数据")) {
                d.add(no + ": note expected none actual " + an);
            }
        }
        actualTables.keySet().forEach(no -> d.add(no + ": extra table"));
        String en = narrative(expected);
        String an = narrative(actual);
        if (!en.equals(an)) {
            int i = 0;
            while (i < Math.min(en.length(), an.length()) && en.charAt(i) == an.charAt(i)) {
                i++;
            }
            d.add("narrative differs at " + i + ": expected …" + en.substring(Math.max(0, i - 30), Math.min(en.length(), i + 30))
                    + "… actual …" + an.substring(Math.max(0, i - 30), Math.min(an.length(), i + 30)) + "…");
        }
        return d;
    }

    private static String narrative(JsonNode doc) {
        StringBuilder out = new StringBuilder();
        doc.path("narrative").forEach(s -> {
            out.append(s.path("heading").asText());
            s.path("paragraphs").forEach(p -> out.append(p.asText()));
        });
        return squash(out.toString());
    }

    private static String squash(String s) {
        return s == null ? "" : s.replaceAll("\\s+", "");
    }
}
