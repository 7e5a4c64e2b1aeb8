package org.budgethub.publish;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery metrics ({@link PublishMetrics}), told of every FAILED by the delivery records. */
@Configuration(proxyBeanMethods = false)
class PublishMetricsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    PublishMetrics publishMetrics(MeterRegistry registry, DeliveryRecords records) {
        PublishMetrics metrics = new PublishMetrics(registry, records);
        records.setMetrics(metrics);
        return metrics;
    }
}
