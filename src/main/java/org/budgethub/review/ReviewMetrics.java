package org.budgethub.review;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The review's metrics. */
@Configuration(proxyBeanMethods = false)
class ReviewMetrics {

    /** {@code hub_packages_late}: packages not on the website by their 20-day deadline; read at most once a minute. */
    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    MeterBinder latePackages(Deadlines deadlines) {
        AtomicLong readAt = new AtomicLong();
        AtomicInteger late = new AtomicInteger();
        return registry -> Gauge.builder("hub.packages.late", () -> {
            long now = System.currentTimeMillis();
            if (now - readAt.get() > 60_000) {
                late.set(deadlines.lateCount());
                readAt.set(now);
            }
            return late.get();
        }).description("Packages (departments and units) not delivered to the website by their deadline").register(registry);
    }

}
