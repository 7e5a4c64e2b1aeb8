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

import org.budgethub.publish.CmsProperties;

/**
 * The demo: once the hub is up, run every agency of the demo year through the pipeline and say
 * where the packages landed (the embedded CMS's folder, or the local folder).
 */
@Component
@ConditionalOnProperty(name = "hub.demo.export-on-start", havingValue = "true")
public class DemoExport {

    private static final Logger LOG = LoggerFactory.getLogger(DemoExport.class);

    private final ProducerTemplate producer;
    private final int year;
    private final Path packages;

    public DemoExport(ProducerTemplate producer, @Value("${hub.demo.year}") int year, @Value("${hub.publish.mode}") String mode,
                      @Value("${hub.publish.dir}") String localDir, CmsProperties cms) {
        this.producer = producer;
        this.year = year;
        Path where = "sftp".equals(mode) && cms.getEmbedded().isEnabled()
                ? Path.of(cms.getEmbedded().getRoot()).resolve(cms.getDirectory()) : Path.of(localDir);
        this.packages = where.toAbsolutePath().normalize();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void exportDemoYear() {
        RunReport report = producer.requestBody("direct:run", RunRequest.allAgencies(year, "demo start-up"), RunReport.class);
        LOG.info("Demo export done.\n{}Packages are in {}", report.summary(), packages.resolve(Integer.toString(year)));
    }
}
