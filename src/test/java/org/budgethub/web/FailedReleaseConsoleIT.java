package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.demo.EmbeddedSftpServer;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/**
 * A version a reviewer approved whose delivery then failed (the CMS refuses connections): the
 * dashboard, the review page and the agency page say 发布失败 with the error and what happens next,
 * instead of 待审核 and 失败 0 个; rerunning the failed agencies sends it again without a new review.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.metrics.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=required",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.cms.host=127.0.0.1",
        "hub.cms.connect-timeout-ms=1000",
        "hub.publish.retry.max-redeliveries=1",
        "hub.publish.retry.delay-ms=50",
        "hub.publish.release-check-ms=120000",
        "hub.console.demo-users=false",
        "hub.console.initial-passwords-file=target/failed-release-console-test/initial-passwords.txt",
        "spring.datasource.url=jdbc:h2:mem:failed-release-console-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class FailedReleaseConsoleIT {

    private static final String AGENCY = "103005";
    private static final Path WORK = Path.of("target/failed-release-console-test").toAbsolutePath();

    @Autowired
    WebApplicationContext context;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate hub;

    /** The hub's keys are in place, but the CMS has gone: its port refuses connections. */
    @DynamicPropertySource
    static void cmsThatRefuses(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Path key = WORK.resolve("keys/hub_ecdsa");
        Path knownHosts = WORK.resolve("keys/known_hosts");
        int port;
        try (EmbeddedSftpServer cms = EmbeddedSftpServer.start(WORK.resolve("cms"), WORK.resolve("keys/host-key"), key, knownHosts,
                "127.0.0.1", 0, "hub", List.of())) {
            port = cms.port();
        }
        registry.add("hub.cms.port", () -> Integer.toString(port));
        registry.add("hub.cms.private-key-file", key::toString);
        registry.add("hub.cms.known-hosts-file", knownHosts::toString);
    }

    @Test
    void anApprovedVersionWhoseDeliveryFailedShowsAsPublishFailedWithWhatHappensNext() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        RunReport report = producer.requestBody("direct:run", new RunRequest(2026, AGENCY, "test"), RunReport.class);
        assertThat(report.failed()).isEmpty();
        assertThat(row(page(mvc, "/console?year=2026"))).contains("data-outcome=\"AWAITING_REVIEW\"");

        mvc.perform(post("/console/reviews/2026/" + AGENCY + "/approve").param("secrecyReviewed", "true").param("leaderSigned", "true")
                .param("signer", "赵六").with(user("rev").roles("REVIEWER")).with(csrf()));
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(delivery().get("status")));
        Map<String, Object> failed = delivery();
        assertThat(failed.get("reviewed_by")).isEqualTo("rev");
        String error = (String) failed.get("error");
        assertThat(error).contains("无法连接网站 CMS 服务器");

        String dashboard = page(mvc, "/console?year=2026");
        assertThat(row(dashboard)).contains("data-outcome=\"PUBLISH_FAILED\"").contains(">发布失败<")
                .contains("第 1 版已批准（rev），但未能发送到网站：" + html(error))
                .contains("自动重新发送").contains("重新运行本单位").contains("检查 CMS 服务器");
        assertThat(dashboard).contains("失败或未通过校验 1 个").contains("（其中已批准但发布失败 1 个）");

        String reviews = page(mvc, "/console/reviews?year=2026");
        assertThat(reviews).contains("已批准但发布失败").contains("id=\"failed-release-" + AGENCY + "\"")
                .contains("原因：" + html(error)).contains("中枢每 2 分钟检查一次待发送的版本");

        String agency = page(mvc, "/console/agencies/" + AGENCY + "?year=2026");
        assertThat(agency).contains("id=\"release-failed\"").contains("第 1 版已批准，但未能发送到网站")
                .contains("原因：" + html(error)).contains("无需再次审核");

        // 重新运行失败单位 takes the approved version up again: sent at once, no new review.
        int attempts = ((Number) failed.get("attempts")).intValue();
        mvc.perform(post("/console/runs").param("year", "2026").param("scope", "failed")
                .with(user("op").roles("OPERATOR")).with(csrf()));
        await().atMost(Duration.ofSeconds(60)).until(() -> ((Number) delivery().get("attempts")).intValue() > attempts
                && "FAILED".equals(delivery().get("status")));
        assertThat(delivery().get("reviewed_by")).isEqualTo("rev");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM delivery WHERE agency_code = ?", Integer.class, AGENCY)).isEqualTo(1);
        // The rerun's files, stored in place of the approval's, carry the approval's attestations all the same.
        byte[] manifest = hub.queryForObject("SELECT f.content FROM package_file f JOIN delivery d ON d.id = f.delivery_id "
                + "WHERE d.agency_code = ? AND d.fiscal_year = 2026 AND f.name = 'manifest.json'", byte[].class, AGENCY);
        assertThat(new String(manifest, StandardCharsets.UTF_8)).contains("\"signer\" : \"赵六\"").contains("\"approvedBy\" : \"rev\"");
        assertThat(hub.queryForObject("SELECT signer FROM delivery WHERE agency_code = ? AND fiscal_year = 2026", String.class, AGENCY))
                .isEqualTo("赵六");
    }

    private Map<String, Object> delivery() {
        return hub.queryForMap("SELECT status, reviewed_by, error, attempts FROM delivery WHERE agency_code = ? AND fiscal_year = 2026",
                AGENCY);
    }

    /** The agency's row of the dashboard's table. */
    private static String row(String dashboard) {
        Matcher m = Pattern.compile("<tr[^>]*data-agency=\"" + AGENCY + "\"[\\s\\S]*?</tr>").matcher(dashboard);
        assertThat(m.find()).as("a row for " + AGENCY).isTrue();
        return m.group();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String page(MockMvc mvc, String path) throws Exception {
        RequestPostProcessor viewer = user("viewer").roles("VIEWER");
        MockHttpServletResponse response = mvc.perform(get(path).with(viewer).accept(MediaType.TEXT_HTML)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
