package org.budgethub.ops.api;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Console users in the hub's database, passwords BCrypt-hashed. Roles: VIEWER reads, OPERATOR
 * also reruns and publishes, REVIEWER also approves, rejects and withdraws package versions (先审后发),
 * ADMIN holds every role and manages users and the schedule.
 */
@Component
public class Users implements UserDetailsService {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    public static final List<String> ROLES = List.of("VIEWER", "OPERATOR", "REVIEWER", "ADMIN");

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public Users(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        List<UserDetails> found = jdbc.query("SELECT username, password_hash, role, enabled FROM app_user WHERE username = ?",
                (rs, i) -> User.withUsername(rs.getString(1)).password(rs.getString(2)).roles(rolesUpTo(rs.getString(3)))
                        .disabled(!rs.getBoolean(4)).build(), username);
        if (found.isEmpty()) {
            throw new UsernameNotFoundException(username);
        }
        return found.get(0);
    }

    /** Everyone is a VIEWER; an ADMIN holds every role; an OPERATOR and a REVIEWER only their own. */
    static String[] rolesUpTo(String role) {
        if ("ADMIN".equals(role)) {
            return ROLES.toArray(String[]::new);
        }
        return ROLES.contains(role) && !"VIEWER".equals(role) ? new String[] {"VIEWER", role} : new String[] {"VIEWER"};
    }

    public void create(String username, String password, String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES);
        }
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("user names are 1-100 letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("passwords have at least 8 characters");
        }
        int updated = jdbc.update("UPDATE app_user SET password_hash = ?, role = ?, enabled = TRUE WHERE username = ?",
                encoder.encode(password), role, username);
        if (updated == 0) {
            jdbc.update("INSERT INTO app_user (username, password_hash, role, enabled, created_at) VALUES (?, ?, ?, TRUE, ?)",
                    username, encoder.encode(password), role, Timestamp.from(Instant.now()));
        }
    }

    public void disable(String username) {
        jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username = ?", username);
    }

    public List<Map<String, Object>> list() {
        return jdbc.queryForList("SELECT username, role, enabled, created_at FROM app_user ORDER BY username");
    }

    public boolean none() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Integer.class);
        return count == null || count == 0;
    }

    /**
     * First start: an admin whose password comes from the environment ({@code HUB_ADMIN_PASSWORD}),
     * or a random one printed once in the log. The demo adds an operator and a viewer the same way.
     */
    public void bootstrap(String adminPassword, boolean demoUsers) {
        if (!none()) {
            return;
        }
        create("admin", orRandom(adminPassword, "admin"), "ADMIN");
        if (demoUsers) {
            create("operator", orRandom(null, "operator"), "OPERATOR");
            create("reviewer", orRandom(null, "reviewer"), "REVIEWER");
            create("viewer", orRandom(null, "viewer"), "VIEWER");
        }
    }

    private String orRandom(String given, String user) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LOG.warn("Console user '{}' created with password: {}  (shown once; change it in the console)", user, password);
        return password;
    }
}
