package org.budgethub.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Console users in the hub's database, passwords BCrypt-hashed, each with one {@link Role}: VIEWER
 * reads, OPERATOR also reruns and publishes, REVIEWER also approves, rejects and withdraws package
 * versions (先审后发), ADMIN holds every role but AUTHOR and manages users and the schedule. An AUTHOR
 * (单位填报员) sees and edits only the words of the agencies and departments an admin assigned it
 * (table {@code user_agency}, read by {@link AuthorScope}).
 */
@Component
public class Users implements UserDetailsService {

    /** For every password a person chooses or an admin sets. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    /** The agency the demo's author writes for: the seed unit. */
    static final List<String> DEMO_AUTHOR_AGENCIES = List.of("101023");

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A console user to be created on first start; {@code generated}: its password was made up here;
     * {@code agencies}: an AUTHOR's scope.
     */
    public record Credential(String username, Role role, String password, boolean generated, List<String> agencies) {

        public Credential(String username, Role role, String password, boolean generated) {
            this(username, role, password, generated, List.of());
        }
    }

    /** What became of a user's scope: the codes before and after. */
    public record ScopeChange(String username, SortedSet<String> before, SortedSet<String> after) {

        public boolean changed() {
            return !before.equals(after);
        }
    }

    /** A user as the admin's API shows it: {@code role} as stored. */
    public record Account(String username, String role, boolean enabled) {
    }

    /** {@link #createNew} of a name that is taken. */
    public static final class UserExists extends RuntimeException {
        UserExists(String username) {
            super("用户 " + username + " 已存在");
        }
    }

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final TransactionTemplate transaction;

    public Users(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        List<UserDetails> found = jdbc.query("SELECT username, password_hash, role, enabled FROM app_user WHERE username = ?",
                (rs, i) -> User.withUsername(rs.getString(1)).password(rs.getString(2)).roles(grants(rs.getString(1), rs.getString(3)))
                        .disabled(!rs.getBoolean(4)).build(), username);
        if (found.isEmpty()) {
            throw new UsernameNotFoundException(username);
        }
        return found.get(0);
    }

    /** The Spring Security roles of a stored role; none for a name that is no role (written by hand into the table). */
    static String[] grants(String username, String stored) {
        Optional<Role> role = Role.find(stored);
        if (role.isEmpty()) {
            LOG.warn("用户 {} 的角色 {} 不是中枢的角色，该用户登录后没有任何权限；请管理员在『系统管理』页重新设置", username, stored);
        }
        return role.map(r -> r.grants().stream().map(Role::name).toArray(String[]::new)).orElseGet(() -> new String[0]);
    }

    public boolean exists(String username) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, username);
        return n != null && n > 0;
    }

    public Optional<Account> account(String username) {
        return jdbc.query("SELECT username, role, enabled FROM app_user WHERE username = ?",
                (rs, i) -> new Account(rs.getString(1), rs.getString(2), rs.getBoolean(3)), username).stream().findFirst();
    }

    /** The user's role; empty when there is no such user (or its stored role is none of the hub's). */
    public Optional<Role> role(String username) {
        return jdbc.queryForList("SELECT role FROM app_user WHERE username = ?", String.class, username).stream().findFirst()
                .flatMap(Role::find);
    }

    /**
     * {@link #create(String, String, Role)} with the role as a form or a test names it.
     *
     * @throws IllegalArgumentException for a name that is no role, and as the other
     */
    public boolean create(String username, String password, String role) {
        return create(username, password, Role.of(role));
    }

    /**
     * Creates the user, or gives an existing one this password and role, enables and unlocks it. A
     * user whose role is no longer AUTHOR loses its scope.
     *
     * @return true when the user is new
     * @throws IllegalArgumentException for a bad user name or password, in the operator's words
     */
    public boolean create(String username, String password, Role role) {
        checkUsername(username);
        checkStrength(password);
        String hash = encoder.encode(password);
        return Boolean.TRUE.equals(transaction.execute(t -> {
            int updated = jdbc.update("UPDATE app_user SET password_hash = ?, role = ?, enabled = TRUE, failed_logins = 0, "
                    + "locked_until = NULL WHERE username = ?", hash, role.name(), username);
            if (updated == 0) {
                insert(username, hash, role);
                return true;
            }
            if (role != Role.AUTHOR) {
                jdbc.update("DELETE FROM user_agency WHERE username = ?", username);
            }
            return false;
        }));
    }

    /**
     * A new user and, for an AUTHOR, its scope, in one transaction; an existing user is left alone.
     * The codes are taken as given: the caller has checked them ({@link AgencyCodes}).
     *
     * @throws UserExists when the name is taken
     * @throws IllegalArgumentException for a bad user name or password, or codes for a role other than AUTHOR
     */
    public void createNew(String username, String password, Role role, Collection<String> agencies) {
        checkUsername(username);
        checkStrength(password);
        if (role != Role.AUTHOR && !agencies.isEmpty()) {
            throw new IllegalArgumentException("只有单位填报员（AUTHOR）有单位范围；" + role.describe() + "可以查看全部单位，agencies 须为空");
        }
        String hash = encoder.encode(password);
        try {
            transaction.executeWithoutResult(t -> {
                if (exists(username)) {
                    throw new UserExists(username);
                }
                insert(username, hash, role);
                new TreeSet<>(agencies).forEach(code -> jdbc.update("INSERT INTO user_agency (username, code) VALUES (?, ?)", username, code));
            });
        } catch (DuplicateKeyException e) {
            throw new UserExists(username); // created at the same moment by another request
        }
    }

    private void insert(String username, String hash, Role role) {
        jdbc.update("INSERT INTO app_user (username, password_hash, role, enabled, created_at) VALUES (?, ?, ?, TRUE, ?)",
                username, hash, role.name(), Timestamp.from(Instant.now()));
    }

    /** The codes an AUTHOR may see and edit, in code order; empty for anyone else and for an author given none. */
    public SortedSet<String> agencies(String username) {
        return new TreeSet<>(jdbc.queryForList("SELECT code FROM user_agency WHERE username = ?", String.class, username));
    }

    /** Every author's codes, by user name: the admin page's scope column. */
    public Map<String, SortedSet<String>> agencies() {
        Map<String, SortedSet<String>> all = new TreeMap<>();
        jdbc.query("SELECT username, code FROM user_agency", (RowCallbackHandler) rs ->
                all.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2)));
        return all;
    }

    /**
     * Gives an AUTHOR exactly these codes (none: it sees nothing until it is given some). The codes are
     * taken as given: the caller has checked them ({@link AgencyCodes}).
     *
     * @return the codes before and after; empty when there is no such user
     * @throws IllegalStateException when the user is no AUTHOR
     */
    public Optional<ScopeChange> assignAgencies(String username, Collection<String> codes) {
        SortedSet<String> after = new TreeSet<>(codes);
        return transaction.execute(t -> {
            // The row's lock keeps two admins' changes of one author's scope from interleaving.
            List<String> stored = jdbc.queryForList("SELECT role FROM app_user WHERE username = ? FOR UPDATE", String.class, username);
            if (stored.isEmpty()) {
                return Optional.<ScopeChange>empty();
            }
            Role role = Role.find(stored.get(0)).orElse(null);
            if (role != Role.AUTHOR) {
                throw new IllegalStateException("用户 " + username + " 是" + (role == null ? "未知角色 " + stored.get(0) : role.describe())
                        + "，不是单位填报员（AUTHOR）：只有单位填报员有单位范围，其他角色可以查看全部单位");
            }
            SortedSet<String> before = agencies(username);
            before.stream().filter(c -> !after.contains(c))
                    .forEach(c -> jdbc.update("DELETE FROM user_agency WHERE username = ? AND code = ?", username, c));
            after.stream().filter(c -> !before.contains(c))
                    .forEach(c -> jdbc.update("INSERT INTO user_agency (username, code) VALUES (?, ?)", username, c));
            return Optional.of(new ScopeChange(username, before, after));
        });
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("用户名为 1 到 100 个字母、数字、“.”、“_”或“-”");
        }
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
     * demo an operator, a reviewer, a viewer and an author (of the seed unit) with made-up passwords.
     */
    public List<Credential> firstStart(String adminPassword, boolean demoUsers) {
        List<Credential> users = new ArrayList<>();
        if (!none()) {
            return users;
        }
        boolean given = adminPassword != null && !adminPassword.isBlank();
        users.add(new Credential("admin", Role.ADMIN, given ? adminPassword : randomPassword(), !given));
        if (demoUsers) {
            users.add(new Credential("operator", Role.OPERATOR, randomPassword(), true));
            users.add(new Credential("reviewer", Role.REVIEWER, randomPassword(), true));
            users.add(new Credential("viewer", Role.VIEWER, randomPassword(), true));
            users.add(new Credential("author", Role.AUTHOR, randomPassword(), true, DEMO_AUTHOR_AGENCIES));
        }
        return users;
    }

    public void createAll(List<Credential> users) {
        users.forEach(u -> {
            create(u.username(), u.password(), u.role());
            if (!u.agencies().isEmpty()) {
                assignAgencies(u.username(), u.agencies());
            }
        });
    }

    /** 16 characters of URL-safe Base64: 96 random bits. */
    static String randomPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
