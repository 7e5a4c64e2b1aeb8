package org.budgethub.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyFailure;
import org.budgethub.model.Appropriation;
import org.budgethub.model.ElementTables;

/**
 * The contract's hard rule: every counted appropriation of Y and P must have its functional code
 * (and its 类 and 款) and its economic code (and its 类) in that year's element tables. Otherwise
 * the agency cannot be disclosed, and the reason names the codes and the appropriations.
 */
public final class ElementCheck {

    public static final String STAGE = "model";

    private ElementCheck() {
    }

    public static void requireKnownCodes(AgencyExtract extract) {
        List<String> missing = missingCodes(extract);
        if (!missing.isEmpty()) {
            throw new AgencyFailure(STAGE, "codes missing from the element tables (科目不在当年科目表中): "
                    + String.join("; ", missing));
        }
    }

    /** One entry per (year, classification, code): which appropriations use it. */
    public static List<String> missingCodes(AgencyExtract extract) {
        Map<String, List<String>> missing = new TreeMap<>();
        for (Appropriation a : extract.appropriations()) {
            if (!a.counted() || (a.fiscalYear() != extract.year() && a.fiscalYear() != extract.previousYear())) {
                continue;
            }
            ElementTables elements = extract.elementsOf(a.fiscalYear());
            for (String code : levels(a.functionalCode(), 3, 5, 7)) {
                if (elements.functionalName(code).isEmpty()) {
                    missing.computeIfAbsent(a.fiscalYear() + " 功能分类 " + code, k -> new ArrayList<>()).add(a.bgtId());
                }
            }
            for (String code : levels(a.economicCode(), 3, 5)) {
                if (elements.economicName(code).isEmpty()) {
                    missing.computeIfAbsent(a.fiscalYear() + " 经济分类 " + code, k -> new ArrayList<>()).add(a.bgtId());
                }
            }
        }
        List<String> out = new ArrayList<>();
        missing.forEach((what, ids) -> out.add(what + " (" + summarize(ids) + ")"));
        return out;
    }

    private static List<String> levels(String code, int... lengths) {
        List<String> out = new ArrayList<>();
        if (code == null || code.isBlank()) {
            out.add("<empty>");
            return out;
        }
        for (int length : lengths) {
            out.add(code.length() > length ? code.substring(0, length) : code);
        }
        return out.stream().distinct().toList();
    }

    private static String summarize(List<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        return distinct.size() <= 5 ? String.join(", ", distinct)
                : String.join(", ", distinct.subList(0, 5)) + " and " + (distinct.size() - 5) + " more";
    }
}
