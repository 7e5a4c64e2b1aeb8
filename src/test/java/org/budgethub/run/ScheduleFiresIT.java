package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import org.budgethub.support.HubNodes;

/** The nightly schedule, with a short cron, fires the pipeline for the configured year and agency. */
class ScheduleFiresIT {

    @Test
    void theCronTriggerStartsARunThroughTheSameRoutes() throws Exception {
        try (HubNodes hub = new HubNodes(Path.of("target/schedule-fires-test"), List.of())) {
            ConfigurableApplicationContext node = hub.start("node-a", Map.of(
                    "hub.schedule.enabled", "true",
                    "hub.schedule.cron", "0/2 * * * * ?",
                    "hub.schedule.years", "2026",
                    "hub.schedule.agencies", "104002"));
            RunHistory history = node.getBean(RunHistory.class);

            // The first firing that finished: the later ones find 104002 unchanged at the source and skip it (incremental sync).
            RunHistory.Run run = Await.until(() -> history.runs(10).stream()
                    .filter(r -> r.triggeredBy().equals("schedule") && r.status() != RunStatus.RUNNING)
                    .min(java.util.Comparator.comparingLong(RunHistory.Run::id)), 30);

            assertThat(run.fiscalYear()).isEqualTo(2026);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(history.tasks(run.id(), RunHistory.TaskFilter.ALL, 1, org.budgethub.web.Paged.MAX_SIZE).items()).extracting(RunHistory.Task::agencyCode).containsOnly("104002");
            // Two firings may overlap: the one that claimed the delivery may still be uploading when the first finishes.
            Await.until(() -> java.nio.file.Files.exists(hub.cmsRoot().resolve("2026/104002/v1/package.done"))
                    ? java.util.Optional.of(true) : java.util.Optional.empty(), 30);
        }
    }
}
