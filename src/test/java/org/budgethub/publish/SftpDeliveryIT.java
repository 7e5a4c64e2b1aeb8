package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.budgethub.demo.EmbeddedSftpServer;
import org.budgethub.model.PackageFile;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.TestCms;

/**
 * Delivery to an SFTP server (Apache MINA SSHD, in process) through the hub's routes, with the
 * delivery record in a real PostgreSQL: complete packages, idempotent reruns, versions, faults.
 * Each test uses its own demo agency, so the tests do not depend on one another.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.publish.retry.max-redeliveries=2",
        "hub.publish.retry.delay-ms=50",
        "hub.cms.connect-timeout-ms=3000",
        "hub.cms.so-timeout-ms=5000"})
class SftpDeliveryIT {

    private static final Path WORK = Path.of("target/sftp-delivery-test").toAbsolutePath();
    private static final Path ROOT = WORK.resolve("cms");
    private static final FaultInjection FAULTS = new FaultInjection();
    private static EmbeddedSftpServer server;
    private static int port;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Autowired
    @Qualifier("financeDataSource")
    javax.sql.DataSource finance;

    @Autowired
    JdbcTemplate hub;

    @DynamicPropertySource
    static void cms(DynamicPropertyRegistry registry) throws Exception {
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
        startServer(0);
        port = server.port();
        TestCms.point(WORK, registry, () -> port);
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    private static void startServer(int onPort) {
        server = EmbeddedSftpServer.start(ROOT, WORK.resolve("keys/host-key"), WORK.resolve("keys/hub_ecdsa"),
                WORK.resolve("keys/known_hosts"), "127.0.0.1", onPort, "hub", List.of(FAULTS));
    }

    @AfterEach
    void clearFaults() {
        FAULTS.clear();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private RunReport run(String agency) {
        return producer.requestBody("direct:run", new RunRequest(2026, agency, "test"), RunReport.class);
    }

    /** A forced run always sends, whatever an earlier test delivered for the agency. */
    private RunReport forced(String agency) {
        return producer.requestBody("direct:run", new RunRequest(2026, agency, "test", true), RunReport.class);
    }

    private static Path folder(String agency, int version) {
        return ROOT.resolve("packages/2026/" + agency + "/v" + version);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<Map<String, Object>> deliveries(String agency) {
        return hub.queryForList("SELECT version, status, error, correction_note FROM delivery WHERE agency_code = ? ORDER BY version", agency);
    }

    @Test
    void aCompletePackageArrivesWithTheManifestAndThenTheDoneMarkerLast() throws Exception {
        RunReport report = run("101023");

        assertThat(report.failed()).isEmpty();
        Path v1 = folder("101023", 1);
        assertThat(names(v1)).containsExactly("appropriations.csv", "datapackage.json", "disclosure.html", "disclosure.json",
                "disclosure.pdf", "disclosure.xlsx", "manifest.json", "package.done");
        List<String> order = FAULTS.renamedTo();
        // The package's manifest and done marker last, then the year's index, which names the delivered version.
        assertThat(order.subList(order.size() - 4, order.size())).containsExactly("manifest.json", "package.done", "index.json", "index.atom");
        JsonNode index = new ObjectMapper().readTree(ROOT.resolve("packages/2026/index.json").toFile());
        assertThat(index.path("packages").findValues("code").stream().map(JsonNode::asText)).contains("101023");

        JsonNode manifest = new ObjectMapper().readTree(v1.resolve("manifest.json").toFile());
        assertThat(manifest.path("version").asInt()).isEqualTo(1);
        assertThat(manifest.path("cms").path("主题分类").asText()).isEqualTo("财政");
        assertThat(manifest.path("files")).hasSize(6).allSatisfy(f -> {
            byte[] arrived = Files.readAllBytes(v1.resolve(f.path("name").asText()));
            assertThat(arrived).hasSize(f.path("size").asInt());
            assertThat(PackageFile.sha256(arrived)).isEqualTo(f.path("sha256").asText());
        });
        assertThat(Files.readString(v1.resolve("package.done"))).contains(PackageFile.sha256(Files.readAllBytes(v1.resolve("manifest.json"))));
        assertThat(deliveries("101023")).singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("DELIVERED"));
    }

    @Test
    void theHubLogsInWithItsKeyAndOffersNoPasswordWhenNoneIsSet() {
        assertThat(run("103005").failed()).isEmpty();

        assertThat(camel.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith("sftp:")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getEndpointUri()).doesNotContain("password").contains("privateKeyFile"));
    }

    @Test
    void rerunningAnUnchangedAgencySendsNothing() {
        assertThat(run("101031").failed()).isEmpty();
        FAULTS.clear();

        RunReport again = run("101031");

        assertThat(again.failed()).isEmpty();
        assertThat(FAULTS.writes()).as("bytes written on the second run").isZero();
        assertThat(again.exported()).singleElement().satisfies(e -> assertThat(e.location()).startsWith("未发送：自第 1 版以来内容未变"));
        assertThat(deliveries("101031")).hasSize(1);
    }

    @Test
    void changingOneLedgerEntrySendsVersion2WithACorrectionNote() throws Exception {
        assertThat(run("102001").failed()).isEmpty();
        String entry = new JdbcTemplate(finance).queryForObject(
                "SELECT MIN(l.entry_id) FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id "
                        + "WHERE a.agency_code = '102001' AND a.fiscal_year = 2026 AND a.exp_kind = 'B' AND l.stage = 'INITIAL'", String.class);
        new JdbcTemplate(finance).update("UPDATE bgt_ledger SET amount = amount + 10000 WHERE entry_id = ?", entry);

        RunReport report = run("102001");

        assertThat(report.failed()).isEmpty();
        JsonNode manifest = new ObjectMapper().readTree(folder("102001", 2).resolve("manifest.json").toFile());
        assertThat(manifest.path("version").asInt()).isEqualTo(2);
        assertThat(manifest.path("correction").path("note").asText()).startsWith("更正说明").contains("第 1 版").contains("表二");
        assertThat(folder("102001", 1).resolve("package.done")).as("the first version stays as it was").exists();
        assertThat(deliveries("102001")).extracting(d -> d.get("status")).containsExactly("DELIVERED", "DELIVERED");
    }

    @Test
    void aConnectionCutMidUploadLeavesNoFinalFileAndARerunCompletesIt() throws Exception {
        FAULTS.inject(FaultInjection.Fault.CUT_CONNECTION, "disclosure.pdf", 10);

        RunReport failed = run("104002");

        assertThat(failed.failed()).singleElement().satisfies(f -> assertThat(f.stage()).isEqualTo("publish"));
        Path v1 = folder("104002", 1);
        assertThat(v1.resolve("disclosure.pdf")).doesNotExist();
        assertThat(v1.resolve("package.done")).doesNotExist();
        assertThat(v1.resolve("manifest.json")).doesNotExist();
        assertThat(deliveries("104002")).singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("FAILED"));

        FAULTS.clear();
        RunReport rerun = run("104002");

        assertThat(rerun.failed()).isEmpty();
        assertThat(v1.resolve("package.done")).exists();
        assertThat(names(v1)).noneMatch(n -> n.endsWith(".part"));
        assertThat(deliveries("104002")).singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("DELIVERED"));
    }

    @Test
    void aServerThatIsDownIsRetriedThenRecordedAsFailedWithNothingOnTheServer() throws Exception {
        server.close();
        try {
            RunReport report = run("103005");

            assertThat(report.failed()).singleElement().satisfies(f -> {
                assertThat(f.stage()).isEqualTo("publish");
                assertThat(f.reason()).containsIgnoringCase("connect");
            });
            assertThat(ROOT.resolve("packages/2026/103005")).doesNotExist();
            assertThat(deliveries("103005")).singleElement().satisfies(d -> {
                assertThat(d.get("status")).isEqualTo("FAILED");
                assertThat((String) d.get("error")).isNotBlank();
            });
        } finally {
            startServer(port);
        }
        assertThat(run("103005").failed()).as("the next run delivers").isEmpty();
        assertThat(folder("103005", 1).resolve("package.done")).exists();
    }

    @Test
    void permissionDeniedAndAFullDiskAreClearErrors() {
        FAULTS.inject(FaultInjection.Fault.PERMISSION_DENIED, "disclosure.json", 10);
        RunReport denied = forced("101023");
        assertThat(denied.failed()).singleElement().satisfies(f -> assertThat(f.reason()).containsIgnoringCase("permission denied"));

        FAULTS.inject(FaultInjection.Fault.DISK_FULL, "disclosure.html", 10);
        RunReport full = forced("101023");
        assertThat(full.failed()).singleElement().satisfies(f -> assertThat(f.reason())
                .contains("Cannot store file: packages/2026/101023/").contains("disclosure.html")
                .contains("磁盘已满"));
    }

    @Test
    void retriesShowTheirAttemptsWhileUnderWayAndTheFailureSaysHowManyOverHowLong() throws Exception {
        FAULTS.inject(FaultInjection.Fault.PERMISSION_DENIED, "disclosure.json", 100);
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                seen.addAll(hub.queryForList("SELECT detail FROM task WHERE agency_code = '101031' AND stage = 'publish' "
                        + "AND status = 'RUNNING' AND detail IS NOT NULL", String.class));
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        RunReport report;
        try {
            report = forced("101031");
        } finally {
            watcher.interrupt();
            watcher.join();
        }

        assertThat(seen).as("the running task names the attempt under way").anySatisfy(d -> assertThat(d)
                .startsWith("第 2/3 次尝试；上一次失败：网站 CMS 服务器拒绝写入（权限不足）"));
        assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.reason())
                .startsWith("尝试 3 次均失败（重试用时 ").contains("秒）：网站 CMS 服务器拒绝写入（权限不足）"));
        Map<String, Object> task = hub.queryForMap("SELECT status, error, duration_ms FROM task WHERE agency_code = '101031' "
                + "AND stage = 'publish' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
        assertThat(task.get("status")).isEqualTo("FAILED");
        assertThat((String) task.get("error")).startsWith("尝试 3 次均失败");
        // Two back-off delays, 50 ms then 100 ms: the task lasts the attempts, not the last one.
        assertThat(((Number) task.get("duration_ms")).longValue()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void aWrongHostKeyIsRefused() throws Exception {
        Path knownHosts = WORK.resolve("keys/known_hosts");
        String genuine = Files.readString(knownHosts);
        // A new connection is what checks the host key: drop the ones the hub keeps open.
        server.close();
        startServer(port);
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            String impostor = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(generator.generateKeyPair().getPublic());
            Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + impostor + "\n");

            RunReport report = forced("101031");

            assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.reason()).containsIgnoringCase("HostKey"));
        } finally {
            Files.writeString(knownHosts, genuine);
        }
    }
}
