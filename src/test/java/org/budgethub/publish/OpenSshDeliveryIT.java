package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.review.AttestationRequest;
import org.budgethub.model.PackageFile;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.FinanceDatabase;

/**
 * Delivery to a real OpenSSH server (Debian's openssh-server), started by the test on a loopback
 * port with a host key and a user key it generates: the second peer, besides MINA SSHD. Review is
 * required, as in production: a version goes out when a reviewer approves it.
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
        "hub.publish.retry.delay-ms=50"})
class OpenSshDeliveryIT {

    private static final Path WORK = Path.of("target/openssh-delivery-test").toAbsolutePath();
    private static final Path ROOT = WORK.resolve("cms");
    private static Process sshd;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    org.budgethub.review.ReleaseService releases;

    private static void awaitFile(Path file, String containing) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while ((!Files.exists(file) || !Files.readString(file).contains(containing)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains(containing);
    }

    @DynamicPropertySource
    static void openSsh(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(ROOT);
        Files.createDirectories(Path.of("/run/sshd"));
        exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", WORK.resolve("host_ed25519").toString());
        exec("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", WORK.resolve("hub_key").toString());
        Files.copy(WORK.resolve("hub_key.pub"), WORK.resolve("authorized_keys"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String hostKey = Files.readString(WORK.resolve("host_ed25519.pub")).trim().split("\\s+", 3)[0] + " "
                + Files.readString(WORK.resolve("host_ed25519.pub")).trim().split("\\s+", 3)[1];
        Files.writeString(WORK.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
        Files.writeString(WORK.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + WORK.resolve("host_ed25519"),
                "PidFile " + WORK.resolve("sshd.pid"),
                "AuthorizedKeysFile " + WORK.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                "StrictModes no",
                "Subsystem sftp internal-sftp",
                // camel-ftp paths are relative to the SFTP session's start directory: make it the CMS root.
                // (A chroot would need every parent folder root-owned and not writable by others.)
                "ForceCommand internal-sftp -d " + ROOT,
                "") );
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", WORK.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(WORK.resolve("sshd.log").toFile()).start();
        awaitPort(port);
        int sshPort = port;
        registry.add("hub.cms.host", () -> "127.0.0.1");
        registry.add("hub.cms.port", () -> sshPort);
        registry.add("hub.cms.username", () -> System.getProperty("user.name"));
        registry.add("hub.cms.directory", () -> "packages");
        registry.add("hub.cms.private-key-file", () -> WORK.resolve("hub_key").toString());
        registry.add("hub.cms.known-hosts-file", () -> WORK.resolve("known_hosts").toString());
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(WORK.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sshd did not listen on " + port + ": " + Files.readString(WORK.resolve("sshd.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullPackageArrivesOnOpenSshWithMatchingChecksumsAndTheDoneMarkerLast() throws Exception {
        RunReport report = producer.requestBody("direct:run", new RunRequest(2026, "101023", "test"), RunReport.class);

        assertThat(report.failed()).isEmpty();
        Path v1 = ROOT.resolve("packages/2026/101023/v1");
        assertThat(v1).as("nothing before a reviewer approves").doesNotExist();
        releases.approve(2026, "101023", "reviewer", AttestationRequest.of("张三"));
        awaitFile(v1.resolve("package.done"), "version 1");
        awaitFile(ROOT.resolve("packages/2026/index.json"), "2026/101023/v1/");
        try (Stream<Path> files = Files.list(v1)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("appropriations.csv",
                    "datapackage.json", "disclosure.html", "disclosure.json", "disclosure.pdf", "disclosure.xlsx",
                    "manifest.json", "package.done");
        }
        JsonNode manifest = new ObjectMapper().readTree(v1.resolve("manifest.json").toFile());
        for (JsonNode f : manifest.path("files")) {
            assertThat(PackageFile.sha256(Files.readAllBytes(v1.resolve(f.path("name").asText())))).isEqualTo(f.path("sha256").asText());
        }
        FileTime done = Files.getLastModifiedTime(v1.resolve("package.done"));
        for (String name : List.of("manifest.json", "disclosure.json", "disclosure.pdf", "appropriations.csv")) {
            assertThat(Files.getLastModifiedTime(v1.resolve(name))).isLessThanOrEqualTo(done);
        }
        assertThat(Files.getLastModifiedTime(v1.resolve("disclosure.pdf"))).isLessThanOrEqualTo(Files.getLastModifiedTime(v1.resolve("manifest.json")));
    }

    @Test
    void aWithdrawalOnOpenSshLeavesTheFilesAddsItsMarkerAndRewritesTheIndex() throws Exception {
        producer.requestBody("direct:run", new RunRequest(2026, "103005", "test"), RunReport.class);
        releases.approve(2026, "103005", "reviewer", AttestationRequest.of("张三"));
        Path v1 = ROOT.resolve("packages/2026/103005/v1");
        awaitFile(v1.resolve("package.done"), "version 1");
        awaitFile(ROOT.resolve("packages/2026/index.json"), "2026/103005/v1/");

        releases.withdraw(new org.budgethub.review.ReleaseService.Withdrawal(2026, "103005", "reviewer", "测试撤回"));

        assertThat(Files.readString(v1.resolve("package.withdrawn"))).contains("测试撤回");
        assertThat(v1.resolve("disclosure.pdf")).exists();
        JsonNode index = new ObjectMapper().readTree(ROOT.resolve("packages/2026/index.json").toFile());
        assertThat(index.path("packages").findParents("code").stream().filter(p -> p.path("code").asText().equals("103005"))
                .findFirst().orElseThrow().path("withdrawn").asBoolean()).isTrue();
        try (Stream<Path> left = Files.list(ROOT.resolve("packages/2026"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left behind").noneMatch(n -> n.endsWith(".part"));
        }
    }
}
