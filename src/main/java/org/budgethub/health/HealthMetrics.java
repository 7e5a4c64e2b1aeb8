package org.budgethub.health;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health as a metric, for the alert rules: the actuator's health is not exported to Prometheus.
 * {@code hub_finance_database_up}: 1 when the finance database's health component
 * ({@code financeDatabase}, bounded by hub.finance.health-timeout-ms) is UP, else 0; checked at scrape
 * time at most once a minute.
 */
@Configuration(proxyBeanMethods = false)
class HealthMetrics {

    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    MeterBinder financeDatabaseUp(@Qualifier("financeDatabaseHealthIndicator") DataSourceHealth finance) {
        AtomicLong readAt = new AtomicLong();
        AtomicInteger up = new AtomicInteger();
        return registry -> Gauge.builder("hub.finance.database.up", () -> {
            long now = System.currentTimeMillis();
            if (readAt.get() == 0 || now - readAt.get() > 60_000) {
                up.set(Status.UP.equals(finance.health().getStatus()) ? 1 : 0);
                readAt.set(now);
            }
            return up.get();
        }).description("1 when the finance database answers (health component financeDatabase is UP), else 0").register(registry);
    }
}
