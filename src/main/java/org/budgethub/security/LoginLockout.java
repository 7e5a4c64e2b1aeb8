package org.budgethub.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.budgethub.config.HubProperties;

/**
 * Failed logins and the lockouts they cause ({@code hub.console.lockout}), counted per user name
 * AND source address: max-failures wrong passwords in a row of one name from one address lock that
 * name from that address (even to the right password) for duration, doubled with each further lock
 * up to max-duration ({@link LockoutRules}). An outsider hammering {@code admin} so locks only its own
 * address, never the admin at the office. Only account-max-failures in a row from all addresses
 * together (a spread attack) lock the account everywhere, for duration. The failure that locks
 * already says so, and until when; a successful login resets its address's count and the account's;
 * an admin's unlock ends every lock of the user at once.
 *
 * <p>Counts of real users live in the hub database (table {@code login_failure} per address, and
 * {@code app_user} for the account), shared by every hub instance. Names that are no user are
 * counted the same way in memory, so the login page never tells whether a name exists.
 */
@Component
class LoginLockout {

    /** A lock of one user name, from one address or (address null) the whole account. */
    record Lock(String username, String address, Instant until) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LoginLockout.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Bounds the memory an attacker spraying made-up names can take. */
    private static final int MAX_UNKNOWN_NAMES = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final LockoutRules perAddress;
    private final LockoutRules perAccount;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, LockoutRules.Strikes> unknown = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LockoutRules.Strikes> eldest) {
            return size() > MAX_UNKNOWN_NAMES;
        }
    };

    /** A test may give a Clock bean to move time on; otherwise the system's. */
    public LoginLockout(JdbcTemplate jdbc, AuditLog audit, HubProperties hub, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.audit = audit;
        HubProperties.Lockout l = hub.console().lockout();
        this.perAddress = new LockoutRules(l.maxFailures(), l.duration(), l.maxDuration(), true);
        this.perAccount = new LockoutRules(l.accountMaxFailures(), l.duration(), l.maxDuration(), false);
        this.zone = ZoneId.of(hub.publish().zone());
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    public Instant now() {
        return clock.instant();
    }

    /** An unknown address (no request details) is one address of its own. */
    static String address(String address) {
        return address == null || address.isBlank() ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address;
    }

    /** @throws LockedException with the Chinese message of the login page while the name is locked from this address or everywhere */
    public void refuseIfLocked(String name, String address) {
        Optional<Lock> lock = lockedUntil(name, address);
        if (lock.isPresent()) {
            throw new LockedException(message(lock.get()));
        }
    }

    /** The lock that holds for this name from this address, the later one when both do; empty when none. */
    public Optional<Lock> lockedUntil(String name, String address) {
        Instant now = now();
        String from = address(address);
        Instant account;
        Instant pair;
        List<Timestamp> row = jdbc.queryForList("SELECT locked_until FROM app_user WHERE username = ?", Timestamp.class, name);
        if (!row.isEmpty()) {
            account = row.get(0) == null ? null : row.get(0).toInstant();
            List<Timestamp> p = jdbc.queryForList("SELECT locked_until FROM login_failure WHERE username = ? AND address = ?",
                    Timestamp.class, name, from);
            pair = p.isEmpty() || p.get(0) == null ? null : p.get(0).toInstant();
        } else {
            synchronized (unknown) {
                LockoutRules.Strikes a = unknown.get(name);
                LockoutRules.Strikes p = unknown.get(name + "\n" + from);
                account = a == null ? null : a.lockedUntil();
                pair = p == null ? null : p.lockedUntil();
            }
        }
        boolean accountLocked = account != null && account.isAfter(now);
        boolean pairLocked = pair != null && pair.isAfter(now);
        if (accountLocked && (!pairLocked || !pair.isAfter(account))) {
            return Optional.of(new Lock(name, null, account));
        }
        return pairLocked ? Optional.of(new Lock(name, from, pair)) : Optional.empty();
    }

    /**
     * A wrong password (or a name that is no user): counts for the name from this address and for
     * the account.
     *
     * @return the lock this very failure caused, whose message the login shows at once; empty when none
     */
    public Optional<Lock> failed(String name, String address, String from) {
        String at = address(address);
        Instant now = now();
        if (jdbc.update("UPDATE app_user SET failed_logins = failed_logins + 1 WHERE username = ?", name) > 0) {
            Optional<Lock> pair = failedPair(name, at, now);
            Optional<Lock> account = Optional.empty();
            // The conditional update locks once, however many instances or threads count the last failure.
            Instant until = now.plus(perAccount.lockFor(0));
            if (jdbc.update("UPDATE app_user SET locked_until = ?, failed_logins = 0 WHERE username = ? AND failed_logins >= ?",
                    Timestamp.from(until), name, perAccount.maxFailures()) == 1) {
                account = Optional.of(new Lock(name, null, until));
            }
            pair.ifPresent(l -> lockedOut(l, "", from));
            account.ifPresent(l -> lockedOut(l, "", from));
            return account.isPresent() ? account : pair;
        }
        Optional<Lock> lock;
        synchronized (unknown) {
            LockoutRules.Outcome p = perAddress.failed(unknown.get(name + "\n" + at), now);
            unknown.put(name + "\n" + at, p.after());
            LockoutRules.Outcome a = perAccount.failed(unknown.get(name), now);
            unknown.put(name, a.after());
            lock = a.locked() ? Optional.of(new Lock(name, null, a.lockedUntil()))
                    : p.locked() ? Optional.of(new Lock(name, at, p.lockedUntil())) : Optional.empty();
        }
        lock.ifPresent(l -> lockedOut(l, "（该用户名不存在）", from));
        return lock;
    }

    /** One row per (user, address), read and written under its row lock so two instances never lose a count. */
    private Optional<Lock> failedPair(String name, String address, Instant now) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transaction.execute(t -> {
                    List<LockoutRules.Strikes> rows = jdbc.query("SELECT failures, locks, locked_until, last_failure FROM login_failure "
                                    + "WHERE username = ? AND address = ? FOR UPDATE",
                            (rs, i) -> new LockoutRules.Strikes(rs.getInt(1), rs.getInt(2), instant(rs.getTimestamp(3)),
                                    instant(rs.getTimestamp(4))), name, address);
                    LockoutRules.Outcome o = perAddress.failed(rows.isEmpty() ? null : rows.get(0), now);
                    LockoutRules.Strikes s = o.after();
                    if (rows.isEmpty()) {
                        jdbc.update("INSERT INTO login_failure (username, address, failures, locks, locked_until, last_failure) "
                                + "VALUES (?, ?, ?, ?, ?, ?)", name, address, s.failures(), s.locks(), timestamp(s.lockedUntil()),
                                timestamp(s.lastFailure()));
                    } else {
                        jdbc.update("UPDATE login_failure SET failures = ?, locks = ?, locked_until = ?, last_failure = ? "
                                + "WHERE username = ? AND address = ?", s.failures(), s.locks(), timestamp(s.lockedUntil()),
                                timestamp(s.lastFailure()), name, address);
                    }
                    return o.locked() ? Optional.of(new Lock(name, address, o.lockedUntil())) : Optional.<Lock>empty();
                });
            } catch (DuplicateKeyException e) {
                if (attempt > 2) {
                    throw e; // another instance inserted the first failure at the same moment: read it again
                }
            }
        }
    }

    private void lockedOut(Lock lock, String note, String from) {
        String at = TIME.format(lock.until().atZone(zone));
        long minutes = minutes(Duration.between(now(), lock.until()));
        String cause = lock.address() == null
                ? "从各处合计连续 " + perAccount.maxFailures() + " 次登录失败" + note + "，整个账户锁定至 " + at
                : "从 " + lock.address() + " 连续 " + perAddress.maxFailures() + " 次登录失败" + note + "，该用户名从此地址的登录锁定至 " + at;
        LOG.warn("账户锁定：用户 '{}' {}（{} 分钟）{}", SecurityAudit.printable(lock.username()), cause, minutes, from);
        audit.record(lock.username(), "login.lockout", cause + "（" + minutes + " 分钟）" + from);
    }

    /** A successful login: the count of its address and the account's start again. Cheap when there is nothing to reset (HTTP Basic logs in every request). */
    public void succeeded(String name, String address) {
        jdbc.update("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE username = ? "
                + "AND (failed_logins <> 0 OR locked_until IS NOT NULL)", name);
        jdbc.update("DELETE FROM login_failure WHERE username = ? AND address = ?", name, address(address));
    }

    /** An admin unlocks a user, from every address: @return false when there is no such user */
    public boolean unlock(String name) {
        jdbc.update("DELETE FROM login_failure WHERE username = ?", name);
        return jdbc.update("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE username = ?", name) > 0;
    }

    /** Every lock in force, by user name: the admin page's 已锁定 column. */
    public Map<String, List<Lock>> locks() {
        Instant now = now();
        Map<String, List<Lock>> all = new TreeMap<>();
        jdbc.query("SELECT username, NULL, locked_until FROM app_user WHERE locked_until > ? "
                        + "UNION ALL SELECT username, address, locked_until FROM login_failure WHERE locked_until > ?",
                (RowCallbackHandler) rs -> all.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(new Lock(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())),
                Timestamp.from(now), Timestamp.from(now));
        return all;
    }

    /** The login page's words for a lock: what, until when, and what to do. */
    public String message(Lock lock) {
        long minutes = minutes(Duration.between(now(), lock.until()));
        String until = TIME.format(lock.until().atZone(zone));
        return "账户已锁定，请 " + minutes + " 分钟后（" + until + " 以后）再试或联系管理员解锁："
                + (lock.address() == null ? "该用户名从各处合计连续登录失败次数过多" : "该用户名从您当前的地址连续 " + perAddress.maxFailures() + " 次登录失败")
                + "。忘记密码请联系管理员重设。";
    }

    /** Whole minutes, rounded up, at least one: "in 0 minutes" would be wrong until the last second. */
    static long minutes(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        return Math.max(1, (seconds + 59) / 60);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
