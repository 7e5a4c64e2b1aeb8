package org.budgethub.security;

import java.time.Duration;
import java.time.Instant;

/**
 * The lockout's arithmetic, without storage or clock: a count of failures in a row and, at the
 * limit, a lock whose length doubles with each lock (15 min, 30, 60 … up to a cap). A quiet spell
 * as long as the cap after the last failure and the last lock's end forgets the earlier locks.
 */
final class LockoutRules {

    /** One counter's state: failures since the last lock (or success), locks so far, the lock's end, the last failure. */
    record Strikes(int failures, int locks, Instant lockedUntil, Instant lastFailure) {

        static final Strikes NONE = new Strikes(0, 0, null, null);
    }

    /** What a failure did: the state after it, and the lock it caused ({@code lockedUntil} null when none). */
    record Outcome(Strikes after, Instant lockedUntil, Duration lockedFor) {

        boolean locked() {
            return lockedUntil != null;
        }
    }

    private final int maxFailures;
    private final Duration duration;
    private final Duration maxDuration;
    private final boolean backOff;

    /** @param backOff false: every lock lasts {@code duration} (the account-wide counter) */
    LockoutRules(int maxFailures, Duration duration, Duration maxDuration, boolean backOff) {
        this.maxFailures = Math.max(1, maxFailures);
        this.duration = duration;
        this.maxDuration = maxDuration.compareTo(duration) < 0 ? duration : maxDuration;
        this.backOff = backOff;
    }

    int maxFailures() {
        return maxFailures;
    }

    static boolean locked(Strikes s, Instant now) {
        return s.lockedUntil() != null && s.lockedUntil().isAfter(now);
    }

    /** How long the lock after {@code earlierLocks} earlier ones lasts: doubled each time, at most the cap. */
    Duration lockFor(int earlierLocks) {
        if (!backOff) {
            return duration;
        }
        Duration d = duration;
        for (int i = 0; i < earlierLocks && d.compareTo(maxDuration) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDuration) > 0 ? maxDuration : d;
    }

    /** A wrong password at {@code now}; a locked counter is refused before any password is looked at, so it is not asked. */
    Outcome failed(Strikes before, Instant now) {
        Strikes s = before == null ? Strikes.NONE : before;
        Instant lastSeen = s.lockedUntil() != null && (s.lastFailure() == null || s.lockedUntil().isAfter(s.lastFailure()))
                ? s.lockedUntil() : s.lastFailure();
        if (lastSeen != null && lastSeen.plus(maxDuration).isBefore(now)) {
            s = Strikes.NONE; // quiet for as long as the cap since the last failure or lock: the back-off starts again
        }
        int failures = s.failures() + 1;
        if (failures < maxFailures) {
            return new Outcome(new Strikes(failures, s.locks(), s.lockedUntil(), now), null, null);
        }
        Duration lock = lockFor(s.locks());
        Instant until = now.plus(lock);
        return new Outcome(new Strikes(0, s.locks() + 1, until, now), until, lock);
    }
}
