package org.budgethub.review;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The review's metrics. */
@Configuration(proxyBeanMethods = false)
class ReviewMetrics {

    /**
     * {@code hub_packages_late}: packages past their deadline and not on the website; {@code hub_packages_published_late}:
     * first on the website after it. This year and its neighbours, from {@link Deadlines#counts()}, read at most every 10 s (one grouped query; a scrape every 15 s sees each delivery).
     */
    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    MeterBinder latePackages(Deadlines deadlines) {
        AtomicLong readAt = new AtomicLong();
        AtomicReference<Map<DeadlineState, Integer>> counts = new AtomicReference<>();
        java.util.function.ToIntFunction<DeadlineState> count = state -> {
            long now = System.currentTimeMillis();
            if (counts.get() == null || now - readAt.get() > 10_000) {
                counts.set(deadlines.counts());
                readAt.set(now);
            }
            return counts.get().get(state);
        };
        return registry -> {
            Gauge.builder("hub.packages.late", () -> count.applyAsInt(DeadlineState.LATE))
                    .description("Packages (departments and units) past their deadline and not on the website").register(registry);
            Gauge.builder("hub.packages.published.late", () -> count.applyAsInt(DeadlineState.PUBLISHED_LATE))
                    .description("Packages first delivered to the website after their deadline").register(registry);
        };
    }

}
