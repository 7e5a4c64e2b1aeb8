package org.budgethub.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.budgethub.model.ElementTables;

/** Builds one year's {@link ElementTables} from the rows of ele_exp_func and ele_dep_bgt_eco. */
public final class ElementRows {

    private ElementRows() {
    }

    public static ElementTables of(int year, List<Map<String, Object>> functionalRows, List<Map<String, Object>> economicRows) {
        return new ElementTables(year, names(year, functionalRows), names(year, economicRows));
    }

    private static Map<String, String> names(int year, List<Map<String, Object>> rows) {
        Map<String, String> names = new HashMap<>();
        for (Map<String, Object> row : rows) {
            if (Rows.integer(row, "fiscal_year") == year) {
                names.put(Rows.text(row, "code").trim(), Rows.text(row, "name"));
            }
        }
        return names;
    }
}
