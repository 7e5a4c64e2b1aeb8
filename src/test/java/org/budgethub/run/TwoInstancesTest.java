package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.support.HubNodes;

/**
 * Two hub instances on one PostgreSQL hub database, both with the nightly schedule: Quartz's
 * clustered job store fires the trigger on one of them, so there is one run and one delivery.
 */
class TwoInstancesTest {

    @Test
    void oneTriggerOneRunOneDelivery() throws Exception {
        try (HubNodes hub = new HubNodes(Path.of("target/two-instances-test"), List.of())) {
            // A daily cron at a second a little ahead: it fires once while the test watches.
            LocalTime at = LocalTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(20);
            String cron = at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * ?";
            Map<String, String> schedule = Map.of(
                    "hub.schedule.enabled", "true",
                    "hub.schedule.cron", cron,
                    "hub.schedule.years", "2026",
                    "hub.schedule.agencies", "104002");
            ConfigurableApplicationContext a = hub.start("node-a", schedule);
            hub.start("node-b", schedule);
            RunHistory history = a.getBean(RunHistory.class);

            Await.until(() -> history.runs(10).stream()
                    .filter(r -> r.triggeredBy().equals("schedule") && r.status() != RunStatus.RUNNING).findFirst(), 60);
            Thread.sleep(5000); // long enough for a second firing, were there one

            List<RunHistory.Run> scheduled = history.runs(50).stream().filter(r -> r.triggeredBy().equals("schedule")).toList();
            assertThat(scheduled).hasSize(1);
            assertThat(scheduled.get(0).status()).isEqualTo(RunStatus.SUCCEEDED);
            JdbcTemplate hubDb = a.getBean(JdbcTemplate.class);
            assertThat(hubDb.queryForList("SELECT version, status FROM delivery WHERE agency_code = '104002'"))
                    .singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("DELIVERED"));
            assertThat(hubDb.queryForObject("SELECT COUNT(DISTINCT instance_name) FROM qrtz_scheduler_state", Integer.class))
                    .as("both instances joined the Quartz cluster: " + hubDb.queryForList("SELECT * FROM qrtz_scheduler_state"))
                    .isEqualTo(2);
        }
    }
}
