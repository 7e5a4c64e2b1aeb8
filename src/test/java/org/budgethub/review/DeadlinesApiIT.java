package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.demo.EmbeddedSftpServer;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.TestCms;

/**
 * The acceptance, over HTTP on the demo's data with a real SFTP delivery and PostgreSQL: the
 * year's 批复 date set on the admin page 40 days back (due 20 days ago), 101023 approved and delivered
 * today is 逾期公开 (publishedLate), not 逾期未公开 (late); an agency never delivered is late; a
 * correction (v2) of it changes nothing; a viewer reads the API, a year out of range is a 400 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=required",
        "hub.publish.four-eyes=true",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.publish.retry.max-redeliveries=1",
        "hub.publish.retry.delay-ms=50",
        "hub.console.demo-users=false",
        "hub.console.initial-passwords-file=target/deadlines-api-test/initial-passwords.txt"})
class DeadlinesApiIT {

    private static final Path WORK = Path.of("target/deadlines-api-test").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedSftpServer server;

    @Autowired
    WebApplicationContext context;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate hub;

    private MockMvc mvc;

    @DynamicPropertySource
    static void cms(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        server = TestCms.start(WORK, registry, List.of(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private JsonNode deadlines() throws Exception {
        String body = mvc.perform(get("/api/deadlines").param("year", "2026").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    private static List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.path("code").asText()));
        return out;
    }

    private void buildAndRelease(String agency, boolean force, int version) throws Exception {
        RunReport report = producer.requestBody("direct:run", new RunRequest(2026, agency, "user:alice", force), RunReport.class);
        assertThat(report.failed()).isEmpty();
        mvc.perform(post("/console/reviews/2026/" + agency + "/approve").param("secrecyReviewed", "true").param("leaderSigned", "true")
                .param("signer", "张三").with(user("bob").roles("REVIEWER")).with(csrf()));
        await().atMost(Duration.ofSeconds(60)).until(() -> "DELIVERED".equals(hub.queryForObject(
                "SELECT status FROM delivery WHERE fiscal_year = 2026 AND agency_code = ? AND version = ?", String.class, agency, version)));
    }

    @Test
    void publishedAfterTheDeadlineIsPublishedLateNotLateAndACorrectionChangesNothing() throws Exception {
        LocalDate approved = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(40);
        mvc.perform(post("/console/admin/approval-dates").param("year", "2026").param("date", approved.toString())
                .with(user("admin").roles("ADMIN")).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(hub.queryForList("SELECT detail FROM audit_log WHERE action = 'budget.approval-date'", String.class))
                .singleElement().asString().contains(approved.toString());

        JsonNode before = deadlines();
        assertThat(codes(before.path("late"))).as("nothing on the website, 20 days past due").contains("101", "101023", "103005");
        assertThat(codes(before.path("publishedLate"))).isEmpty();

        buildAndRelease("101023", false, 1);
        JsonNode after = deadlines();
        assertThat(codes(after.path("publishedLate"))).containsExactly("101023");
        assertThat(codes(after.path("late"))).doesNotContain("101023").contains("103005");
        assertThat(after.path("late").get(0).path("name").asText()).as("named, not only coded").isNotBlank();

        buildAndRelease("101023", true, 2);
        JsonNode corrected = deadlines();
        assertThat(codes(corrected.path("publishedLate"))).containsExactly("101023");
        assertThat(codes(corrected.path("late"))).doesNotContain("101023");
    }

    @Test
    void aYearOutOfRangeIsAProblemInChinese() throws Exception {
        String body = mvc.perform(get("/api/deadlines").param("year", "1800").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(JSON.readTree(body).path("detail").asText()).contains("1900");
    }
}
