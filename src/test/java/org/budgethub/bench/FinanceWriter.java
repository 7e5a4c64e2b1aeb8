package org.budgethub.bench;

import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import org.budgethub.bench.FinanceRows.Table;

/**
 * Writes generated rows into a finance database: with PostgreSQL's COPY (through the driver's
 * CopyManager, found reflectively so the driver stays a runtime dependency), elsewhere with JDBC
 * batches. Also creates the schema of an empty database and reads what it already holds.
 */
public final class FinanceWriter implements AutoCloseable {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Connection connection;
    private final Object copyManager;
    private final Method copyIn;

    public FinanceWriter(Connection connection) throws SQLException {
        this.connection = connection;
        Object manager = null;
        Method method = null;
        try {
            Class<?> pg = Class.forName("org.postgresql.PGConnection", false, FinanceWriter.class.getClassLoader());
            if (connection.isWrapperFor(pg)) {
                Object pgConnection = connection.unwrap(pg);
                manager = pg.getMethod("getCopyAPI").invoke(pgConnection);
                method = Class.forName("org.postgresql.copy.CopyManager", false, FinanceWriter.class.getClassLoader())
                        .getMethod("copyIn", String.class, Reader.class);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            manager = null;
            method = null;
        }
        this.copyManager = manager;
        this.copyIn = method;
        connection.setAutoCommit(false);
    }

    /** True when rows go in with COPY. */
    public boolean copying() {
        return copyManager != null;
    }

    /** Whether the finance tables exist (bas_agency stands for them all). */
    public boolean hasSchema() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of("bas_agency", "BAS_AGENCY")) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Creates the finance tables from the demo schema (demo/schema.sql, the contract's schema). */
    public void createSchema() throws SQLException {
        ScriptUtils.executeSqlScript(connection, new EncodedResource(new ClassPathResource("demo/schema.sql"), "UTF-8"));
        connection.commit();
    }

    public long count(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Every agency code and department code in bas_agency, any year. */
    public Set<String> usedCodes() throws SQLException {
        Set<String> used = new HashSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT TRIM(agency_code), TRIM(parent_agency_code) FROM bas_agency")) {
            while (rs.next()) {
                used.add(rs.getString(1));
                if (rs.getString(2) != null) {
                    used.add(rs.getString(2));
                }
            }
        }
        return used;
    }

    public Set<String> fundCodes() throws SQLException {
        Set<String> codes = new HashSet<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT code FROM ele_fund_type")) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    /** The codes per year of an element table. */
    public Map<Integer, Set<String>> elementCodes(String table) throws SQLException {
        Map<Integer, Set<String>> codes = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT fiscal_year, code FROM " + table)) {
            while (rs.next()) {
                codes.computeIfAbsent(rs.getInt(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return codes;
    }

    /** Writes every buffered row, table by table in dependency-free order, and commits. */
    public void write(FinanceRows rows) throws SQLException {
        for (Table table : Table.values()) {
            List<Object[]> list = rows.of(table);
            if (list.isEmpty()) {
                continue;
            }
            if (copyManager != null) {
                copy(table, list);
            } else {
                batch(table, list);
            }
        }
        connection.commit();
    }

    private void copy(Table table, List<Object[]> list) throws SQLException {
        StringBuilder csv = new StringBuilder(list.size() * 96);
        for (Object[] row : list) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csvValue(csv, row[i]);
            }
            csv.append('\n');
        }
        String sql = "COPY " + table.sqlName() + " (" + String.join(", ", table.columns()) + ") FROM STDIN WITH (FORMAT csv)";
        try {
            copyIn.invoke(copyManager, sql, new StringReader(csv.toString()));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("COPY into " + table.sqlName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new SQLException("COPY into " + table.sqlName() + " failed", e);
        }
    }

    private static void csvValue(StringBuilder csv, Object value) {
        if (value == null) {
            return; // an unquoted empty field is NULL
        }
        if (value instanceof String s) {
            csv.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else if (value instanceof BigDecimal b) {
            csv.append(b.toPlainString());
        } else if (value instanceof LocalDateTime t) {
            csv.append(TIMESTAMP.format(t));
        } else if (value instanceof Boolean b) {
            csv.append(b ? "true" : "false");
        } else {
            csv.append(value);
        }
    }

    private void batch(Table table, List<Object[]> list) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"));
        String sql = "INSERT INTO " + table.sqlName() + " (" + String.join(", ", table.columns()) + ") VALUES (" + marks + ")";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            int n = 0;
            for (Object[] row : list) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (v instanceof LocalDateTime t) {
                        s.setTimestamp(i + 1, Timestamp.valueOf(t));
                    } else if (v instanceof LocalDate d) {
                        s.setDate(i + 1, java.sql.Date.valueOf(d));
                    } else {
                        s.setObject(i + 1, v);
                    }
                }
                s.addBatch();
                if (++n % 1000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
