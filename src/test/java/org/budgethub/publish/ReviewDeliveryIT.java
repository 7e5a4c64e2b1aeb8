package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.budgethub.review.AttestationRequest;
import org.budgethub.demo.EmbeddedSftpServer;
import org.budgethub.review.ReleaseService;
import org.budgethub.review.ReviewRefused;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.TestCms;

/**
 * 先审后发 against the embedded SFTP server (Apache MINA SSHD) with the delivery record in a real
 * PostgreSQL: a built version waits for a reviewer; approval delivers exactly it; rejection keeps it
 * off the website; four eyes; withdrawal; the index the CMS polls; the website team's read-only account.
 * Each test uses its own demo agency.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=required",
        "hub.publish.four-eyes=true",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.publish.retry.max-redeliveries=1",
        "hub.publish.retry.delay-ms=50"})
class ReviewDeliveryIT {

    private static final Path WORK = Path.of("target/review-delivery-test").toAbsolutePath();
    private static final Path ROOT = WORK.resolve("cms");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedSftpServer server;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ReleaseService releases;

    @Autowired
    JdbcTemplate hub;

    @DynamicPropertySource
    static void cms(DynamicPropertyRegistry registry) throws Exception {
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
        server = TestCms.start(WORK, registry, List.of(),
                new EmbeddedSftpServer.ReadOnlyAccount("website", WORK.resolve("keys/website_ecdsa"), WORK.resolve("keys/website_known_hosts")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private RunReport build(String agency, String by) {
        return producer.requestBody("direct:run", new RunRequest(2026, agency, by), RunReport.class);
    }

    private static Path folder(String agency, int version) {
        return ROOT.resolve("packages/2026/" + agency + "/v" + version);
    }

    private Map<String, Object> latest(String agency) {
        return hub.queryForMap("SELECT version, status, reviewed_by, review_reason, built_by FROM delivery WHERE agency_code = ? "
                + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", agency);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(file).exists();
    }

    /** The year's index once it names {@code agency} as {@code withdrawn} or not (it is written right after the package). */
    private static JsonNode indexEntry(String agency, boolean withdrawn) throws Exception {
        Path file = ROOT.resolve("packages/2026/index.json");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                try {
                    for (JsonNode p : JSON.readTree(file.toFile()).path("packages")) {
                        if (p.path("code").asText().equals(agency) && p.path("withdrawn").asBoolean() == withdrawn) {
                            return p;
                        }
                    }
                } catch (java.io.IOException beingReplaced) {
                    // read again
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("index.json never named " + agency + (withdrawn ? " withdrawn" : ""));
    }

    @Test
    void aBuiltVersionWaitsForItsReviewerAndApprovalDeliversExactlyIt() throws Exception {
        RunReport report = build("101023", "user:alice");
        build("103005", "user:alice");

        assertThat(report.exported()).singleElement().satisfies(e -> assertThat(e.location()).isEqualTo("待审核：第 1 版"));
        assertThat(folder("101023", 1)).doesNotExist();
        assertThat(latest("101023")).containsEntry("status", "AWAITING_REVIEW").containsEntry("built_by", "user:alice");
        assertThat(releases.queue(2026)).extracting(DeliveryRecords.Delivery::agencyCode).contains("101023", "103005");

        releases.approve(2026, "101023", "bob", AttestationRequest.of("张三"));

        awaitFile(folder("101023", 1).resolve("package.done"));
        assertThat(latest("101023")).containsEntry("status", "DELIVERED").containsEntry("reviewed_by", "bob");
        // The attestations, recorded with the approval and in the manifest on the CMS, which is the one stored and the one package.done names.
        Map<String, Object> record = hub.queryForMap("SELECT id, secrecy_reviewed, leader_signed, signer, attestations_printed, reviewed_at "
                + "FROM delivery WHERE agency_code = '101023' AND version = 1");
        assertThat(record).containsEntry("secrecy_reviewed", true).containsEntry("leader_signed", true).containsEntry("signer", "张三")
                .containsEntry("attestations_printed", false);
        byte[] delivered = Files.readAllBytes(folder("101023", 1).resolve("manifest.json"));
        JsonNode attestations = JSON.readTree(delivered).path("attestations");
        assertThat(attestations.path("secrecyReviewed").asBoolean()).isTrue();
        assertThat(attestations.path("leaderSigned").asBoolean()).isTrue();
        assertThat(attestations.path("signer").asText()).isEqualTo("张三");
        assertThat(attestations.path("approvedBy").asText()).isEqualTo("bob");
        assertThat(java.time.OffsetDateTime.parse(attestations.path("approvedAt").asText()).toInstant())
                .isEqualTo(((java.sql.Timestamp) record.get("reviewed_at")).toInstant());
        assertThat(hub.queryForObject("SELECT content FROM package_file WHERE delivery_id = ? AND name = 'manifest.json'", byte[].class,
                record.get("id"))).isEqualTo(delivered);
        assertThat(Files.readString(folder("101023", 1).resolve("package.done")))
                .contains("manifest.json sha256 " + org.budgethub.model.PackageFile.sha256(delivered));
        assertThat(Files.readString(folder("101023", 1).resolve("disclosure.html"))).as("not printed unless set")
                .doesNotContain("class=\"attestations\"");
        assertThat(folder("103005", 1)).as("the others stay away until approved").doesNotExist();
        JsonNode entry = indexEntry("101023", false);
        assertThat(entry.path("version").asInt()).isEqualTo(1);
        assertThat(entry.path("path").asText()).isEqualTo("2026/101023/v1/");
        assertThat(entry.path("withdrawn").asBoolean()).isFalse();
        assertThat(entry.path("索引号").asText()).isEqualTo("101023/2026-YSGK-1");
        Path atom = ROOT.resolve("packages/2026/index.atom");
        long deadline = System.currentTimeMillis() + 30_000;
        while ((!Files.exists(atom) || !Files.readString(atom).contains("2026/101023/v1/")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(atom)).contains("<feed").contains("2026/101023/v1/");
    }

    @Test
    void withFourEyesTheOneWhoStartedTheBuildCannotApproveIt() {
        build("101031", "user:carol");

        assertThatThrownBy(() -> releases.approve(2026, "101031", "carol", AttestationRequest.of("张三")))
                .isInstanceOfSatisfying(ReviewRefused.class, e -> assertThat(e.kind()).isEqualTo(ReviewRefused.Kind.FORBIDDEN))
                .hasMessageContaining("四眼");
        assertThat(latest("101031")).containsEntry("status", "AWAITING_REVIEW");
    }

    @Test
    void aRejectedVersionNeverGoesOutAndAnUnchangedRebuildIsNotQueuedAgain() {
        build("104002", "schedule");

        releases.reject(2026, "104002", "dave", "项目概况有错别字");

        assertThat(latest("104002")).containsEntry("status", "REJECTED").containsEntry("review_reason", "项目概况有错别字");
        RunReport again = build("104002", "schedule");
        assertThat(again.exported()).singleElement().satisfies(e -> assertThat(e.location()).contains("该版已被退回：项目概况有错别字"));
        assertThat(releases.queue(2026)).extracting(DeliveryRecords.Delivery::agencyCode).doesNotContain("104002");
        assertThat(folder("104002", 1)).doesNotExist();
        assertThatThrownBy(() -> releases.reject(2026, "104002", "dave", " ")).isInstanceOf(ReviewRefused.class);
    }

    @Test
    void aWithdrawnVersionGetsItsMarkerTheFilesStayAndTheIndexSaysSo() throws Exception {
        build("102001", "schedule");
        releases.approve(2026, "102001", "erin", AttestationRequest.of("张三"));
        awaitFile(folder("102001", 1).resolve("package.done"));

        releases.withdraw(new ReleaseService.Withdrawal(2026, "102001", "erin", "数据有误，待更正后重新发布"));

        assertThat(Files.readString(folder("102001", 1).resolve("package.withdrawn"))).contains("数据有误").contains("erin");
        assertThat(folder("102001", 1).resolve("disclosure.pdf")).exists();
        assertThat(latest("102001")).containsEntry("status", "WITHDRAWN");
        JsonNode entry = indexEntry("102001", true);
        assertThat(entry.path("withdrawReason").asText()).isEqualTo("数据有误，待更正后重新发布");
        assertThatThrownBy(() -> releases.withdraw(new ReleaseService.Withdrawal(2026, "102001", "erin", "again")))
                .isInstanceOf(ReviewRefused.class);
    }

    @Test
    void theWebsiteTeamReadsWithItsOwnKeyAndCannotWrite() throws Exception {
        Files.createDirectories(ROOT.resolve("packages/2026"));
        Files.writeString(ROOT.resolve("packages/2026/readme.txt"), "for the website team");
        JSch jsch = new JSch();
        jsch.addIdentity(WORK.resolve("keys/website_ecdsa").toString());
        jsch.setKnownHosts(WORK.resolve("keys/website_known_hosts").toString());
        Session session = jsch.getSession("website", "127.0.0.1", server.port());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.connect(5000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(5000);
            assertThat(new String(sftp.get("packages/2026/readme.txt").readAllBytes())).isEqualTo("for the website team");
            assertThatThrownBy(() -> sftp.put(new java.io.ByteArrayInputStream("x".getBytes()), "packages/2026/evil.txt"))
                    .isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> sftp.rm("packages/2026/readme.txt")).isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> sftp.mkdir("packages/2026/x")).isInstanceOf(SftpException.class);
            sftp.disconnect();
        } finally {
            session.disconnect();
        }
        assertThat(ROOT.resolve("packages/2026/evil.txt")).doesNotExist();
        assertThat(ROOT.resolve("packages/2026/readme.txt")).exists();
    }
}
