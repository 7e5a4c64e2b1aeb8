package org.budgethub.support;

import java.util.HashMap;
import java.util.Map;

/** A result row as camel-sql hands it over (column label to value), from key-value pairs. */
public final class ResultRows {

    private ResultRows() {
    }

    public static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }
}
