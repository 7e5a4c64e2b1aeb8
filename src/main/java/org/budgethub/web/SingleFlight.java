package org.budgethub.web;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A value per key computed once for all the callers that ask while it is being computed, and never
 * kept after: 200 dashboards opened together make a few sets of the year's queries, not 200, so they
 * neither exhaust the hub database's pool nor its memory, and a page asked after a change shows it.
 * A failure reaches every caller that shared the computation.
 */
public final class SingleFlight<K, V> {

    private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    public V get(K key, Function<K, V> compute) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> shared = running.putIfAbsent(key, mine);
        if (shared == null) {
            try {
                mine.complete(compute.apply(key));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                running.remove(key, mine);
            }
            return mine.join();
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
