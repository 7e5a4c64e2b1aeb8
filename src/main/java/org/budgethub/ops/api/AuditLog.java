package org.budgethub.ops.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Every action taken in the console or through the API, with who took it: shown in the console. */
@Component
public class AuditLog {

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String action, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        record(auth == null ? "system" : auth.getName(), action, detail);
    }

    /** An entry for a named user who may not be logged in (a failed login). */
    public void record(String user, String action, String detail) {
        jdbc.update("INSERT INTO audit_log (at, username, action, detail) VALUES (?, ?, ?, ?)",
                Timestamp.from(Instant.now()), user, action, detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }

    public List<Map<String, Object>> latest(int limit) {
        return jdbc.queryForList("SELECT at, username, action, detail FROM audit_log ORDER BY id DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY");
    }
}
