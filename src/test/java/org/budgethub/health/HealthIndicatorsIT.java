package org.budgethub.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

import org.budgethub.demo.EmbeddedSftpServer;

class HealthIndicatorsIT {

    private static final FailureExplainer.Database FINANCE = new FailureExplainer.Database("财政数据库", "jdbc:h2:mem:test", 2000, 2000);

    private static final Path DIR = Path.of("target/health-indicators-test");

    @Test
    void cmsIsUpWithTheBannerOfARealSftpServerWhosePortIsPublishedAfterStart() {
        MockEnvironment env = new MockEnvironment().withProperty("hub.publish.mode", "sftp").withProperty("hub.cms.host", "127.0.0.1")
                .withProperty("hub.cms.port", "0");
        CmsHealthIndicator cms = new CmsHealthIndicator(env);
        try (EmbeddedSftpServer server = EmbeddedSftpServer.start(DIR.resolve("cms"), DIR.resolve("keys/host-key"),
                DIR.resolve("keys/hub_ecdsa"), DIR.resolve("keys/known_hosts"), "127.0.0.1", 0, "hub", List.of())) {
            // As PublishConfiguration.embeddedCms does: the real port reaches the Environment after the start.
            env.setProperty("hub.cms.port", Integer.toString(server.port()));

            Health health = cms.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("host", "127.0.0.1").containsEntry("port", server.port());
            assertThat((String) health.getDetails().get("banner")).startsWith("SSH-2.0-");
        }
    }

    @Test
    void cmsIsDownWithTheReasonWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CmsHealthIndicator cms = new CmsHealthIndicator(sftp(port).withProperty("hub.cms.health-timeout-ms", "1000"));

        Health health = cms.health();

        assertThat(health.getStatus()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
        assertThat(health.getDetails()).containsEntry("host", "127.0.0.1").containsEntry("port", Integer.toString(port));
        assertThat((String) health.getDetails().get("error")).startsWith("无法连接网站 CMS 服务器：").containsIgnoringCase("refused");
    }

    @Test
    void cmsIsDownWhenTheServerSaysNothingWithinTheTimeout() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    done.await();
                } catch (Exception e) {
                    // the test is over
                }
            });
            acceptor.start();
            CmsHealthIndicator cms = new CmsHealthIndicator(sftp(silent.getLocalPort()).withProperty("hub.cms.health-timeout-ms", "300"));

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
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = http.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the test is over
                }
            });
            acceptor.start();

            Health health = new CmsHealthIndicator(sftp(http.getLocalPort())).health();

            assertThat(health.getStatus()).isEqualTo(CmsHealthIndicator.CMS_DOWN);
            assertThat((String) health.getDetails().get("error")).contains("未发来 SSH 标识就断开了连接");
        }
    }

    @Test
    void cmsIsUpWithoutAnyConnectionInLocalMode() {
        Health health = new CmsHealthIndicator(new MockEnvironment().withProperty("hub.publish.mode", "local")
                .withProperty("hub.cms.port", "1")).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsExactly(java.util.Map.entry("mode", "local (no CMS)"));
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

    private static MockEnvironment sftp(int port) {
        return new MockEnvironment().withProperty("hub.publish.mode", "sftp").withProperty("hub.cms.host", "127.0.0.1")
                .withProperty("hub.cms.port", Integer.toString(port));
    }
}
