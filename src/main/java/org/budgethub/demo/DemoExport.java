package org.budgethub.demo;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.run.RunLauncher;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/**
 * The demo: once the hub is up, run every agency of the demo year through the pipeline and say
 * where the packages landed (the embedded CMS's folder, or the local folder).
 */
@Component
@ConditionalOnProperty(name = "hub.demo.export-on-start", havingValue = "true")
class DemoExport {

    private static final Logger LOG = LoggerFactory.getLogger(DemoExport.class);

    private final RunLauncher launcher;
    private final int year;
    private final Path packages;
    private final org.budgethub.run.FirstRunHealthIndicator firstRun;

    public DemoExport(RunLauncher launcher, HubProperties hub, org.budgethub.run.FirstRunHealthIndicator firstRun) {
        this.launcher = launcher;
        this.firstRun = firstRun;
        this.year = hub.demo().year();
        Path where = hub.publish().toCms() && hub.cms().embedded().enabled()
                ? Path.of(hub.cms().embedded().root()).resolve(hub.cms().directory()) : Path.of(hub.publish().dir());
        this.packages = where.toAbsolutePath().normalize();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void exportDemoYear() {
        try {
            RunReport report = launcher.runNow(RunRequest.allAgencies(year, "demo start-up"));
            LOG.info("演示导出完成。\n{}发布包目录：{}", report.summary(), packages.resolve(Integer.toString(year)));
        } finally {
            firstRun.startUpRunFinished();
        }
    }
}
