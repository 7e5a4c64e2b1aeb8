package org.budgethub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.StallingProxy;

/**
 * The hub as a server whose own database (PostgreSQL, behind a proxy) stalls and then refuses
 * connections, and whose CMS is down: /actuator/health answers anonymously within its time-outs,
 * names the hub's database, and neither the CMS nor a first run not yet finished takes the hub out
 * of a load balancer; readiness is the hub's database and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.cms.host=127.0.0.1",
        "hub.cms.health-timeout-ms=500",
        "hub.schedule.enabled=false",
        "hub.metrics.enabled=false",
        "hub.console.initial-passwords-file=target/hub-outage-health-test/initial-passwords.txt",
        "hub.database.health-timeout-ms=1500",
        "spring.datasource.hikari.connection-timeout=1000",
        "management.endpoint.health.show-details=always"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubOutageHealthIT {

    /** Every health answer comes well within the sum of the checks' time-outs (1.5 + 1.5 + 2 + 0.5 s). */
    private static final long ANSWER_MS = 8000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static StallingProxy proxy;
    private static volatile boolean explode;

    @TestConfiguration
    static class Exploding {
        /** A check that fails outside any catch: the request ends in the servlet container's error dispatch. */
        @Bean
        HealthIndicator explodingHealthIndicator() {
            return () -> {
                if (explode) {
                    throw new AssertionError("a health check that throws an Error");
                }
                return Health.up().build();
            };
        }
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate hub;

    @DynamicPropertySource
    static void hubBehindAProxyAndNoCms(DynamicPropertyRegistry registry) throws Exception {
        String url = FinanceDatabase.empty().jdbcUrl();
        String host = url.replaceFirst("^jdbc:postgresql://([^:/]+):(\\d+)/.*$", "$1");
        int port = Integer.parseInt(url.replaceFirst("^jdbc:postgresql://([^:/]+):(\\d+)/.*$", "$2"));
        proxy = new StallingProxy(host, port, "never sent by the hub: the test stalls the proxy itself");
        registry.add("spring.datasource.url", () -> url.replaceFirst(":" + port + "/", ":" + proxy.port() + "/"));
        registry.add("spring.datasource.username", () -> "postgres");
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int cmsPort = closed.getLocalPort();
            registry.add("hub.cms.port", () -> Integer.toString(cmsPort));
        }
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Test
    @Order(0)
    void beforeAnyRunHasFinishedTheHubIsReadyAndTheFirstRunIsShownAsPending() throws Exception {
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM run WHERE finished_at IS NOT NULL", Integer.class)).isZero();

        ResponseEntity<String> readiness = timed("/actuator/health/readiness");
        assertThat(readiness.getStatusCode()).as(readiness.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(readiness.getBody()).path("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("readinessState", "db");

        ResponseEntity<String> health = timed("/actuator/health");
        JsonNode body = JSON.readTree(health.getBody());
        assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        JsonNode firstRun = body.path("components").path("firstRun");
        assertThat(firstRun.path("status").asText()).isEqualTo("FIRST_RUN_PENDING");
        assertThat(firstRun.path("details").path("reason").asText()).contains("尚未完成任何运行");
        // Asked alone it tells a script waiting for the first packages to wait on.
        assertThat(timed("/actuator/health/firstRun").getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    @Order(1)
    void withTheCmsDownTheHubIsUpAndReadyAndTheCmsSaysWhyOnItsOwn() throws Exception {
        hub.update("INSERT INTO run (fiscal_year, scope, triggered_by, owner, status, started_at, updated_at, finished_at) "
                + "VALUES (2026, 'ALL', 'test', 'test', 'SUCCEEDED', ?, ?, ?)", now(), now(), now());

        ResponseEntity<String> health = timed("/actuator/health");
        JsonNode body = JSON.readTree(health.getBody());

        assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        JsonNode cms = body.path("components").path("cms");
        assertThat(cms.path("status").asText()).isEqualTo("CMS_DOWN");
        assertThat(cms.path("details").path("error").asText()).startsWith("无法连接网站 CMS 服务器");
        assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("firstRun").path("status").asText()).isEqualTo("UP");
        assertThat(timed("/actuator/health/firstRun").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(timed("/actuator/health/readiness").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(timed("/actuator/health/liveness").getStatusCode()).isEqualTo(HttpStatus.OK);
        // Monitoring that watches the CMS itself is told it is down.
        ResponseEntity<String> alone = timed("/actuator/health/cms");
        assertThat(alone.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(JSON.readTree(alone.getBody()).path("status").asText()).isEqualTo("CMS_DOWN");
    }

    @Test
    @Order(2)
    void aHealthRequestThatFailsIsAnErrorNotALoginPrompt() {
        explode = true;
        try {
            // As a monitoring client asks: a JSON client refused by Spring Security is sent the HTTP Basic challenge (401).
            HttpHeaders json = new HttpHeaders();
            json.setAccept(List.of(MediaType.APPLICATION_JSON));
            ResponseEntity<String> health = http.exchange("/actuator/health", HttpMethod.GET, new HttpEntity<>(json), String.class);

            assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            assertThat(health.getHeaders().get("WWW-Authenticate")).isNull();
        } finally {
            explode = false;
        }
    }

    @Test
    @Order(3)
    void aStalledHubDatabaseIsDownWithinTheTimeOutAndNamedAsTheHubs() throws Exception {
        proxy.stall();

        for (int i = 0; i < 3; i++) {
            ResponseEntity<String> health = timed("/actuator/health");
            JsonNode components = JSON.readTree(health.getBody()).path("components");

            assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(components.path("db").path("status").asText()).isEqualTo("DOWN");
            assertThat(components.path("db").path("details").path("error").asText()).startsWith("中枢数据库").doesNotContain("财政");
            assertThat(components.path("firstRun").path("status").asText()).isEqualTo("DOWN");
            assertThat(components.path("firstRun").path("details").path("error").asText()).startsWith("无法读取运行记录：中枢数据库");
            assertThat(components.path("financeDatabase").path("status").asText()).isEqualTo("UP");
            assertThat(timed("/actuator/health/readiness").getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(timed("/actuator/health/liveness").getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    @Order(4)
    void aHubDatabaseThatRefusesConnectionsIsDownWithItsReasonWithinTheTimeOut() {
        proxy.close();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<String> health = timed("/actuator/health");
            JsonNode components = JSON.readTree(health.getBody()).path("components");

            assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(components.path("db").path("details").path("error").asText()).startsWith("无法连接中枢数据库（jdbc:postgresql://");
            assertThat(components.path("firstRun").path("details").path("error").asText()).startsWith("无法读取运行记录：无法连接中枢数据库");
        });
    }

    /** An anonymous GET that must answer in time and never ask for a login. */
    private ResponseEntity<String> timed(String path) {
        long start = System.nanoTime();
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).as(path + " answered after " + tookMs + " ms").isLessThan(ANSWER_MS);
        assertThat(response.getStatusCode()).as(path).isNotEqualTo(HttpStatus.UNAUTHORIZED);
        return response;
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
