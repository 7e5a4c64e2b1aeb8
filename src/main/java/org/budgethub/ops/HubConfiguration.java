package org.budgethub.ops;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.budgethub.narrative.DisclosureBuilder;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.validation.Validator;

/** Wires the plain-Java core into Spring: the narrative template and the agency thread pool. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ValidationProperties.class)
public class HubConfiguration {

    @Bean
    NarrativeRenderer narrativeRenderer(@Value("${hub.templates.dir}") String templatesDir) {
        return new NarrativeRenderer(Path.of(templatesDir));
    }

    @Bean
    Validator validator(ValidationProperties properties) {
        return new Validator(properties.getSeverity());
    }

    @Bean
    DisclosureBuilder disclosureBuilder(NarrativeRenderer renderer) {
        return new DisclosureBuilder(renderer);
    }

    /**
     * Agencies run in parallel on this many threads. The queue is bounded and the splitting thread
     * runs a task itself when it is full, so a province's agency list never piles up in memory.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService agencyPool(@Value("${hub.run.parallelism}") int parallelism) {
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
