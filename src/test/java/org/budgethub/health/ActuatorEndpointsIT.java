package org.budgethub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/** The actuator as an operator's monitoring sees it: health components without login, and the Prometheus scrape after a run. */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/actuator-endpoints-test",
        "hub.cms.embedded.enabled=false",
        "hub.schedule.enabled=false",
        "hub.console.initial-passwords-file=target/actuator-endpoints-test/initial-passwords.txt",
        "hub.console.admin-password=" + ActuatorEndpointsIT.ADMIN_PASSWORD,
        "hub.run.departments=none",
        "hub.publish.review=none",
        "spring.datasource.url=jdbc:h2:mem:actuator-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "management.endpoints.web.exposure.include=health,info,prometheus",
        // The 2026 budget approved long ago: every package of the year is past its 20-day deadline.
        "hub.publish.approval-dates.[2026]=2025-11-01",
        "management.endpoint.health.show-components=always",
        "management.endpoint.health.show-details=always"})
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ActuatorEndpointsIT {

    /** /actuator/info is for admins: the first admin gets this password. */
    static final String ADMIN_PASSWORD = "Actuator-IT-2026";

    @Autowired
    TestRestTemplate http;

    @Autowired
    ProducerTemplate producer;

    @Test
    @org.junit.jupiter.api.Order(1)
    void beforeAnyRunHasFinishedTheHubIsAliveAndReadyAndSaysTheFirstRunIsPending() throws Exception {
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        JsonNode body = new ObjectMapper().readTree(health.getBody());
        assertThat(body.path("status").asText()).as(health.getBody()).isEqualTo("UP");
        assertThat(body.path("components").path("firstRun").path("status").asText()).isEqualTo("FIRST_RUN_PENDING");
        assertThat(body.path("components").path("firstRun").path("details").path("reason").asText()).contains("尚未完成任何运行");
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** spring-boot-maven-plugin's build-info: which build runs, with the reproducible build's fixed time. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void infoShowsTheBuild() throws Exception {
        ResponseEntity<String> info = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/info", String.class);
        assertThat(info.getStatusCode()).as(info.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode build = new ObjectMapper().readTree(info.getBody()).path("build");
        assertThat(build.path("group").asText()).as(info.getBody()).isEqualTo("org.budgethub");
        assertThat(build.path("artifact").asText()).isEqualTo("budget-disclosure-hub");
        assertThat(build.path("version").asText()).isNotBlank();
        Matcher timestamp = Pattern.compile("<project.build.outputTimestamp>([^<]+)</project.build.outputTimestamp>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(timestamp.find()).as("pom.xml sets project.build.outputTimestamp").isTrue();
        assertThat(java.time.Instant.parse(build.path("time").asText())).isEqualTo(java.time.Instant.parse(timestamp.group(1)));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void afterTheFirstRunTheHubIsReady() throws Exception {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).as(readiness.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode firstRun = new ObjectMapper().readTree(http.getForObject("/actuator/health", String.class)).path("components").path("firstRun");
        assertThat(firstRun.path("status").asText()).isEqualTo("UP");
        assertThat(firstRun.path("details").path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void healthShowsTheFinanceDatabaseTheHubDatabaseAndTheCms() throws Exception {
        ResponseEntity<String> response = http.getForEntity("/actuator/health", String.class);
        JsonNode components = new ObjectMapper().readTree(response.getBody()).path("components");

        assertThat(components.path("financeDatabase").path("status").asText()).as(response.getBody()).isEqualTo("UP");
        assertThat(components.path("financeDatabase").path("details").path("database").asText()).isEqualTo("H2");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        // db is the hub's own database only, no longer a composite of every data source
        assertThat(components.path("db").path("components").isMissingNode()).isTrue();
        assertThat(components.path("cms").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("cms").path("details").path("mode").asText()).isEqualTo("local (no CMS)");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void prometheusShowsTheRunMetricsAfterARunAndCamelsRouteMetrics() {
        RunReport report = producer.requestBody("direct:run", new RunRequest(2026, "101023", "test"), RunReport.class);
        assertThat(report.succeeded()).isTrue();

        // Recorded as the run and its stages finished: the first scrape after the run has them.
        ResponseEntity<String> first = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody())
                .contains("hub_runs_total{status=\"started\"} 1.0")
                .contains("hub_runs_total{status=\"succeeded\"} 1.0")
                .contains("hub_tasks_total{stage=\"ingest\",status=\"done\"} 1.0")
                .contains("hub_tasks_total{stage=\"validate\",status=\"done\"} 1.0")
                .contains("hub_tasks_total{stage=\"render\",status=\"done\"} 1.0")
                .contains("hub_tasks_total{stage=\"publish\",status=\"done\"} 1.0")
                .contains("hub_task_duration_seconds_count{stage=\"publish\"} 1")
                .contains("hub_run_duration_seconds_count 1")
                .contains("hub_runs_active 0.0");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                // both deadline gauges are scraped (what they count against the deadline: DeadlinePagesIT, DeadlineRulesTest)
                assertThat(http.getForObject("/actuator/prometheus", String.class)).containsPattern("hub_packages_late \\d+\\.0")
                        .containsPattern("hub_packages_published_late \\d+\\.0"));
        String scrape = http.getForObject("/actuator/prometheus", String.class);
        // camel-micrometer's route policy: per-route exchange timers
        assertThat(scrape).containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"disclosure-run\"");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void theNewOperatorMetricsAreScrapedAfterARun() {
        String scrape = http.getForObject("/actuator/prometheus", String.class);
        assertThat(scrape)
                .contains("hub_deliveries_failed_total 0.0")
                .contains("hub_reviews_waiting 0.0")
                .contains("hub_finance_database_up 1.0")
                .contains("hub_dead_letter_messages{queue=\"hub.agencies.DLQ\"} 0.0")
                .doesNotContain("hub_last_successful_run_timestamp_seconds 0.0")
                .containsPattern("(?m)^hub_last_successful_run_timestamp_seconds [1-9]");
    }

    /** Every hub_* metric the shipped alert rules and dashboard use is in the hub's scrape (histograms by their base name). */
    @Test
    @org.junit.jupiter.api.Order(4)
    void everyHubMetricOfTheAlertRulesAndTheDashboardIsScraped() throws Exception {
        Set<String> scraped = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^(hub_[a-z_]+)").matcher(http.getForObject("/actuator/prometheus", String.class));
        while (line.find()) {
            scraped.add(base(line.group(1)));
        }
        for (String file : new String[] {"docker/observability/prometheus/alerts.yml", "docker/observability/grafana/budget-disclosure-hub.json"}) {
            Set<String> used = new TreeSet<>();
            Matcher name = Pattern.compile("hub_[a-z_]+").matcher(Files.readString(Path.of(file)));
            while (name.find()) {
                used.add(base(name.group()));
            }
            assertThat(used).as(file).isNotEmpty();
            assertThat(scraped).as(file + " uses metrics the hub does not export").containsAll(used);
        }
    }

    private static String base(String metric) {
        return metric.replaceFirst("_(bucket|count|sum)$", "");
    }
}
