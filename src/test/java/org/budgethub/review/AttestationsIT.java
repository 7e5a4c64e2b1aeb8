package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.demo.EmbeddedSftpServer;
import org.budgethub.model.PackageFile;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.PackageIntegrity;
import org.budgethub.run.RunRequest;
import org.budgethub.support.TestCms;

/**
 * Attestations at release (发布前确认) through the API and the console, against the embedded SFTP
 * server with the delivery record in a real PostgreSQL, with {@code hub.publish.print-attestations}
 * on: an approval without them is refused naming what is missing; with them they are recorded, in the
 * audit log, in the manifest on the CMS, and printed under the 说明's title of the delivered page and
 * PDF; a department's approval likewise for all its versions. Each test uses its own demo agencies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.metrics.enabled=false",
        "hub.run.departments=with-parents",
        "hub.publish.review=required",
        "hub.publish.attestations=required",
        "hub.publish.print-attestations=true",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.console.demo-users=false",
        "hub.console.initial-passwords-file=target/attestations-test/initial-passwords.txt",
        "hub.publish.retry.max-redeliveries=1",
        "hub.publish.retry.delay-ms=50"})
class AttestationsIT {

    private static final Path WORK = Path.of("target/attestations-test").toAbsolutePath();
    private static final Path PACKAGES = WORK.resolve("cms/packages/2026");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNED = "{\"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \" 张三 \"}";
    private static final String PRINTED = "<p class=\"attestations\">保密审查：已审查\u3000签发人：张三</p>";
    private static EmbeddedSftpServer server;

    @Autowired
    WebApplicationContext context;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    DeliveryRecords records;

    MockMvc mvc;

    @DynamicPropertySource
    static void cms(DynamicPropertyRegistry registry) throws Exception {
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
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

    private static RequestPostProcessor reviewer() {
        return user("rev").roles("VIEWER", "REVIEWER");
    }

    private void build(List<String> agencies) {
        producer.requestBody("direct:run", RunRequest.agencies(2026, agencies, "schedule", false, null), Object.class);
    }

    private static MockHttpServletRequestBuilder approve(String path, String body) {
        MockHttpServletRequestBuilder request = post(path).with(reviewer()).with(csrf());
        return body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private JsonNode problem(MockHttpServletRequestBuilder request, int status, String type) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("type").asText()).isEqualTo("urn:budgethub:problem:" + type);
        return problem;
    }

    private String status(String agency) {
        return hub.queryForObject("SELECT status FROM delivery WHERE fiscal_year = 2026 AND agency_code = ? ORDER BY version DESC "
                + "FETCH FIRST 1 ROWS ONLY", String.class, agency);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(file).exists();
    }

    /** The delivered version 1 of {@code agency}: its attestations on the CMS, printed, the same as stored. */
    private void deliveredWithAttestations(String agency) throws Exception {
        Path folder = PACKAGES.resolve(agency + "/v1");
        awaitFile(folder.resolve("package.done"));
        JsonNode manifest = JSON.readTree(folder.resolve("manifest.json").toFile());
        JsonNode a = manifest.path("attestations");
        assertThat(a.path("secrecyReviewed").asBoolean()).as(agency).isTrue();
        assertThat(a.path("leaderSigned").asBoolean()).as(agency).isTrue();
        assertThat(a.path("signer").asText()).as(agency).isEqualTo("张三");
        assertThat(a.path("approvedBy").asText()).as(agency).isEqualTo("rev");
        assertThat(a.path("approvedAt").asText()).as(agency).matches("2\\d{3}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        String page = Files.readString(folder.resolve("disclosure.html"));
        assertThat(page).as(agency + ": the line right under the 说明's title").containsPattern("</h1>\n" + PRINTED + "\n<section>");
        assertThat(pdftotext(folder.resolve("disclosure.pdf"))).as(agency).containsPattern("保密审查：已审查[\\s\u3000]*签发人：张三");
        // Stored is delivered: the version's files verify against the manifest the CMS has, byte for byte.
        DeliveryRecords.Delivery d = records.version(2026, agency, 1).orElseThrow();
        List<PackageFile> stored = records.files(d.id());
        assertThat(PackageIntegrity.problem(stored)).isEmpty();
        for (PackageFile f : stored) {
            assertThat(Files.readAllBytes(folder.resolve(f.name()))).as(agency + " " + f.name()).isEqualTo(f.content());
        }
        assertThat(Files.readString(folder.resolve("package.done"))).contains(PackageFile.sha256(Files.readAllBytes(folder.resolve("manifest.json"))));
        assertThat(d.signer()).isEqualTo("张三");
        assertThat(d.secrecyReviewed()).isTrue();
        assertThat(d.leaderSigned()).isTrue();
        assertThat(d.attestationsPrinted()).isTrue();
    }

    @Test
    void anApprovalWithoutAttestationsIsRefusedNamingWhatIsMissingAndWithThemTheyGoOutPrinted() throws Exception {
        build(List.of("103005"));
        String path = "/api/reviews/2026/103005/approve";

        JsonNode none = problem(approve(path, null), 400, "attestations-missing");
        assertThat(none.path("detail").asText()).startsWith("缺少：保密审查确认、负责人审签确认、签发人。");
        assertThat(none.path("title").asText()).contains("保密审查");
        assertThat(none.path("href").asText()).isEqualTo("/console/reviews?year=2026");
        assertThat(problem(approve(path, "{\"secrecyReviewed\": true, \"leaderSigned\": false}"), 400, "attestations-missing")
                .path("detail").asText()).startsWith("缺少：负责人审签确认、签发人。");
        assertThat(problem(approve(path, "{\"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \"张\\n三\"}"), 400,
                "invalid-parameter").path("detail").asText()).contains("签发人不能含控制字符");
        assertThat(problem(approve(path, "{\"secrecyReviewed\": true, \"leaderSigned\": true, \"signer\": \"" + "张".repeat(51) + "\"}"),
                400, "invalid-parameter").path("detail").asText()).isEqualTo("签发人最多 50 个字符（现有 51 个）");
        assertThat(status("103005")).isEqualTo("AWAITING_REVIEW");
        assertThat(hub.queryForList("SELECT detail FROM audit_log WHERE action = 'review.refused' AND username = 'rev'", String.class))
                .anySatisfy(d -> assertThat(d).startsWith("缺少：保密审查确认、负责人审签确认、签发人"));
        // The console's form: refused with the same words.
        MvcResult form = mvc.perform(post("/console/reviews/2026/103005/approve").param("secrecyReviewed", "true")
                .with(reviewer()).with(csrf())).andReturn();
        assertThat((String) form.getFlashMap().get("error")).contains("缺少：负责人审签确认、签发人");
        assertThat(status("103005")).isEqualTo("AWAITING_REVIEW");
        String before = records.file(records.latest(2026, "103005").orElseThrow().id(), "disclosure.html").map(f ->
                new String(f.content(), StandardCharsets.UTF_8)).orElseThrow();
        assertThat(before).as("the version awaiting review is as built").doesNotContain(PRINTED);

        MockHttpServletResponse approved = mvc.perform(approve(path, SIGNED)).andReturn().getResponse();
        assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
        deliveredWithAttestations("103005");
        String after = Files.readString(PACKAGES.resolve("103005/v1/disclosure.html"));
        assertThat(after.replace(PRINTED + "\n", "")).as("nothing else of the page changed").isEqualTo(before);

        List<String> audit = hub.queryForList("SELECT detail FROM audit_log WHERE action = 'review.approve' AND username = 'rev'", String.class);
        assertThat(audit).contains("2026 年 103005 第 1 版批准发布；保密审查：已确认；负责人审签：已确认；签发人：张三");
        String agencyPage = mvc.perform(get("/console/agencies/103005?year=2026").with(user("v").roles("VIEWER")).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(agencyPage).contains("保密审查：已确认；负责人审签：已确认；签发人：张三（已印在说明标题下）");

        // A forced rebuild of the same content is a new version to review: it does not take the printed page of the approved one.
        producer.requestBody("direct:run", RunRequest.agencies(2026, List.of("103005"), "schedule", true, null), Object.class);
        DeliveryRecords.Delivery next = records.latest(2026, "103005").orElseThrow();
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.status().name()).isEqualTo("AWAITING_REVIEW");
        assertThat(next.signer()).isNull();
        assertThat(new String(records.file(next.id(), "disclosure.html").orElseThrow().content(), StandardCharsets.UTF_8))
                .doesNotContain(PRINTED).isEqualTo(before);
    }

    @Test
    void aDepartmentIsApprovedWithItsUnitsEachWithTheAttestationsOrNoneOfThem() throws Exception {
        build(List.of("101001", "101023", "101031"));
        List<String> versions = List.of("101", "101001", "101023", "101031");
        String path = "/api/reviews/2026/101/approve-department";

        // Its units would go without being looked at one by one: the reviewer is told which, and confirms.
        JsonNode pending = problem(approve(path, SIGNED), 409, "review-conflict");
        assertThat(pending.path("detail").asText()).contains("101001、101023、101031");
        assertThat(pending.path("units").toString()).isEqualTo("[\"101001\",\"101023\",\"101031\"]");
        assertThat(versions).allSatisfy(code -> assertThat(status(code)).as(code).isEqualTo("AWAITING_REVIEW"));

        JsonNode refused = problem(approve(path, "{\"secrecyReviewed\": true, \"signer\": \"张三\", \"confirmUnitsPending\": true}"), 400,
                "attestations-missing");
        assertThat(refused.path("detail").asText()).startsWith("缺少：负责人审签确认。");
        assertThat(versions).allSatisfy(code -> assertThat(status(code)).as(code).isEqualTo("AWAITING_REVIEW"));

        MockHttpServletResponse approved = mvc.perform(approve(path, SIGNED.replace("}", ", \"confirmUnitsPending\": true}")))
                .andReturn().getResponse();
        assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
        JsonNode reviews = JSON.readTree(approved.getContentAsString(StandardCharsets.UTF_8));
        assertThat(reviews.findValuesAsText("code")).containsExactlyInAnyOrderElementsOf(versions);
        for (String code : versions) {
            deliveredWithAttestations(code);
        }
        assertThat(hub.queryForList("SELECT detail FROM audit_log WHERE action = 'review.approve' AND username = 'rev'", String.class))
                .anySatisfy(d -> assertThat(d).startsWith("2026 年部门 101 及其单位批准发布：").contains("101023 第 1 版")
                        .endsWith("；保密审查：已确认；负责人审签：已确认；签发人：张三"));
    }

    private static String pdftotext(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
