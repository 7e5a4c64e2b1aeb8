package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.support.HubNodes;

/**
 * Two hub instances on one PostgreSQL hub database, both with the nightly schedule: Quartz's
 * clustered job store fires the trigger on one of them, so there is one run and one delivery.
 */
class TwoInstancesIT {

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
            ConfigurableApplicationContext b = hub.start("node-b", schedule);
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
            // By name: Quartz keeps data sources in one JVM-wide registry, so a scheduler of another test's
            // context still alive in this JVM may check in here too; it is not one of these two.
            assertThat(hubDb.queryForList("SELECT instance_name FROM qrtz_scheduler_state", String.class))
                    .as("both instances joined the Quartz cluster").contains(schedulerId(a), schedulerId(b));
        }
    }

    private static String schedulerId(ConfigurableApplicationContext node) throws Exception {
        return node.getBean(CamelContext.class).getComponent("quartz", QuartzComponent.class).getScheduler().getSchedulerInstanceId();
    }
}
