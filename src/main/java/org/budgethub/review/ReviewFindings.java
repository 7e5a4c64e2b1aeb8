package org.budgethub.review;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.budgethub.model.Finding;

/**
 * The warnings of a version as the review card lists them: each finding's message (Chinese, as
 * validation wrote it) and where it points, read from the version's disclosure.json. A finding
 * that names a table (表二 …) points at that table of the page preview (its anchor {@code #t<n>},
 * the order the page renders the tables in); one about the 说明 at the page's top; one about the
 * finance data (bgt_ledger …) at the agency page's 校验结果, where its source rows are listed.
 */
public final class ReviewFindings {

    /** Where a finding sends the reviewer. */
    public enum Target { PAGE, AGENCY }

    /**
     * One finding shown on a card.
     *
     * @param anchor the page preview's fragment ({@code t2}), or null for the top of the page
     * @param place  what the link says: 表二、说明、校验结果
     */
    public record Item(Finding.Severity severity, String message, Target target, String anchor, String place) {

        public boolean onPage() {
            return target == Target.PAGE;
        }
    }

    /** A card lists this many; the rest are on the agency page. */
    static final int SHOWN = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE = Pattern.compile("表[一二三四五六七八九十]+");

    private ReviewFindings() {
    }

    /** The FATAL and WARN findings of a disclosure.json, most severe first; none for unreadable JSON. */
    static List<Item> warnings(String disclosureJson) {
        List<Item> out = new ArrayList<>();
        if (disclosureJson == null) {
            return out;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(disclosureJson);
        } catch (IOException e) {
            return out;
        }
        Map<String, Integer> tables = new HashMap<>();
        int index = 0;
        for (JsonNode t : doc.path("tables")) {
            tables.putIfAbsent(t.path("no").asText(""), ++index);
        }
        for (Finding.Severity severity : List.of(Finding.Severity.FATAL, Finding.Severity.WARN)) {
            for (JsonNode f : doc.path("findings")) {
                if (severity.name().equals(f.path("severity").asText())) {
                    out.add(item(severity, f.path("message").asText(""), f.path("location").asText(""), tables));
                }
            }
        }
        return out;
    }

    private static Item item(Finding.Severity severity, String message, String location, Map<String, Integer> tables) {
        Matcher table = TABLE.matcher(location.isEmpty() ? message : location);
        if (table.find() && tables.containsKey(table.group())) {
            return new Item(severity, message, Target.PAGE, "t" + tables.get(table.group()), table.group());
        }
        if (location.startsWith("说明") || message.startsWith("说明")) {
            return new Item(severity, message, Target.PAGE, null, "说明");
        }
        return new Item(severity, message, Target.AGENCY, null, "校验结果");
    }
}
