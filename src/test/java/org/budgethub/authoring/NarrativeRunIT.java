package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.model.Finding;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/**
 * The words in a run, on the demo with review required (先审后发): the run reads the store (the
 * folder imported at start-up), a unit without words is built from the hub's draft with the WARN
 * finding narrative.unconfirmed, and words an author (created through the admin API, scoped to
 * 101023) saves are in the version awaiting review within two minutes: the save rebuilds that unit
 * and its department by itself. The author is refused on 101031 (403) and with a stale If-Match (412).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.publish.mode=sftp",
        "hub.publish.review=required",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/narrative-run-test/cms",
        "hub.cms.embedded.keys-dir=target/narrative-run-test/keys",
        "hub.cms.private-key-file=target/narrative-run-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/narrative-run-test/keys/known_hosts",
        "hub.console.demo-users=false",
        "hub.console.initial-passwords-file=target/narrative-run-test/initial-passwords.txt",
        "hub.narratives.dir=target/narrative-run-test/folder",
        "spring.datasource.url=jdbc:h2:mem:narrative-run-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class NarrativeRunIT {

    static final Path WORK = Path.of("target/narrative-run-test");
    private static final String PASSWORD = "author-secret-101023";
    private static final String NEW_REASON = "作者在控制台保存的新原因：人员经费增加 <b>&amp;</b>";

    /** The shipped folder but for 104002's file: that unit has no words at all. */
    @DynamicPropertySource
    static void folder(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Path folder = Files.createDirectories(WORK.resolve("folder"));
        try (Stream<Path> files = Files.list(Path.of("config/narratives"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("104002")).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        registry.add("hub.narratives.test-folder", folder::toString);
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    ObjectMapper json;

    @Test
    void aRunBuildsFromTheStoreTheDraftIsUnconfirmedAndAnAuthorsSaveAwaitsReviewWithinTwoMinutes() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM narrative_version WHERE fiscal_year = 2026", Integer.class))
                .as("the folder imported at start-up").isEqualTo(7);

        RunReport report = producer.requestBody("direct:run", RunRequest.allAgencies(2026, "test"), RunReport.class);
        assertThat(report.failed()).isEmpty();
        Map<String, List<Finding>> findings = new java.util.HashMap<>();
        report.exported().forEach(e -> findings.put(e.agency(), e.findings()));
        assertThat(findings.get("104002")).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("narrative.unconfirmed");
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARN);
        });
        assertThat(findings.get("101023")).noneMatch(f -> f.rule().equals("narrative.unconfirmed"));
        assertThat(awaiting("104002")).contains("narrative.unconfirmed");
        int before = hub.queryForObject("SELECT MAX(version) FROM delivery WHERE agency_code = '101023'", Integer.class);

        // An author, created through the admin API, scoped to 101023.
        MockHttpServletResponse created = mvc.perform(post("/api/admin/users").with(user("admin-1").roles("VIEWER", "OPERATOR", "REVIEWER", "ADMIN"))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"username\": \"author-101023\", \"password\": \"" + PASSWORD
                        + "\", \"roles\": [\"AUTHOR\"], \"agencies\": [\"101023\"]}")).andReturn().getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString(StandardCharsets.UTF_8)).isBetween(200, 201);

        MockHttpServletResponse read = mvc.perform(get("/api/narratives/2026/101023").with(httpBasic("author-101023", PASSWORD)))
                .andReturn().getResponse();
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getHeader("ETag")).isEqualTo("\"1\"");
        ObjectNode words = (ObjectNode) json.readTree(read.getContentAsString(StandardCharsets.UTF_8)).path("words");
        ((ObjectNode) words.path("reasons")).put("basic", NEW_REASON);
        String body = json.writeValueAsString(Map.of("words", words));

        MockHttpServletResponse elsewhere = mvc.perform(put("/api/narratives/2026/101031").with(httpBasic("author-101023", PASSWORD))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        assertThat(elsewhere.getStatus()).isEqualTo(403);

        Instant saved = Instant.now();
        MockHttpServletResponse save = mvc.perform(put("/api/narratives/2026/101023").with(httpBasic("author-101023", PASSWORD))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        assertThat(save.getStatus()).as(save.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(save.getHeader("ETag")).isEqualTo("\"2\"");

        MockHttpServletResponse stale = mvc.perform(put("/api/narratives/2026/101023").with(httpBasic("author-101023", PASSWORD))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        assertThat(stale.getStatus()).isEqualTo(412);

        // Within two minutes the version awaiting review carries the new words; the department was rebuilt with it.
        String awaiting = null;
        while (Duration.between(saved, Instant.now()).toSeconds() < 120) {
            awaiting = awaitingAfter("101023", before);
            if (awaiting != null) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(awaiting).as("a version of 101023 awaiting review after the save").isNotNull();
        JsonNode disclosure = json.readTree(awaiting);
        assertThat(disclosure.path("narrative").toString()).contains("作者在控制台保存的新原因：人员经费增加 <b>&amp;</b>");
        Map<String, Object> rerun = hub.queryForMap("SELECT id, triggered_by, agency_code FROM run WHERE triggered_by = 'user:author-101023'");
        assertThat(rerun.get("agency_code")).isEqualTo("101023");
        assertThat(hub.queryForList("SELECT DISTINCT agency_code FROM task WHERE run_id = ?", String.class, rerun.get("id")))
                .containsExactlyInAnyOrder("101023", "101");
        assertThat(hub.queryForObject("SELECT built_by FROM delivery WHERE agency_code = '101023' AND status = 'AWAITING_REVIEW'", String.class))
                .isEqualTo("user:author-101023");

        // The incremental sync fingerprints the version's content hash: the next night rebuilds 101023 alone
        // (its words changed since the night's build; the rerun of one agency keeps no sync record).
        RunReport night = producer.requestBody("direct:run", RunRequest.allAgencies(2026, RunRequest.SCHEDULE), RunReport.class);
        java.util.Set<String> built = new java.util.TreeSet<>();
        night.exported().forEach(e -> built.add(e.agency()));
        night.failed().forEach(f -> built.add(f.agency()));
        assertThat(built).containsExactly("101023");
        assertThat(producer.requestBody("direct:run", RunRequest.allAgencies(2026, RunRequest.SCHEDULE), RunReport.class).exported()).isEmpty();
    }

    /** The disclosure.json of the agency's version awaiting review. */
    private String awaiting(String agency) {
        return hub.queryForObject("SELECT disclosure_json FROM delivery WHERE fiscal_year = 2026 AND agency_code = ? AND status = 'AWAITING_REVIEW'",
                String.class, agency);
    }

    private String awaitingAfter(String agency, int version) {
        return hub.queryForList("SELECT disclosure_json FROM delivery WHERE fiscal_year = 2026 AND agency_code = ? AND status = 'AWAITING_REVIEW' "
                + "AND version > ?", String.class, agency, version).stream().findFirst().orElse(null);
    }
}
