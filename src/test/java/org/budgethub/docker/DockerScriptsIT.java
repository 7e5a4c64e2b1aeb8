package org.budgethub.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The docker demo's scripts, run here as their containers run them, against folders of the test:
 * the keys service's docker/keys/init-keys.sh (with sh, as the container does, and bash), the CMS's
 * sshd_config (through {@code sshd -T}, the effective settings per account) and the hub image's
 * health check docker/hub/healthcheck.sh (against a small HTTP server). ssh-keygen and sshd come
 * from Debian's openssh packages, which the tests need anyway.
 */
class DockerScriptsIT {

    private static final Path WORK = Path.of("target/docker-scripts-test").toAbsolutePath();
    private static final String HOST_NAMES = "cms,[localhost]:2222,[127.0.0.1]:2222";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private Path hub;
    private Path cms;
    private Path website;
    private Path packages;

    @BeforeEach
    void freshFolders() throws IOException {
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        hub = WORK.resolve("keys/hub");
        cms = WORK.resolve("keys/cms");
        website = WORK.resolve("keys/website");
        packages = WORK.resolve("cms/packages");
    }

    @Test
    void theKeysScriptMakesEveryKeyAKnownHostsLineForTheHostKeyAndTheRightPermissions() throws Exception {
        String output = keys("sh");

        assertThat(output).contains("已生成密钥", "密钥就绪");
        for (Path key : List.of(cms.resolve("ssh_host_ecdsa_key"), hub.resolve("hub_ecdsa"), website.resolve("website_ecdsa"))) {
            assertThat(mode(key)).as(key.toString()).isEqualTo("rw-------");
            assertThat(mode(Path.of(key + ".pub"))).isEqualTo("rw-r--r--");
            // The private key is whole and belongs to its public half (ssh-keygen -y derives the public key from it).
            assertThat(typeAndBlob(exec("ssh-keygen", "-y", "-f", key.toString()))).isEqualTo(typeAndBlob(Files.readString(Path.of(key + ".pub"))));
            assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
            assertThat(Files.readString(Path.of(key + ".pub"))).startsWith("ecdsa-sha2-nistp256 ");
        }
        String hostKey = typeAndBlob(Files.readString(cms.resolve("ssh_host_ecdsa_key.pub")));
        assertThat(Files.readString(hub.resolve("known_hosts"))).isEqualTo(HOST_NAMES + " " + hostKey + "\n");
        assertThat(Files.readString(website.resolve("known_hosts"))).isEqualTo(Files.readString(hub.resolve("known_hosts")));
        // OpenSSH finds the host key under each name the hub and the website team use.
        for (String name : List.of("cms", "[localhost]:2222", "[127.0.0.1]:2222")) {
            assertThat(exec("ssh-keygen", "-F", name, "-f", hub.resolve("known_hosts").toString())).as(name).contains(hostKey);
        }
        assertThat(Files.readString(cms.resolve("authorized_keys/hub"))).isEqualTo(Files.readString(hub.resolve("hub_ecdsa.pub")));
        assertThat(Files.readString(cms.resolve("authorized_keys/website"))).isEqualTo(Files.readString(website.resolve("website_ecdsa.pub")));
        for (Path folder : List.of(hub, cms, cms.resolve("authorized_keys"), website, packages)) {
            assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwxr-xr-x");
        }
        for (Path file : List.of(hub.resolve("known_hosts"), cms.resolve("authorized_keys/hub"), cms.resolve("authorized_keys/website"))) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-r--r--");
        }
        if (ROOT) {
            // The hub image's user reads its key; the CMS's hub account may write to the packages folder.
            assertThat(Files.getAttribute(hub.resolve("hub_ecdsa"), "unix:uid")).isEqualTo(10001);
            assertThat(Files.getAttribute(packages, "unix:uid")).isEqualTo(1001);
            assertThat(Files.getAttribute(cms.resolve("ssh_host_ecdsa_key"), "unix:uid")).isEqualTo(0);
        }
    }

    @Test
    void aSecondRunChangesNothingAndALostKnownHostsLineComesBackTheSame() throws Exception {
        keys("sh");
        Map<String, String> first = snapshot();

        String again = keys("bash");

        assertThat(again).doesNotContain("已生成", "已写入").contains("密钥就绪");
        assertThat(snapshot()).isEqualTo(first);

        String knownHosts = Files.readString(hub.resolve("known_hosts"));
        Files.delete(hub.resolve("known_hosts"));
        keys("sh");
        assertThat(Files.readString(hub.resolve("known_hosts"))).as("the host key is kept: the same line").isEqualTo(knownHosts);
    }

    @Test
    void theCmsLetsTheHubWriteAndTheWebsiteTeamOnlyReadSftpAndNothingElse() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "no /usr/sbin/sshd (apt-get install openssh-server)");
        keys("sh");
        // The image's config with the key folder of this test in place of the cms-keys volume.
        Path config = WORK.resolve("sshd_config");
        Files.writeString(config, Files.readString(Path.of("docker/cms/sshd_config")).replace("/etc/ssh/cms-keys", cms.toString()));

        String hubSettings = exec("/usr/sbin/sshd", "-T", "-f", config.toString(), "-C", "user=hub,host=website.example,addr=192.0.2.1");
        String websiteSettings = exec("/usr/sbin/sshd", "-T", "-f", config.toString(), "-C", "user=website,host=website.example,addr=192.0.2.1");

        assertThat(hubSettings).contains("forcecommand internal-sftp -d / -u 022", "chrootdirectory /srv/cms",
                "hostkey " + cms.resolve("ssh_host_ecdsa_key"), "authorizedkeysfile " + cms.resolve("authorized_keys") + "/%u",
                "passwordauthentication no", "permitrootlogin no", "allowusers hub", "allowusers website", "allowtcpforwarding no");
        assertThat(websiteSettings).contains("forcecommand internal-sftp -R -d /packages", "chrootdirectory /srv/cms");
        // The image's packages folder is where the hub's "packages" lands: /srv/cms (chroot) + packages.
        assertThat(Files.readString(Path.of("docker/cms/Dockerfile"))).contains("mkdir -p /srv/cms/packages");
    }

    @Test
    void theHubsHealthCheckIsHealthyOnA200FromReadinessOnly() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int status = exchange.getRequestURI().getPath().equals("/actuator/health/readiness") ? 200 : 503;
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String port = Integer.toString(server.getAddress().getPort());

            assertThat(healthCheck(port).exit()).isZero();
            Result down = healthCheck(port, "/actuator/health/cms");
            assertThat(down.exit()).isEqualTo(1);
            assertThat(down.output()).contains("中枢未就绪：/actuator/health/cms 应答 HTTP/1.1 503");
        } finally {
            server.stop(0);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(healthCheck(Integer.toString(closed)).exit()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------

    /** Runs the keys script with {@code shell} on this test's folders, as the keys service runs it. */
    private String keys(String shell) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(shell, "docker/keys/init-keys.sh").redirectErrorStream(true);
        builder.environment().putAll(Map.of("HUB_KEYS", hub.toString(), "CMS_KEYS", cms.toString(), "WEBSITE_KEYS", website.toString(),
                "CMS_PACKAGES", packages.toString(), "CMS_HOST_NAMES", HOST_NAMES, "HUB_UID", "10001", "CMS_HUB_UID", "1001"));
        Result result = finish(builder.start(), shell + " docker/keys/init-keys.sh");
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output();
    }

    /** Every file and folder under the test's folders: content, permissions, owner and both times. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> all = Files.walk(WORK)) {
            for (Path p : all.toList()) {
                Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
                String content = Files.isRegularFile(p)
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) : "";
                state.put(WORK.relativize(p).toString(), new TreeMap<>(unix) + " " + content);
            }
        }
        return state;
    }

    private Result healthCheck(String port, String... path) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", "docker/hub/healthcheck.sh"), Stream.of(path)).toList())
                .redirectErrorStream(true);
        builder.environment().put("HUB_HEALTH_PORT", port);
        return finish(builder.start(), "docker/hub/healthcheck.sh");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** "type base64" of a public key line, without its comment. */
    private static String typeAndBlob(String publicKeyLine) {
        String[] parts = publicKeyLine.trim().split("\\s+");
        return parts[0] + " " + parts[1];
    }

    private static String exec(String... command) throws Exception {
        Result result = finish(new ProcessBuilder(command).redirectErrorStream(true).start(), String.join(" ", command));
        assertThat(result.exit()).as(String.join(" ", command) + ": " + result.output()).isZero();
        return result.output();
    }

    private record Result(int exit, String output) {
    }

    private static Result finish(Process process, String what) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(what).isTrue();
        return new Result(process.exitValue(), output);
    }
}
