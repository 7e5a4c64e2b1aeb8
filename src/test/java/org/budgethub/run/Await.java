package org.budgethub.run;

import java.util.Optional;
import java.util.function.Supplier;

/** Polls a condition until it holds or the time is up: for what runs in the background. */
public final class Await {

    private Await() {
    }

    public static <T> T until(Supplier<Optional<T>> probe, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached within " + seconds + " s");
    }
}
