package org.budgethub.ops;

import java.nio.file.Path;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The demo: once the hub is up, export every agency of the demo year and say where the packages are. */
@Component
@ConditionalOnProperty(name = "hub.demo.export-on-start", havingValue = "true")
public class DemoExport {

    private static final Logger LOG = LoggerFactory.getLogger(DemoExport.class);

    private final ProducerTemplate producer;
    private final int year;
    private final Path packages;

    public DemoExport(ProducerTemplate producer, @Value("${hub.demo.year}") int year,
                      @Value("${hub.publish.dir}") String packages) {
        this.producer = producer;
        this.year = year;
        this.packages = Path.of(packages).toAbsolutePath().normalize();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void exportDemoYear() {
        RunReport report = producer.requestBody("direct:run", RunRequest.allAgencies(year, "demo start-up"), RunReport.class);
        LOG.info("Demo export done.\n{}Packages are in {}", report.summary(), packages.resolve(Integer.toString(year)));
    }
}
