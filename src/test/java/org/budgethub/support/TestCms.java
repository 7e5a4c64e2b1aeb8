package org.budgethub.support;

import java.nio.file.Path;
import java.util.List;

import org.apache.sshd.sftp.server.SftpEventListener;
import org.springframework.test.context.DynamicPropertyRegistry;

import org.budgethub.demo.EmbeddedSftpServer;

/**
 * The CMS of a delivery test: an embedded SFTP server (Apache MINA SSHD) in {@code work/cms}, its
 * keys in {@code work/keys}, and the hub pointed at it, with its own database on PostgreSQL.
 */
public final class TestCms {

    private TestCms() {
    }

    /** Starts the server on a free port and registers where it is, and the hub database. */
    public static EmbeddedSftpServer start(Path work, DynamicPropertyRegistry registry, List<SftpEventListener> listeners,
                                           EmbeddedSftpServer.ReadOnlyAccount website) {
        EmbeddedSftpServer server = EmbeddedSftpServer.start(work.resolve("cms"), work.resolve("keys/host-key"),
                work.resolve("keys/hub_ecdsa"), work.resolve("keys/known_hosts"), "127.0.0.1", 0, "hub", listeners, website);
        point(work, registry, server::port);
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        return server;
    }

    /** Points the hub at a CMS on 127.0.0.1 whose keys are in {@code work/keys}. */
    public static void point(Path work, DynamicPropertyRegistry registry, java.util.function.Supplier<Object> port) {
        registry.add("hub.cms.host", () -> "127.0.0.1");
        registry.add("hub.cms.port", port);
        registry.add("hub.cms.directory", () -> "packages");
        registry.add("hub.cms.private-key-file", () -> work.resolve("keys/hub_ecdsa").toString());
        registry.add("hub.cms.known-hosts-file", () -> work.resolve("keys/known_hosts").toString());
    }
}
