package org.budgethub.config;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.ingest.IngestStage;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.validation.Validator;

/**
 * Wires the plain-Java stages into Spring, under the bean names the routes call: {@code ingest},
 * {@code disclosureBuilder} (model), {@code validator}; and the agency thread pool.
 */
@Configuration(proxyBeanMethods = false)
class HubConfiguration {

    /**
     * For a side step whose failure is its own business (the CMS index): the caller's exchange comes
     * back as it went in, so an error the side step's dead-letter channel handled never stops the caller.
     */
    @Bean("keepOriginal")
    org.apache.camel.AggregationStrategy keepOriginal() {
        return (original, sideStep) -> original != null ? original : sideStep;
    }

    @Bean
    HubInstance hubInstance(HubProperties hub) {
        return HubInstance.of(hub.instanceId());
    }

    /** Whether the hub is shutting down: work cut off then is interrupted (and resumed later), not failed. */
    @Bean
    BooleanSupplier hubStopping(CamelContext camel) {
        return () -> camel.isStopping() || camel.isStopped();
    }

    @Bean
    IngestStage ingest() {
        return new IngestStage();
    }

    @Bean
    NarrativeRenderer narrativeRenderer(HubProperties hub) {
        return new NarrativeRenderer(Path.of(hub.templates().dir()));
    }

    @Bean
    DisclosureBuilder disclosureBuilder(NarrativeRenderer renderer) {
        return new DisclosureBuilder(renderer);
    }

    @Bean
    Validator validator(HubProperties hub) {
        return new Validator(hub.validation().severity(), hub.validation().maxEntryAmount());
    }

    /**
     * Agencies run in parallel on this many threads. The queue is bounded and the splitting thread
     * runs a task itself when it is full, so a province's agency list never piles up in memory.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService agencyPool(HubProperties hub) {
        int parallelism = hub.run().parallelism();
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(parallelism, parallelism, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(parallelism * 4),
                r -> {
                    Thread t = new Thread(r, "agency-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
