package org.budgethub.run;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run metrics ({@link RunMetrics}): {@code hub_runs_total}, {@code hub_tasks_total},
 * {@code hub_task_duration_seconds}, {@code hub_run_duration_seconds}, {@code hub_runs_active},
 * recorded by the run history as it writes each change.
 */
@Configuration(proxyBeanMethods = false)
class RunMetricsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    RunMetrics runMetrics(MeterRegistry registry) {
        return new RunMetrics(registry, Clock.systemUTC());
    }
}
