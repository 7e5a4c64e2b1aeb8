package org.budgethub.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Every action taken in the console or through the API, with who took it: shown in the console. */
@Component
public class AuditLog {

    public static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String action, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        record(auth == null ? "system" : auth.getName(), action, detail);
    }

    /** An entry for a named user who may not be logged in (a failed login: the name tried, as long as the column takes). */
    public void record(String user, String action, String detail) {
        jdbc.update("INSERT INTO audit_log (at, username, action, detail) VALUES (?, ?, ?, ?)",
                Timestamp.from(Instant.now()), cut(user, 100), action, cut(detail, 2000));
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    public List<Map<String, Object>> latest(int limit) {
        return search(null, null, null, limit);
    }

    /**
     * Entries newest first, narrowed to one user, one action and a start time where given
     * (null or blank: any).
     */
    public List<Map<String, Object>> search(String user, String action, Instant since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, username, action, detail FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (user != null && !user.isBlank()) {
            sql.append(" AND username = ?");
            args.add(user.trim());
        }
        if (action != null && !action.isBlank()) {
            sql.append(" AND action = ?");
            args.add(action.trim());
        }
        if (since != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(since));
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, MAX_LIMIT))).append(" ROWS ONLY");
        return jdbc.queryForList(sql.toString(), args.toArray());
    }

    /** One page of the entries, newest first, narrowed as {@link #search} narrows, with the number of matching entries. */
    public org.budgethub.web.Paged<Map<String, Object>> page(String user, String action, Instant since, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (user != null && !user.isBlank()) {
            where.append(" AND username = ?");
            args.add(user.trim());
        }
        if (action != null && !action.isBlank()) {
            where.append(" AND action = ?");
            args.add(action.trim());
        }
        if (since != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(since));
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log" + where, Long.class, args.toArray());
        List<Map<String, Object>> items = jdbc.queryForList("SELECT id, at, username, action, detail FROM audit_log" + where
                + " ORDER BY id DESC OFFSET " + org.budgethub.web.Paged.offset(page, size) + " ROWS FETCH NEXT " + size + " ROWS ONLY",
                args.toArray());
        return new org.budgethub.web.Paged<>(items, page, size, total == null ? 0 : total);
    }

    /** The actions the log holds, for the console's filter. */
    public List<String> actions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM audit_log ORDER BY action", String.class);
    }
}
