package org.budgethub.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A value per key computed once however many requests ask while it is being computed (and, with a
 * {@code maxAge} above zero, kept that long after): 200 dashboards opened together make a few sets of
 * the year's queries, not 200, so they neither exhaust the hub database's pool nor its memory. A
 * computation that fails is not kept.
 */
public final class Recent<K, V> {

    private record Entry<V>(CompletableFuture<V> value, long at) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long maxAgeMillis;
    private final Clock clock;

    public Recent(Duration maxAge) {
        this(maxAge, Clock.systemUTC());
    }

    Recent(Duration maxAge, Clock clock) {
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    public V get(K key, Function<K, V> compute) {
        long now = clock.millis();
        CompletableFuture<V> mine = new CompletableFuture<>();
        Entry<V> entry = entries.compute(key, (k, old) -> old != null && !old.value().isCompletedExceptionally()
                && (!old.value().isDone() || now - old.at() <= maxAgeMillis) ? old : new Entry<>(mine, now));
        if (entry.value() == mine) {
            try {
                mine.complete(compute.apply(key));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                entries.remove(key, entry);
                throw e;
            }
        }
        try {
            return entry.value().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Forget everything: what a change made here (a run started, an approval) calls so its own page shows it at once. */
    public void clear() {
        entries.clear();
    }
}
