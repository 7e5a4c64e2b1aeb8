package org.budgethub.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The findings a task stores (the "findings" of disclosure.json), read back for a page. */
final class Findings {

    /**
     * A finding as a person reads it: the sentence and where it is first; the rule and the finance
     * rows behind it are for whoever corrects the data.
     */
    public record FindingView(String severity, String rule, String message, String location, List<String> rows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Findings() {
    }

    static List<FindingView> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<FindingView> out = new ArrayList<>();
            for (JsonNode f : JSON.readTree(json)) {
                List<String> rows = new ArrayList<>();
                f.path("rows").forEach(r -> rows.add(r.path("table").asText() + ":" + r.path("id").asText()));
                out.add(new FindingView(f.path("severity").asText(), f.path("rule").asText(), f.path("message").asText(),
                        f.path("location").asText(), rows));
            }
            return out;
        } catch (IOException e) {
            return List.of(new FindingView("WARN", "console.findings-unreadable", "无法读取检查结果：" + e.getMessage(), "", List.of()));
        }
    }
}
