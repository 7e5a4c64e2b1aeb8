package org.budgethub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded CMS's website account as the website team meets it, through OpenSSH's own
 * {@code sftp} client: it lists and downloads; it cannot change a mode, write, rename, delete or make
 * a folder (each refused with "Permission denied", the files unchanged). The hub's account on the same
 * server still writes.
 */
class WebsiteAccountSftpIT {

    static final Path WORK = Path.of("target/website-account-sftp-it").toAbsolutePath();
    static final Path ROOT = WORK.resolve("cms");
    static final Path PACKAGE = ROOT.resolve("packages/2026/102");
    static EmbeddedSftpServer server;

    @BeforeAll
    static void start() throws IOException {
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(PACKAGE);
        Files.writeString(PACKAGE.resolve("disclosure.json"), "{\"agency\":\"102\"}");
        Files.writeString(WORK.resolve("upload.txt"), "not for the website");
        server = EmbeddedSftpServer.start(ROOT, WORK.resolve("keys/host-key"), WORK.resolve("keys/hub_ecdsa"),
                WORK.resolve("keys/known_hosts"), "127.0.0.1", 0, "hub", List.of(),
                new EmbeddedSftpServer.ReadOnlyAccount("website", WORK.resolve("keys/website_ecdsa"), WORK.resolve("keys/website_known_hosts")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theWebsiteAccountListsAndDownloads() throws Exception {
        Sftp ls = website("ls -l packages/2026/102", "get packages/2026/102/disclosure.json " + WORK.resolve("downloaded.json"));
        assertThat(ls.exit).as(ls.output).isZero();
        assertThat(ls.output).contains("disclosure.json");
        assertThat(Files.readString(WORK.resolve("downloaded.json"))).isEqualTo("{\"agency\":\"102\"}");
    }

    @Test
    void theWebsiteAccountChangesNothing() throws Exception {
        String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(PACKAGE));
        String fileBefore = PosixFilePermissions.toString(Files.getPosixFilePermissions(PACKAGE.resolve("disclosure.json")));
        for (String command : List.of(
                "chmod 000 packages/2026/102",
                "chmod 000 packages/2026/102/disclosure.json",
                "chown 0 packages/2026/102/disclosure.json",
                "chgrp 0 packages/2026/102/disclosure.json",
                "put " + WORK.resolve("upload.txt") + " packages/2026/102/upload.txt",
                "put " + WORK.resolve("upload.txt") + " packages/2026/102/disclosure.json",
                "rename packages/2026/102/disclosure.json packages/2026/102/moved.json",
                "rm packages/2026/102/disclosure.json",
                "mkdir packages/2026/103",
                "rmdir packages/2026/102",
                "symlink packages/2026/102/disclosure.json packages/2026/link.json",
                "ln packages/2026/102/disclosure.json packages/2026/hard.json")) {
            Sftp refused = website(command);
            assertThat(refused.exit).as(command + ": " + refused.output).isNotZero();
            assertThat(refused.output).as(command).containsIgnoringCase("Permission denied");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PACKAGE))).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PACKAGE.resolve("disclosure.json")))).isEqualTo(fileBefore);
        assertThat(Files.readString(PACKAGE.resolve("disclosure.json"))).isEqualTo("{\"agency\":\"102\"}");
        try (var files = Files.list(PACKAGE)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("disclosure.json");
        }
        assertThat(ROOT.resolve("packages/2026/103")).doesNotExist();
        assertThat(ROOT.resolve("packages/2026/link.json")).doesNotExist();
        assertThat(ROOT.resolve("packages/2026/hard.json")).doesNotExist();
    }

    @Test
    void theHubsAccountStillWrites() throws Exception {
        Sftp hub = sftp("hub", WORK.resolve("keys/hub_ecdsa"), WORK.resolve("keys/known_hosts"),
                "mkdir packages/2026/104", "put " + WORK.resolve("upload.txt") + " packages/2026/104/upload.txt",
                "chmod 640 packages/2026/104/upload.txt");
        assertThat(hub.exit).as(hub.output).isZero();
        assertThat(Files.readString(ROOT.resolve("packages/2026/104/upload.txt"))).isEqualTo("not for the website");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ROOT.resolve("packages/2026/104/upload.txt"))))
                .isEqualTo("rw-r-----");
    }

    record Sftp(int exit, String output) {
    }

    private static Sftp website(String... commands) throws Exception {
        return sftp("website", WORK.resolve("keys/website_ecdsa"), WORK.resolve("keys/website_known_hosts"), commands);
    }

    /** One batch of the real client: it stops at the first refused command and exits non-zero. */
    private static Sftp sftp(String user, Path key, Path knownHosts, String... commands) throws Exception {
        Path batch = Files.createTempFile(WORK, "batch", ".txt");
        Files.writeString(batch, String.join("\n", commands) + "\n");
        List<String> command = new ArrayList<>(List.of("/usr/bin/sftp", "-b", batch.toString(), "-P", String.valueOf(server.port()),
                "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                user + "@127.0.0.1"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(WORK.toFile()).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Sftp(process.exitValue(), output);
    }
}
