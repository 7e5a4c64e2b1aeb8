package org.budgethub.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.budgethub.model.Appropriation;
import org.budgethub.model.ElementTables;

/**
 * 类/款/项 rollups: every code level of a classification whose amount within the given lines is
 * non-zero, in code order, each 类 followed by its 款 and each 款 by its 项. Codes of one level
 * share a length, so plain string order is exactly that order.
 */
final class ClassificationRollup {

    /** One classification row: the code, its name in the year's element table, and its lines. */
    public record ClassRow(String code, String name, BudgetLines lines) {
        public boolean isClass() {
            return code.length() == 3;
        }
    }

    private ClassificationRollup() {
    }

    /** 支出功能分类: 类 (3), 款 (5), 项 (7). */
    public static List<ClassRow> functional(BudgetLines lines, ElementTables names) {
        return rollup(lines, Appropriation::functionalCode, new int[] {3, 5, 7}, names.functional());
    }

    /** Only the 类 of 支出功能分类, as the two-sided tables and the narrative list them. */
    public static List<ClassRow> functionalClasses(BudgetLines lines, ElementTables names) {
        return rollup(lines, Appropriation::functionalCode, new int[] {3}, names.functional());
    }

    /** 部门预算支出经济分类: 类 (3), 款 (5). */
    public static List<ClassRow> economic(BudgetLines lines, ElementTables names) {
        return rollup(lines, Appropriation::economicCode, new int[] {3, 5}, names.economic());
    }

    private static List<ClassRow> rollup(BudgetLines lines, Function<Appropriation, String> codeOf,
                                         int[] levels, Map<String, String> names) {
        TreeMap<String, Boolean> codes = new TreeMap<>();
        lines.appropriations().forEach(a -> {
            String code = codeOf.apply(a);
            for (int level : levels) {
                if (code != null && code.length() >= level) {
                    codes.put(code.substring(0, level), Boolean.TRUE);
                }
            }
        });
        List<ClassRow> rows = new ArrayList<>();
        for (String code : codes.keySet()) {
            BudgetLines within = lines.where(a -> {
                String c = codeOf.apply(a);
                return c != null && c.startsWith(code);
            });
            if (!within.isZero()) {
                rows.add(new ClassRow(code, names.getOrDefault(code, ""), within));
            }
        }
        return rows;
    }
}
