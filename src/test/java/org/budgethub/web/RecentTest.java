package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RecentTest {

    private static final class Ticking extends Clock {
        long millis;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void manyCallersAtOnceShareOneComputation() throws Exception {
        Recent<Integer, String> recent = new Recent<>(Duration.ZERO);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> recent.get(2026, y -> {
                    computed.incrementAndGet();
                    await(release);
                    return "year " + y;
                })));
            }
            Thread.sleep(300); // all 16 are asking while the first computes
            release.countDown();
            for (Future<String> a : answers) {
                assertThat(a.get()).isEqualTo("year 2026");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    void aValueOlderThanItsAgeIsComputedAgainAndAFailureIsNotKept() {
        Ticking clock = new Ticking();
        Recent<Integer, Integer> recent = new Recent<>(Duration.ofSeconds(2), clock);
        AtomicInteger n = new AtomicInteger();
        assertThat(recent.get(1, k -> n.incrementAndGet())).isEqualTo(1);
        clock.millis = 1_500;
        assertThat(recent.get(1, k -> n.incrementAndGet())).isEqualTo(1);
        clock.millis = 2_600;
        assertThat(recent.get(1, k -> n.incrementAndGet())).isEqualTo(2);

        assertThatThrownBy(() -> recent.get(3, k -> {
            throw new IllegalStateException("数据库不可用");
        })).hasMessage("数据库不可用");
        assertThat(recent.get(3, k -> 7)).isEqualTo(7);
        recent.clear();
        assertThat(recent.get(1, k -> n.incrementAndGet())).isEqualTo(3);
    }

    @Test
    void withNoAgeOnlyCallersDuringTheComputationShareItAndTheNextOneSeesFreshData() {
        Recent<Integer, Integer> recent = new Recent<>(Duration.ZERO);
        AtomicInteger n = new AtomicInteger();
        assertThat(recent.get(1, k -> n.incrementAndGet())).isEqualTo(1);
        assertThat(recent.get(1, k -> n.incrementAndGet())).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
