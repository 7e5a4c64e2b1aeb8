package org.budgethub.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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

    public static final List<String> ROLES = List.of("VIEWER", "OPERATOR", "REVIEWER", "ADMIN");
    /** For every password a person chooses or an admin sets. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A console user to be created on first start; {@code generated}: its password was made up here. */
    public record Credential(String username, String role, String password, boolean generated) {
    }

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

    public boolean exists(String username) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, username);
        return n != null && n > 0;
    }

    /**
     * Creates the user, or gives an existing one this password and role, enables and unlocks it.
     *
     * @return true when the user is new
     */
    public boolean create(String username, String password, String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("角色须为 " + String.join("、", ROLES) + " 之一");
        }
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("用户名为 1 到 100 个字母、数字、“.”、“_”或“-”");
        }
        checkStrength(password);
        int updated = jdbc.update("UPDATE app_user SET password_hash = ?, role = ?, enabled = TRUE, failed_logins = 0, "
                + "locked_until = NULL WHERE username = ?", encoder.encode(password), role, username);
        if (updated == 0) {
            jdbc.update("INSERT INTO app_user (username, password_hash, role, enabled, created_at) VALUES (?, ?, ?, TRUE, ?)",
                    username, encoder.encode(password), role, Timestamp.from(Instant.now()));
            return true;
        }
        return false;
    }

    /**
     * A user changes their own password: the current one must be right, the new one given twice.
     *
     * @throws IllegalArgumentException with the reason in the operator's words
     */
    public void changePassword(String username, String current, String replacement, String repeated) {
        String hash = jdbc.query("SELECT password_hash FROM app_user WHERE username = ?", rs -> rs.next() ? rs.getString(1) : null,
                username);
        if (hash == null || current == null || !encoder.matches(current, hash)) {
            throw new IllegalArgumentException("当前密码不正确。");
        }
        if (replacement == null || !replacement.equals(repeated)) {
            throw new IllegalArgumentException("两次输入的新密码不一致。");
        }
        checkStrength(replacement);
        if (replacement.equals(current)) {
            throw new IllegalArgumentException("新密码不能与当前密码相同。");
        }
        jdbc.update("UPDATE app_user SET password_hash = ? WHERE username = ?", encoder.encode(replacement), username);
    }

    /**
     * An admin resets a user's password to a new random one, which the admin is shown once; the
     * account is unlocked too (the reason for a reset is often a lockout).
     *
     * @return the new password, or null when there is no such user
     */
    public String resetPassword(String username) {
        String password = randomPassword();
        int updated = jdbc.update("UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                encoder.encode(password), username);
        return updated == 0 ? null : password;
    }

    private static void checkStrength(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("密码至少 " + MIN_PASSWORD_LENGTH + " 个字符。");
        }
        if (password.length() > 200) {
            throw new IllegalArgumentException("密码最多 200 个字符。");
        }
    }

    public void disable(String username) {
        jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username = ?", username);
    }

    public List<Map<String, Object>> list() {
        return jdbc.queryForList("SELECT username, role, enabled, created_at, failed_logins, locked_until FROM app_user ORDER BY username");
    }

    public boolean none() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Integer.class);
        return count == null || count == 0;
    }

    /**
     * The users a first start creates (none when there are users already): an admin whose password
     * comes from the environment ({@code HUB_CONSOLE_ADMIN_PASSWORD}) or is made up here, and in the
     * demo an operator, a reviewer and a viewer with made-up passwords.
     */
    public List<Credential> firstStart(String adminPassword, boolean demoUsers) {
        List<Credential> users = new ArrayList<>();
        if (!none()) {
            return users;
        }
        boolean given = adminPassword != null && !adminPassword.isBlank();
        users.add(new Credential("admin", "ADMIN", given ? adminPassword : randomPassword(), !given));
        if (demoUsers) {
            users.add(new Credential("operator", "OPERATOR", randomPassword(), true));
            users.add(new Credential("reviewer", "REVIEWER", randomPassword(), true));
            users.add(new Credential("viewer", "VIEWER", randomPassword(), true));
        }
        return users;
    }

    public void createAll(List<Credential> users) {
        users.forEach(u -> create(u.username(), u.password(), u.role()));
    }

    /** 16 characters of URL-safe Base64: 96 random bits. */
    static String randomPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
