package org.budgethub.ops.health;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.ops.FailureExplainer;
import org.budgethub.ops.HubProperties;
import org.budgethub.ops.release.Deadlines;
import org.budgethub.ops.run.RunHistory;

/**
 * Actuator health components and the run metrics:
 * <ul>
 *   <li>{@code financeDatabase}: the finance system's database ({@code financeDataSource});</li>
 *   <li>{@code db}: the hub's own database ({@code hubDataSource}) only. Boot's default {@code db}
 *       would be a composite of every data source, finance included and without a time bound; a
 *       bean named {@code dbHealthIndicator} replaces it;</li>
 *   <li>{@code cms}: the website CMS's SFTP server ({@link CmsHealthIndicator});</li>
 *   <li>{@link RunHistoryMetrics}: {@code hub_runs_total}, {@code hub_tasks_total},
 *       {@code hub_task_duration_seconds}, {@code hub_run_duration_seconds}, {@code hub_runs_active}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    DataSourceHealth financeDatabaseHealthIndicator(@Qualifier("financeDataSource") DataSource financeDataSource, HubProperties hub,
                                                    FailureExplainer explainer) {
        return new DataSourceHealth(financeDataSource, explainer.finance(), Duration.ofMillis(hub.finance().healthTimeoutMs()));
    }

    @Bean
    DataSourceHealth dbHealthIndicator(@Qualifier("hubDataSource") DataSource hubDataSource, HubProperties hub,
                                       FailureExplainer explainer) {
        return new DataSourceHealth(hubDataSource, explainer.hub(), Duration.ofMillis(hub.database().healthTimeoutMs()));
    }

    @Bean
    CmsHealthIndicator cmsHealthIndicator(Environment environment) {
        return new CmsHealthIndicator(environment);
    }

    /** {@code hub_packages_late}: packages not on the website by their 20-day deadline; read at most once a minute. */
    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    MeterBinder latePackages(Deadlines deadlines) {
        java.util.concurrent.atomic.AtomicLong readAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
        return registry -> Gauge.builder("hub.packages.late", () -> {
            long now = System.currentTimeMillis();
            if (now - readAt.get() > 60_000) {
                late.set(deadlines.lateCount());
                readAt.set(now);
            }
            return late.get();
        }).description("Packages (departments and units) not delivered to the website by their deadline").register(registry);
    }

    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    RunHistoryMetrics runHistoryMetrics(@Qualifier("hubDataSource") DataSource hubDataSource, RunHistory history, MeterRegistry registry,
                                        HubProperties hub) {
        long intervalMs = hub.metrics().pollIntervalMs();
        JdbcTemplate jdbc = new JdbcTemplate(hubDataSource);
        jdbc.setQueryTimeout(30);
        Clock clock = Clock.systemUTC();
        return new RunHistoryMetrics(jdbc, history.instance(), registry, RunHistoryMetrics.now(clock), clock,
                Duration.ofMillis(intervalMs));
    }
}
