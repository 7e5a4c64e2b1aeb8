package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void manyCallersAtOnceShareOneComputation() throws Exception {
        SingleFlight<Integer, String> flight = new SingleFlight<>();
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> flight.get(2026, y -> {
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
    void theNextCallerAfterAComputationSeesFreshDataAndAFailureIsNotKept() {
        SingleFlight<Integer, Integer> flight = new SingleFlight<>();
        AtomicInteger n = new AtomicInteger();
        assertThat(flight.get(1, k -> n.incrementAndGet())).isEqualTo(1);
        assertThat(flight.get(1, k -> n.incrementAndGet())).isEqualTo(2);

        assertThatThrownBy(() -> flight.get(3, k -> {
            throw new IllegalStateException("数据库不可用");
        })).hasMessage("数据库不可用");
        assertThat(flight.get(3, k -> 7)).isEqualTo(7);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
