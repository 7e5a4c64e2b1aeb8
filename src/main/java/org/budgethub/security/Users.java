package org.budgethub.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The agency the demo's author writes for: the seed unit. */
    static final List<String> DEMO_AUTHOR_AGENCIES = List.of("101023");

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    /** How long a session's check of its user (per request) trusts what it read: the other instances' changes show within this. */
    static final Duration STAMP_CACHE = Duration.ofSeconds(2);

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

    /** What a logged-in session is checked against: the user's credentials version and whether it is enabled. */
    public record Stamp(long version, boolean enabled) {
    }

    /** Disabling or demoting the last enabled admin: nobody could manage users any more. */
    public static final class LastAdmin extends IllegalStateException {
        LastAdmin(String username, boolean disabling) {
            super("用户 " + username + " 是唯一启用的管理员，不能" + (disabling ? "停用" : "改为其他角色")
                    + "：否则将没有人能管理用户和设置。请先新建（或启用）另一个管理员（ADMIN），再" + (disabling ? "停用" : "更改") + " " + username + "。");
        }
    }

    /** {@link #createNew} of a name that is taken. */
    public static final class UserExists extends RuntimeException {
        UserExists(String username) {
            super("用户 " + username + " 已存在");
        }
    }

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final TransactionTemplate transaction;
    private final Map<String, Cached> stamps = new ConcurrentHashMap<>();

    private record Cached(Optional<Stamp> stamp, long readAt) {
    }

    public Users(JdbcTemplate jdbc, PasswordEncoder encoder, PasswordPolicy policy) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.policy = policy;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    public PasswordPolicy policy() {
        return policy;
    }

    /**
     * The user's stamp as a session checks it on every request: read from the hub database at most
     * every {@link #STAMP_CACHE} per user and instance; this instance's own changes at once.
     */
    public Optional<Stamp> stamp(String username) {
        long now = System.nanoTime();
        Cached cached = stamps.get(username);
        if (cached != null && now - cached.readAt() < STAMP_CACHE.toNanos()) {
            return cached.stamp();
        }
        Optional<Stamp> read = jdbc.query("SELECT credentials_version, enabled FROM app_user WHERE username = ?",
                (rs, i) -> new Stamp(rs.getLong(1), rs.getBoolean(2)), username).stream().findFirst();
        if (stamps.size() > 10_000) {
            stamps.clear();
        }
        stamps.put(username, new Cached(read, now));
        return read;
    }

    /** The stamp as stored now, for a session that logs in. */
    public Optional<Stamp> freshStamp(String username) {
        stamps.remove(username);
        return stamp(username);
    }

    /**
     * Refuses to leave no enabled admin: the enabled admins' rows are locked (FOR UPDATE) so two
     * admins demoting each other at the same moment cannot both succeed. Call inside a transaction.
     *
     * @param disabling true: the user is disabled; false: it is given another role
     */
    private void keepAnAdmin(String username, boolean disabling) {
        List<String> admins = jdbc.queryForList("SELECT username FROM app_user WHERE role = ? AND enabled = TRUE ORDER BY username FOR UPDATE",
                String.class, Role.ADMIN.name());
        if (admins.size() == 1 && admins.get(0).equals(username)) {
            throw new LastAdmin(username, disabling);
        }
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
        policy.check(username, password);
        String hash = encoder.encode(password);
        boolean created = Boolean.TRUE.equals(transaction.execute(t -> {
            if (role != Role.ADMIN) {
                keepAnAdmin(username, false);
            }
            // A new password (and maybe role): the user's open sessions end.
            int updated = jdbc.update("UPDATE app_user SET password_hash = ?, role = ?, enabled = TRUE, failed_logins = 0, "
                    + "locked_until = NULL, credentials_version = credentials_version + 1 WHERE username = ?", hash, role.name(), username);
            if (updated == 0) {
                insert(username, hash, role);
                return true;
            }
            jdbc.update("DELETE FROM login_failure WHERE username = ?", username);
            if (role != Role.AUTHOR) {
                jdbc.update("DELETE FROM user_agency WHERE username = ?", username);
            }
            return false;
        }));
        stamps.remove(username);
        return created;
    }

    /**
     * Gives the user another role; its sessions end.
     *
     * @return false when there is no such user
     * @throws LastAdmin when it is the last enabled admin and the role is not ADMIN
     */
    public boolean changeRole(String username, Role role) {
        boolean changed = Boolean.TRUE.equals(transaction.execute(t -> {
            if (role != Role.ADMIN) {
                keepAnAdmin(username, false);
            }
            if (jdbc.update("UPDATE app_user SET role = ?, credentials_version = credentials_version + 1 WHERE username = ?",
                    role.name(), username) == 0) {
                return false;
            }
            if (role != Role.AUTHOR) {
                jdbc.update("DELETE FROM user_agency WHERE username = ?", username);
            }
            return true;
        }));
        stamps.remove(username);
        return changed;
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
        policy.check(username, password);
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
     * A user changes their own password: the current one must be right, the new one given twice. Its
     * other sessions end.
     *
     * @return the new stamp, for the session that made the change to keep
     * @throws IllegalArgumentException with the reason in the operator's words
     */
    public long changePassword(String username, String current, String replacement, String repeated) {
        String hash = jdbc.query("SELECT password_hash FROM app_user WHERE username = ?", rs -> rs.next() ? rs.getString(1) : null,
                username);
        if (hash == null || current == null || !encoder.matches(current, hash)) {
            throw new IllegalArgumentException("当前密码不正确。请重新输入当前密码；忘记了请联系管理员重设。");
        }
        if (replacement == null || !replacement.equals(repeated)) {
            throw new IllegalArgumentException("两次输入的新密码不一致。请重新输入两遍相同的新密码。");
        }
        if (replacement.equals(current)) {
            throw new IllegalArgumentException("新密码不能与当前密码相同。请另选一个新密码。");
        }
        policy.check(username, replacement);
        jdbc.update("UPDATE app_user SET password_hash = ?, credentials_version = credentials_version + 1 WHERE username = ?",
                encoder.encode(replacement), username);
        stamps.remove(username);
        return stamp(username).map(Stamp::version).orElse(-1L);
    }

    /**
     * An admin resets a user's password to a new random one, which the admin is shown once; the
     * account is unlocked too (the reason for a reset is often a lockout), and its sessions end.
     *
     * @return the new password, or null when there is no such user
     */
    public String resetPassword(String username) {
        String password = policy.generate();
        int updated = jdbc.update("UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL, "
                + "credentials_version = credentials_version + 1 WHERE username = ?", encoder.encode(password), username);
        jdbc.update("DELETE FROM login_failure WHERE username = ?", username);
        stamps.remove(username);
        return updated == 0 ? null : password;
    }

    /**
     * Disables the user; its sessions end at their next request.
     *
     * @return false when there is no such user
     * @throws LastAdmin when it is the last enabled admin
     */
    public boolean disable(String username) {
        boolean done = Boolean.TRUE.equals(transaction.execute(t -> {
            keepAnAdmin(username, true);
            return jdbc.update("UPDATE app_user SET enabled = FALSE, credentials_version = credentials_version + 1 WHERE username = ?",
                    username) > 0;
        }));
        stamps.remove(username);
        return done;
    }

    /** Enables a disabled user (its password as it was). @return false when there is no such user */
    public boolean enable(String username) {
        boolean done = jdbc.update("UPDATE app_user SET enabled = TRUE WHERE username = ?", username) > 0;
        stamps.remove(username);
        return done;
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
        users.add(new Credential("admin", Role.ADMIN, given ? adminPassword : policy.generate(), !given));
        if (demoUsers) {
            users.add(new Credential("operator", Role.OPERATOR, policy.generate(), true));
            users.add(new Credential("reviewer", Role.REVIEWER, policy.generate(), true));
            users.add(new Credential("viewer", Role.VIEWER, policy.generate(), true));
            users.add(new Credential("author", Role.AUTHOR, policy.generate(), true, DEMO_AUTHOR_AGENCIES));
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
}
