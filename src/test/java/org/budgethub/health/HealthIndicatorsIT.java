package org.budgethub.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.util.FileSystemUtils;

import org.budgethub.demo.EmbeddedSftpServer;

class HealthIndicatorsIT {

    private static final FailureExplainer.Database FINANCE = new FailureExplainer.Database("财政数据库", "jdbc:h2:mem:test", 2000, 2000);

    private static final Path DIR = Path.of("target/health-indicators-test");
    /** A first SSH login in a JVM loads and warms up a lot: generous on a busy machine, still bounded. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void cmsIsUpWhenTheHubLogsInWithItsKeyAndWritesAndRemovesItsFileInAFolderItCreates() throws Exception {
        Path dir = fresh("writable");
        AtomicInteger port = new AtomicInteger(0);
        CmsHealthIndicator cms = new CmsHealthIndicator(true, login(dir, port, "hub", dir.resolve("keys/hub_ecdsa")), LOGIN_TIMEOUT,
                "hub-1", Duration.ZERO);
        try (EmbeddedSftpServer server = hubOnly(dir)) {
            // As DemoCmsConfiguration does: the port taken reaches the indicator only after the start.
            port.set(server.port());

            Health health = cms.health();

            assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("host", "127.0.0.1").containsEntry("port", server.port())
                    .containsEntry("username", "hub").containsEntry("directory", "packages");
            assertThat((String) health.getDetails().get("banner")).startsWith("SSH-2.0-");
            assertThat((String) health.getDetails().get("check")).contains(".hub-health-hub-1.tmp");
            // The folder is created as the first delivery would; the temporary file is gone again.
            assertThat(server.root().resolve("packages")).isDirectory().isEmptyDirectory();
        } finally {
            cms.close();
        }
    }

    @Test
    void cmsIsDownWithTheReasonWhenTheServerAcceptsTheLoginButRefusesUploads() throws Exception {
        Path dir = fresh("read-only");
        // The embedded CMS's website account may log in and read, never write: a CMS that refuses the hub's uploads.
        EmbeddedSftpServer.ReadOnlyAccount website = new EmbeddedSftpServer.ReadOnlyAccount("website", dir.resolve("keys/website_ecdsa"),
                dir.resolve("keys/website_known_hosts"));
        Files.createDirectories(dir.resolve("cms/packages"));
        try (EmbeddedSftpServer server = EmbeddedSftpServer.start(dir.resolve("cms"), dir.resolve("keys/host-key"),
                dir.resolve("keys/hub_ecdsa"), dir.resolve("keys/known_hosts"), "127.0.0.1", 0, "hub", List.of(), website);
             CmsHealthIndicator cms = new CmsHealthIndicator(true, new CmsHealthIndicator.Login("127.0.0.1", server::port, "packages",
                     "website", null, website.privateKey().toString(), website.knownHosts().toString(), true), LOGIN_TIMEOUT, "hub-1",
                     Duration.ZERO)) {

            Health health = cms.health();

            assertThat(health.getStatus()).as(health.toString()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
            assertThat(health.getDetails()).containsEntry("host", "127.0.0.1").containsEntry("port", server.port());
            assertThat((String) health.getDetails().get("error"))
                    .startsWith("网站 CMS 服务器接受了中枢的登录，但拒绝账号 website 在发布目录 packages 中写入（权限不足）：请网站管理员为该账号开放写权限");
            assertThat(dir.resolve("cms/packages")).isEmptyDirectory();
        }
    }

    @Test
    void cmsIsDownWhenTheServerRefusesTheHubsKey() throws Exception {
        Path dir = fresh("wrong-key");
        Path otherKey = dir.resolve("keys/other_ecdsa");
        try (EmbeddedSftpServer server = hubOnly(dir)) {
            // A second server generates a key of its own: a well-formed key the first server does not know.
            EmbeddedSftpServer.start(dir.resolve("other"), dir.resolve("keys/other-host-key"), otherKey, dir.resolve("keys/other_known_hosts"),
                    "127.0.0.1", 0, "hub", List.of()).close();
            try (CmsHealthIndicator cms = new CmsHealthIndicator(true, login(dir, new AtomicInteger(server.port()), "hub", otherKey),
                    LOGIN_TIMEOUT, "hub-1", Duration.ZERO)) {

                Health health = cms.health();

                assertThat(health.getStatus()).as(health.toString()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
                assertThat((String) health.getDetails().get("error")).startsWith("网站 CMS 服务器拒绝登录：请核对 hub.cms.username 与密钥");
            }
        }
    }

    @Test
    void cmsIsDownWhenTheServersHostKeyIsNotTheOneInKnownHosts() throws Exception {
        Path dir = fresh("host-key");
        try (EmbeddedSftpServer server = hubOnly(dir)) {
            EmbeddedSftpServer.start(dir.resolve("other"), dir.resolve("keys/other-host-key"), dir.resolve("keys/other_ecdsa"),
                    dir.resolve("keys/other_known_hosts"), "127.0.0.1", 0, "hub", List.of()).close();
            // Another server's host key under this server's name: what a re-created CMS looks like.
            String otherKey = Files.readString(dir.resolve("keys/other_known_hosts")).trim().split(" ", 2)[1];
            Files.writeString(dir.resolve("keys/known_hosts"), "[127.0.0.1]:" + server.port() + " " + otherKey + "\n");
            try (CmsHealthIndicator cms = new CmsHealthIndicator(true, login(dir, new AtomicInteger(server.port()), "hub",
                    dir.resolve("keys/hub_ecdsa")), LOGIN_TIMEOUT, "hub-1", Duration.ZERO)) {

                Health health = cms.health();

                assertThat(health.getStatus()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
                assertThat((String) health.getDetails().get("error")).startsWith("网站 CMS 服务器的主机密钥与 hub.cms.known-hosts-file 中记录的不一致");
            }
        }
    }

    @Test
    void anAnswerIsReusedForAWhileSoAMonitorDoesNotLogInAtEveryProbe() throws Exception {
        Path dir = fresh("reuse");
        AtomicInteger port = new AtomicInteger(0);
        try (CmsHealthIndicator cms = new CmsHealthIndicator(true, login(dir, port, "hub", dir.resolve("keys/hub_ecdsa")), LOGIN_TIMEOUT,
                "hub-1", Duration.ofHours(1));
             EmbeddedSftpServer server = hubOnly(dir)) {
            Health before = cms.health();
            port.set(server.port());

            assertThat(before.getStatus()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
            assertThat(cms.health()).isSameAs(before);
        }
    }

    @Test
    void theTemporaryFileIsNamedSoTheWebsitesImportSkipsIt() {
        assertThat(CmsHealthIndicator.probeName("hub-1")).isEqualTo(".hub-health-hub-1.tmp");
        assertThat(CmsHealthIndicator.probeName("主机 a/b*")).isEqualTo(".hub-health-___a_b_.tmp");
        assertThat(CmsHealthIndicator.probeName("")).isEqualTo(".hub-health-hub.tmp");
    }

    @Test
    void cmsIsDownWithTheReasonWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (CmsHealthIndicator cms = unreachable(port, Duration.ofMillis(1000))) {

            Health health = cms.health();

            assertThat(health.getStatus()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
            assertThat(health.getDetails()).containsEntry("host", "127.0.0.1").containsEntry("port", port);
            assertThat((String) health.getDetails().get("error")).startsWith("无法连接网站 CMS 服务器：").containsIgnoringCase("refused");
        }
    }

    @Test
    void cmsIsDownWhenTheServerSaysNothingWithinTheTimeout() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             CmsHealthIndicator cms = unreachable(silent.getLocalPort(), Duration.ofMillis(300))) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    done.await();
                } catch (Exception e) {
                    // the test is over
                }
            });
            acceptor.start();

            long start = System.nanoTime();
            Health health = cms.health();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            done.countDown();

            assertThat(health.getStatus()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
            assertThat(health.getDetails()).containsEntry("error", "已连上网站 CMS 服务器，但它在 300 毫秒内没有发来 SSH 标识：服务器可能挂起或过载");
            assertThat(tookMs).isLessThan(2000);
        }
    }

    @Test
    void cmsIsDownWhenTheServerIsNoSshServer() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             CmsHealthIndicator cms = unreachable(http.getLocalPort(), Duration.ofMillis(2000))) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = http.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the test is over
                }
            });
            acceptor.start();

            Health health = cms.health();

            assertThat(health.getStatus()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
            assertThat((String) health.getDetails().get("error")).contains("未发来 SSH 标识就断开了连接");
        }
    }

    @Test
    void cmsIsUpWithoutAnyConnectionInLocalMode() {
        try (CmsHealthIndicator cms = new CmsHealthIndicator(false, new CmsHealthIndicator.Login("127.0.0.1", () -> 1, "packages", "hub",
                null, null, null, true), Duration.ofSeconds(2), "hub-1", Duration.ZERO)) {

            Health health = cms.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsExactly(java.util.Map.entry("mode", "local (no CMS)"));
        }
    }

    @Test
    void financeDatabaseIsUpOnH2AndDownWithTheErrorOnceClosed() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:health-finance;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        config.setPoolName("finance");
        HikariDataSource dataSource = new HikariDataSource(config);
        try (DataSourceHealth finance = new DataSourceHealth(dataSource, FINANCE, Duration.ofSeconds(2))) {
            Health up = finance.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("database", "H2");

            dataSource.close();
            Health down = finance.health();

            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) down.getDetails().get("error")).startsWith("财政数据库出错（jdbc:h2:mem:test）：").contains("has been closed");
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsDownWithinTheTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        DataSource hanging = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        release.await();
                        throw new SQLException("released");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        try (DataSourceHealth finance = new DataSourceHealth(hanging, FINANCE, Duration.ofMillis(300))) {
            long start = System.nanoTime();
            Health first = finance.health();
            Health second = finance.health();
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(first.getStatus()).isEqualTo(Status.DOWN);
            assertThat(first.getDetails()).containsEntry("error", "财政数据库在 0.3 秒内无响应（jdbc:h2:mem:test）");
            assertThat(second.getStatus()).isEqualTo(Status.DOWN);
            assertThat(tookMs).isLessThan(2000);
        } finally {
            release.countDown();
        }
    }

    /** A fresh folder of its own for each test's server, keys and known_hosts. */
    private static Path fresh(String name) throws IOException {
        Path dir = DIR.resolve(name);
        FileSystemUtils.deleteRecursively(dir);
        return dir;
    }

    /** The embedded CMS with the hub's account only; the hub's key and known_hosts under keys/. */
    private static EmbeddedSftpServer hubOnly(Path dir) {
        return EmbeddedSftpServer.start(dir.resolve("cms"), dir.resolve("keys/host-key"), dir.resolve("keys/hub_ecdsa"),
                dir.resolve("keys/known_hosts"), "127.0.0.1", 0, "hub", List.of());
    }

    private static CmsHealthIndicator.Login login(Path dir, AtomicInteger port, String user, Path key) {
        return new CmsHealthIndicator.Login("127.0.0.1", port::get, "packages", user, null, key.toString(),
                dir.resolve("keys/known_hosts").toString(), true);
    }

    private static CmsHealthIndicator unreachable(int port, Duration timeout) {
        return new CmsHealthIndicator(true, new CmsHealthIndicator.Login("127.0.0.1", () -> port, "packages", "hub", null,
                DIR.resolve("none/hub_ecdsa").toString(), DIR.resolve("none/known_hosts").toString(), true), timeout, "hub-1", Duration.ZERO);
    }
}
