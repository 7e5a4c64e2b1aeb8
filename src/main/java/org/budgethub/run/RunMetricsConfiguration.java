package org.budgethub.run;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.config.HubProperties;

/**
 * The run metrics ({@link RunHistoryMetrics}): {@code hub_runs_total}, {@code hub_tasks_total},
 * {@code hub_task_duration_seconds}, {@code hub_run_duration_seconds}, {@code hub_runs_active}.
 */
@Configuration(proxyBeanMethods = false)
class RunMetricsConfiguration {

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
