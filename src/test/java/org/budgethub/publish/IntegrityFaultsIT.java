package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.budgethub.review.AttestationRequest;
import org.budgethub.demo.EmbeddedSftpServer;
import org.budgethub.publish.DeliveryStatus;
import org.budgethub.model.PackageFile;
import org.budgethub.review.ReleaseService;
import org.budgethub.review.ReviewRefused;
import org.budgethub.run.RunRecovery;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.RefusingProxy;
import org.budgethub.support.TestCms;

/**
 * The faults that once left half-stored versions, stuck deliveries and a stale CMS index, provoked
 * for real: the hub's database (PostgreSQL) failing between a version's files or refusing
 * connections mid-run and mid-delivery (through a proxy that closes its port), files of a stored
 * version lost, an index rewrite cut off after a withdrawal. Each test uses its own demo agency.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=required",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.publish.retry.max-redeliveries=1",
        "hub.publish.retry.delay-ms=50",
        "hub.retry.max-redeliveries=1",
        "hub.retry.delay-ms=50",
        "hub.publish.release-check-ms=300",
        "hub.publish.stale-after=PT4S",
        "spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=500"})
class IntegrityFaultsIT {

    private static final Path WORK = Path.of("target/integrity-faults-test").toAbsolutePath();
    private static final Path ROOT = WORK.resolve("cms");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORT = Pattern.compile("//([^:/]+):(\\d+)/");
    private static final AtomicBoolean CUT_DATABASE_AT_DONE_MARKER = new AtomicBoolean();
    private static final AtomicBoolean CUT_INDEX_WRITES = new AtomicBoolean();
    private static EmbeddedSftpServer server;
    private static RefusingProxy database;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ReleaseService releases;

    @Autowired
    DeliveryRecords records;

    @Autowired
    RunRecovery recovery;

    @Autowired
    JdbcTemplate hub;

    /** Closes the hub database's port the moment a done marker starts to arrive; cuts the connection writing an index. When armed. */
    static final class Faults implements SftpEventListener {
        @Override
        public void opening(ServerSession session, String remoteHandle, Handle localHandle) {
            if (localHandle.getFile().getFileName().toString().startsWith("package.done") && CUT_DATABASE_AT_DONE_MARKER.getAndSet(false)) {
                database.refuse();
            }
        }

        @Override
        public void writing(ServerSession session, String remoteHandle, org.apache.sshd.sftp.server.FileHandle localHandle, long offset,
                            byte[] data, int dataOffset, int dataLen) throws java.io.IOException {
            if (CUT_INDEX_WRITES.get() && localHandle.getFile().getFileName().toString().startsWith("index.json")) {
                session.close(true);
                throw new java.io.IOException("connection cut by the test");
            }
        }
    }

    @DynamicPropertySource
    static void systems(DynamicPropertyRegistry registry) throws Exception {
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
        server = EmbeddedSftpServer.start(ROOT, WORK.resolve("keys/host-key"), WORK.resolve("keys/hub_ecdsa"),
                WORK.resolve("keys/known_hosts"), "127.0.0.1", 0, "hub", List.of(new Faults()));
        String url = FinanceDatabase.empty().jdbcUrl();
        Matcher m = PORT.matcher(url);
        assertThat(m.find()).isTrue();
        database = new RefusingProxy(m.group(1), Integer.parseInt(m.group(2)));
        TestCms.point(WORK, registry, server::port);
        registry.add("spring.datasource.url", () -> m.replaceFirst("//127.0.0.1:" + database.port() + "/"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    private RunReport build(String agency) {
        return producer.requestBody("direct:run", new RunRequest(2026, agency, "test"), RunReport.class);
    }

    private static Path folder(String agency, int version) {
        return ROOT.resolve("packages/2026/" + agency + "/v" + version);
    }

    private Map<String, Object> latest(String agency) {
        return hub.queryForMap("SELECT id, version, status, error, reviewed_by FROM delivery WHERE agency_code = ? "
                + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", agency);
    }

    private static void await(String what, java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** What the website team checks: the done marker names the manifest that is there, and every file it lists is there. */
    private static void assertWholeOnCms(String agency, int version) throws Exception {
        Path dir = folder(agency, version);
        String done = Files.readString(dir.resolve("package.done"));
        byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
        assertThat(done).contains("manifest.json sha256 " + PackageFile.sha256(manifest));
        for (JsonNode f : JSON.readTree(manifest).path("files")) {
            Path file = dir.resolve(f.path("name").asText());
            assertThat(file).exists();
            assertThat(PackageFile.sha256(Files.readAllBytes(file))).isEqualTo(f.path("sha256").asText());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aVersionWhoseFilesCannotAllBeStoredIsNeverSeenAndTheNextRunStoresItWhole() {
        // The hub's database fails after six of the seven files: the manifest's row is refused.
        hub.execute("CREATE FUNCTION refuse_manifest() RETURNS trigger AS $$ BEGIN "
                + "RAISE EXCEPTION 'disk full (injected by the test)'; END $$ LANGUAGE plpgsql");
        hub.execute("CREATE TRIGGER refuse_manifest BEFORE INSERT ON package_file FOR EACH ROW "
                + "WHEN (NEW.name = 'manifest.json') EXECUTE FUNCTION refuse_manifest()");
        try {
            RunReport report = build("101031");
            assertThat(report.failed()).extracting(RunReport.Failed::agency).containsExactly("101031");
        } finally {
            hub.execute("DROP TRIGGER refuse_manifest ON package_file");
            hub.execute("DROP FUNCTION refuse_manifest()");
        }
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM delivery WHERE agency_code = '101031'", Integer.class)).isZero();
        assertThat(releases.queue(2026)).noneMatch(d -> d.agencyCode().equals("101031"));

        build("101031");
        Map<String, Object> v1 = latest("101031");
        assertThat(v1.get("status")).isEqualTo(DeliveryStatus.AWAITING_REVIEW.name());
        assertThat(PackageIntegrity.problem(records.files((Long) v1.get("id")))).isEmpty();
        assertThat(records.files((Long) v1.get("id"))).extracting(PackageFile::name).contains("manifest.json");
    }

    @Test
    void aStoredVersionMissingItsManifestIsFoundAtStartUpRebuiltReviewedAgainAndDeliveredWhole() throws Exception {
        build("103005");
        long id = (Long) latest("103005").get("id");
        // As an older release left it: the record without its manifest.
        hub.update("DELETE FROM package_file WHERE delivery_id = ? AND name = 'manifest.json'", id);

        recovery.run(null);

        Map<String, Object> marked = latest("103005");
        assertThat(marked.get("status")).isEqualTo(DeliveryStatus.INCOMPLETE.name());
        assertThat((String) marked.get("error")).contains("manifest.json").contains("重新生成");
        assertThat(releases.queue(2026)).noneMatch(d -> d.agencyCode().equals("103005"));
        assertThatThrownBy(() -> releases.approve(2026, "103005", "carol", AttestationRequest.of("张三"))).isInstanceOf(ReviewRefused.class);

        build("103005");
        Map<String, Object> rebuilt = latest("103005");
        assertThat(rebuilt.get("version")).isEqualTo(1);
        assertThat(rebuilt.get("status")).isEqualTo(DeliveryStatus.AWAITING_REVIEW.name());
        assertThat(PackageIntegrity.problem(records.files(id))).isEmpty();

        releases.approve(2026, "103005", "carol", AttestationRequest.of("张三"));
        await("103005 v1 delivered", () -> DeliveryStatus.DELIVERED.name().equals(latest("103005").get("status")), 30_000);
        assertWholeOnCms("103005", 1);
    }

    @Test
    void anApprovedVersionThatDoesNotVerifyIsRefusedBeforeAnyByteGoesOut() throws Exception {
        build("104002");
        long id = (Long) latest("104002").get("id");
        hub.update("DELETE FROM package_file WHERE delivery_id = ? AND name = 'appropriations.csv'", id);
        hub.update("UPDATE delivery SET status = 'APPROVED', reviewed_by = 'carol' WHERE id = ?", id);

        producer.requestBody("direct:release", id);

        assertThat(folder("104002", 1)).doesNotExist();
        Map<String, Object> refused = latest("104002");
        assertThat(refused.get("status")).isEqualTo(DeliveryStatus.INCOMPLETE.name());
        assertThat((String) refused.get("error")).contains("appropriations.csv");
        assertThat(releases.due()).doesNotContain(id);
    }

    @Test
    void theHubDatabaseRefusingConnectionsMidDeliveryLeavesNoStuckVersion() throws Exception {
        build("101001");
        CUT_DATABASE_AT_DONE_MARKER.set(true);
        releases.approve(2026, "101001", "carol", AttestationRequest.of("张三"));
        await("the database cut at the done marker", database::refusing, 30_000);
        Thread.sleep(3_000);
        database.restore();

        // The sender could not record the delivery; the release timer takes the stale version over.
        await("101001 v1 delivered", () -> {
            try {
                return DeliveryStatus.DELIVERED.name().equals(latest("101001").get("status"));
            } catch (RuntimeException stillDown) {
                return false;
            }
        }, 60_000);
        assertWholeOnCms("101001", 1);
    }

    @Test
    void theHubDatabaseRefusingConnectionsMidRunLeavesEveryRecordWithAnExit() throws Exception {
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
            try {
                return build("102001");
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(400);
        database.refuse();
        // Longer than the agency's retries: the run ends while the database is still away.
        Thread.sleep(8_000);
        database.restore();
        run.get(120, java.util.concurrent.TimeUnit.SECONDS);

        await("no run or task of 102001 left running", () -> {
            try {
                return hub.queryForObject("SELECT COUNT(*) FROM run r WHERE r.status = 'RUNNING' AND (r.agency_code = '102001' "
                        + "OR EXISTS (SELECT 1 FROM task t WHERE t.run_id = r.id AND t.agency_code = '102001'))", Integer.class) == 0;
            } catch (RuntimeException stillDown) {
                return false;
            }
        }, 60_000);
        assertThat(records.unverifiedVersions()).isEmpty();

        build("102001");
        Map<String, Object> v = latest("102001");
        assertThat(v.get("status")).isEqualTo(DeliveryStatus.AWAITING_REVIEW.name());
        assertThat(PackageIntegrity.problem(records.files((Long) v.get("id")))).isEmpty();
    }

    @Test
    void anIndexRewriteCutAfterAWithdrawalIsRepairedAndItsTemporaryFileReused() throws Exception {
        build("101023");
        releases.approve(2026, "101023", "carol", AttestationRequest.of("张三"));
        await("101023 v1 delivered", () -> DeliveryStatus.DELIVERED.name().equals(latest("101023").get("status")), 30_000);
        await("index written", () -> releases.indexesToRepair().isEmpty(), 30_000);

        // The withdrawal's marker arrives; every write of the index after it is cut mid-file.
        Path index = ROOT.resolve("packages/2026/index.json");
        Path year = ROOT.resolve("packages/2026");
        CUT_INDEX_WRITES.set(true);
        try {
            releases.withdraw(new ReleaseService.Withdrawal(2026, "101023", "carol", "内容有误"));
        } finally {
            CUT_INDEX_WRITES.set(false);
        }
        try (Stream<Path> left = Files.list(year)) {
            assertThat(left.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("index.json.") && n.endsWith(".part"));
        }
        assertThat(folder("101023", 1).resolve("package.withdrawn")).exists();
        assertThat(entry(index, "101023").path("withdrawn").asBoolean()).isFalse();
        assertThat(releases.indexesToRepair()).containsExactly(2026);

        // What the start-up route does.
        releases.indexesToRepair().forEach(y -> producer.requestBody("seda:cms-index?waitForTaskToComplete=Always&timeout=0", y));

        assertThat(entry(index, "101023").path("withdrawn").asBoolean()).isTrue();
        assertThat(releases.indexesToRepair()).isEmpty();
        try (Stream<Path> left = Files.list(year)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    private static JsonNode entry(Path index, String agency) throws Exception {
        for (JsonNode p : JSON.readTree(index.toFile()).path("packages")) {
            if (p.path("code").asText().equals(agency)) {
                return p;
            }
        }
        throw new AssertionError(agency + " not in " + index);
    }
}
