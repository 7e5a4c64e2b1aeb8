package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LockoutRulesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-02-01T02:00:00Z"), ZoneOffset.UTC);
    private final LockoutRules rules = new LockoutRules(10, Duration.ofMinutes(15), Duration.ofHours(24), true);

    @Test
    void theTenthFailureLocksAndSaysUntilWhen() {
        Instant now = clock.instant();
        LockoutRules.Strikes s = LockoutRules.Strikes.NONE;
        for (int i = 1; i <= 9; i++) {
            LockoutRules.Outcome o = rules.failed(s, now);
            assertThat(o.locked()).as("failure %d", i).isFalse();
            s = o.after();
        }
        LockoutRules.Outcome tenth = rules.failed(s, now);
        assertThat(tenth.locked()).isTrue();
        assertThat(tenth.lockedUntil()).isEqualTo(Instant.parse("2026-02-01T02:15:00Z"));
        assertThat(tenth.lockedFor()).isEqualTo(Duration.ofMinutes(15));
        assertThat(LockoutRules.locked(tenth.after(), now.plus(Duration.ofMinutes(14)))).isTrue();
        assertThat(LockoutRules.locked(tenth.after(), now.plus(Duration.ofMinutes(15)))).isFalse();
    }

    @Test
    void eachFurtherLockDoublesUpToTheCap() {
        Instant now = clock.instant();
        LockoutRules.Strikes s = LockoutRules.Strikes.NONE;
        Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(120),
                Duration.ofMinutes(240), Duration.ofMinutes(480), Duration.ofMinutes(960), Duration.ofHours(24), Duration.ofHours(24)};
        for (Duration lock : expected) {
            LockoutRules.Outcome o = null;
            for (int i = 0; i < 10; i++) {
                o = rules.failed(s, now);
                s = o.after();
            }
            assertThat(o.lockedFor()).isEqualTo(lock);
            now = o.lockedUntil().plusSeconds(1); // the attacker comes back as soon as the lock ends
        }
        assertThat(rules.lockFor(60)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aQuietSpellAsLongAsTheCapForgetsTheEarlierLocks() {
        Instant now = clock.instant();
        LockoutRules.Strikes s = LockoutRules.Strikes.NONE;
        for (int i = 0; i < 20; i++) {
            s = rules.failed(s, now).after();
            if (LockoutRules.locked(s, now)) {
                now = s.lockedUntil();
            }
        }
        assertThat(s.locks()).isEqualTo(2);
        LockoutRules.Outcome later = rules.failed(s, now.plus(Duration.ofHours(25)));
        assertThat(later.after().failures()).isEqualTo(1);
        assertThat(later.after().locks()).isZero();
        // but not a shorter one: the count goes on
        assertThat(rules.failed(s, now.plus(Duration.ofHours(2))).after().locks()).isEqualTo(2);
    }

    @Test
    void withoutBackOffEveryLockLastsTheSame() {
        LockoutRules account = new LockoutRules(100, Duration.ofMinutes(15), Duration.ofHours(24), false);
        assertThat(account.lockFor(0)).isEqualTo(Duration.ofMinutes(15));
        assertThat(account.lockFor(7)).isEqualTo(Duration.ofMinutes(15));
    }
}
