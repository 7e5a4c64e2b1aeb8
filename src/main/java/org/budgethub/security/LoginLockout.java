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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;

/**
 * Consecutive failed logins and the lockout they cause ({@code hub.console.lockout}): after
 * max-failures wrong passwords in a row an account is refused, even its right password, for the
 * lockout's duration; a successful login resets the count; an admin can unlock it at once.
 *
 * <p>Counts of real users live in {@code app_user} (shared by every hub instance). Names that are no
 * user are counted too, in memory: they lock just the same, so the login page never tells whether a
 * name exists.
 */
@Component
class LoginLockout {

    private static final Logger LOG = LoggerFactory.getLogger(LoginLockout.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Bounds the memory an attacker spraying made-up names can take. */
    private static final int MAX_UNKNOWN_NAMES = 10_000;

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final int maxFailures;
    private final Duration duration;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, Strikes> unknown = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Strikes> eldest) {
            return size() > MAX_UNKNOWN_NAMES;
        }
    };

    private static final class Strikes {
        int failures;
        Instant lockedUntil;
    }

    /** A test may give a Clock bean to move time on; otherwise the system's. */
    public LoginLockout(JdbcTemplate jdbc, AuditLog audit, HubProperties hub, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.maxFailures = Math.max(1, hub.console().lockout().maxFailures());
        this.duration = hub.console().lockout().duration();
        this.zone = ZoneId.of(hub.publish().zone());
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    public Instant now() {
        return clock.instant();
    }

    /** @throws LockedException with the Chinese message of the login page while the name is locked */
    public void refuseIfLocked(String name) {
        Optional<Instant> until = lockedUntil(name);
        if (until.isPresent()) {
            throw new LockedException(message(Duration.between(now(), until.get())));
        }
    }

    /** Until when the name is locked; empty when it is not (any more). */
    public Optional<Instant> lockedUntil(String name) {
        Instant now = now();
        List<Timestamp> row = jdbc.queryForList("SELECT locked_until FROM app_user WHERE username = ?", Timestamp.class, name);
        Instant until;
        if (!row.isEmpty()) {
            until = row.get(0) == null ? null : row.get(0).toInstant();
        } else {
            synchronized (unknown) {
                Strikes s = unknown.get(name);
                until = s == null ? null : s.lockedUntil;
            }
        }
        return until != null && until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /** A wrong password (or a name that is no user): counts, and locks at max-failures. */
    public void failed(String name, String from) {
        Instant until = now().plus(duration);
        if (jdbc.update("UPDATE app_user SET failed_logins = failed_logins + 1 WHERE username = ?", name) > 0) {
            // The conditional update locks once, however many instances or threads count the last failure.
            if (jdbc.update("UPDATE app_user SET locked_until = ?, failed_logins = 0 WHERE username = ? AND failed_logins >= ?",
                    Timestamp.from(until), name, maxFailures) == 1) {
                lockedOut(name, until, "", from);
            }
            return;
        }
        boolean locked;
        synchronized (unknown) {
            Strikes s = unknown.computeIfAbsent(name, n -> new Strikes());
            locked = ++s.failures >= maxFailures;
            if (locked) {
                s.failures = 0;
                s.lockedUntil = until;
            }
        }
        if (locked) {
            lockedOut(name, until, "（该用户名不存在）", from);
        }
    }

    private void lockedOut(String name, Instant until, String note, String from) {
        String at = TIME.format(until.atZone(zone));
        LOG.warn("账户锁定：用户 '{}' 连续 {} 次登录失败{}，锁定至 {}{}", SecurityAudit.printable(name), maxFailures, note, at, from);
        audit.record(name, "login.lockout", "连续 " + maxFailures + " 次登录失败" + note + "，账户锁定至 " + at + "（"
                + minutes(duration) + " 分钟）" + from);
    }

    /** A successful login: the count starts again. Cheap when there is nothing to reset (HTTP Basic logs in every request). */
    public void succeeded(String name) {
        jdbc.update("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE username = ? "
                + "AND (failed_logins <> 0 OR locked_until IS NOT NULL)", name);
    }

    /** An admin unlocks a user: @return false when there is no such user */
    public boolean unlock(String name) {
        return jdbc.update("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE username = ?", name) > 0;
    }

    public static String message(Duration remaining) {
        return "账户已锁定，请 " + minutes(remaining) + " 分钟后再试或联系管理员";
    }

    /** Whole minutes, rounded up, at least one: "in 0 minutes" would be wrong until the last second. */
    static long minutes(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        return Math.max(1, (seconds + 59) / 60);
    }
}
