package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.budgethub.review.AttestationRequest;
import org.budgethub.demo.EmbeddedSftpServer;
import org.budgethub.review.ReleaseService;
import org.budgethub.run.RunRequest;
import org.budgethub.support.TestCms;

/**
 * An approved version waits for the release window; if its content changes before it goes, the
 * new content is a new version that needs its own approval, and the approved one never goes out.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=required",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.publish.release-check-ms=200"})
class ReleaseWindowIT {

    private static final Path WORK = Path.of("target/release-window-test").toAbsolutePath();
    private static EmbeddedSftpServer server;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ReleaseService releases;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    @Qualifier("financeDataSource")
    javax.sql.DataSource finance;

    @DynamicPropertySource
    static void cms(DynamicPropertyRegistry registry) {
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK.toFile());
        server = TestCms.start(WORK, registry, List.of(), null);
        // A window that opens in two hours: nothing approved now may go out during the test.
        LocalTime opens = LocalTime.now(ZoneId.of("Asia/Shanghai")).plusHours(2).withSecond(0).withNano(0);
        registry.add("hub.publish.release-window", () -> opens + "-" + opens.plusMinutes(30));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private List<Map<String, Object>> versions() {
        return hub.queryForList("SELECT version, status FROM delivery WHERE agency_code = '101031' ORDER BY version");
    }

    @Test
    void anApprovedVersionWhoseContentChangesIsNotDeliveredUntilTheNewOneIsApproved() throws Exception {
        producer.requestBody("direct:run", new RunRequest(2026, "101031", "schedule"), Object.class);
        releases.approve(2026, "101031", "reviewer", AttestationRequest.of("张三"));
        Thread.sleep(1000); // several release checks: the window is closed
        assertThat(versions()).singleElement().satisfies(v -> assertThat(v.get("status")).isEqualTo("APPROVED"));

        new JdbcTemplate(finance).update("UPDATE bgt_ledger SET amount = amount + 1000 WHERE entry_id = "
                + "(SELECT MIN(l.entry_id) FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id "
                + "WHERE a.agency_code = '101031' AND a.fiscal_year = 2026 AND l.stage = 'INITIAL')");
        producer.requestBody("direct:run", new RunRequest(2026, "101031", "schedule"), Object.class);

        assertThat(versions()).extracting(v -> v.get("version") + ":" + v.get("status"))
                .containsExactly("1:SUPERSEDED", "2:AWAITING_REVIEW");
        assertThat(releases.due()).isEmpty();
        assertThat(WORK.resolve("cms/packages/2026/101031")).doesNotExist();
    }
}
