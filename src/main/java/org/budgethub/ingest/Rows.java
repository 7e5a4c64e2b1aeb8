package org.budgethub.ingest;

import java.math.BigDecimal;
import java.util.Map;

import org.budgethub.model.DataError;
import org.budgethub.model.Stage;

/**
 * Typed, case-insensitive access to a result row as camel-sql hands it over: PostgreSQL reports
 * lower-case column labels, H2 upper-case, and numeric types differ between drivers. A value that
 * is not what the column should hold is bad finance data ({@link DataError}), not a fault.
 */
public final class Rows {

    private Rows() {
    }

    public static Object value(Map<String, ?> row, String column) {
        Object v = row.get(column);
        if (v == null && !row.containsKey(column)) {
            for (Map.Entry<String, ?> e : row.entrySet()) {
                if (e.getKey().equalsIgnoreCase(column)) {
                    return e.getValue();
                }
            }
        }
        return v;
    }

    public static String text(Map<String, ?> row, String column) {
        Object v = value(row, column);
        return v == null ? null : v.toString();
    }

    public static int integer(Map<String, ?> row, String column) {
        Object v = value(row, column);
        if (v == null) {
            throw new DataError(Stage.INGEST, "财政数据的列 " + column + " 为空");
        }
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new DataError(Stage.INGEST, "财政数据的列 " + column + " 不是整数：“" + v + "”");
        }
    }

    public static BigDecimal decimal(Map<String, ?> row, String column) {
        Object v = value(row, column);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof BigDecimal b ? b : new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new DataError(Stage.INGEST, "财政数据的列 " + column + " 不是金额：“" + v + "”");
        }
    }

    public static boolean bool(Map<String, ?> row, String column) {
        Object v = value(row, column);
        if (v instanceof Boolean b) {
            return b;
        }
        return v != null && ("true".equalsIgnoreCase(v.toString()) || "1".equals(v.toString()) || "t".equalsIgnoreCase(v.toString()));
    }
}
