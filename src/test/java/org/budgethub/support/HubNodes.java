package org.budgethub.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.sftp.server.SftpEventListener;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.budgethub.HubApplication;
import org.budgethub.demo.EmbeddedSftpServer;

/**
 * Whole hub instances for operations tests: each a Spring context of its own on a shared hub
 * database (a real PostgreSQL) delivering to one SFTP server, as two nodes of a cluster would.
 */
public final class HubNodes implements AutoCloseable {

    private final Path work;
    private final String hubDatabaseUrl;
    private final EmbeddedSftpServer cms;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    public HubNodes(Path work, List<SftpEventListener> listeners) {
        this.work = work.toAbsolutePath();
        try {
            org.springframework.util.FileSystemUtils.deleteRecursively(this.work);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.hubDatabaseUrl = FinanceDatabase.empty().jdbcUrl();
        this.cms = EmbeddedSftpServer.start(this.work.resolve("cms"), this.work.resolve("keys/host-key"),
                this.work.resolve("keys/hub_ecdsa"), this.work.resolve("keys/known_hosts"), "127.0.0.1", 0, "hub", listeners);
    }

    /** Starts a hub instance named {@code instance} with these extra properties. */
    public ConfigurableApplicationContext start(String instance, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hub.instance-id", instance);
        p.put("hub.demo.export-on-start", "false");
        p.put("hub.console.demo-users", "false");
        p.put("hub.schedule.enabled", "false");
        p.put("hub.run.departments", "none");
        p.put("hub.publish.review", "none");
        p.put("hub.publish.mode", "sftp");
        p.put("hub.publish.retry.max-redeliveries", "1");
        p.put("hub.publish.retry.delay-ms", "50");
        p.put("hub.cms.embedded.enabled", "false");
        p.put("hub.cms.host", "127.0.0.1");
        p.put("hub.cms.port", Integer.toString(cms.port()));
        p.put("hub.cms.directory", "packages");
        p.put("hub.cms.private-key-file", work.resolve("keys/hub_ecdsa").toString());
        p.put("hub.cms.known-hosts-file", work.resolve("keys/known_hosts").toString());
        p.put("spring.datasource.url", hubDatabaseUrl);
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("camel.main.shutdown-timeout", "2");
        p.putAll(extra);
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HubApplication.class)
                .web(WebApplicationType.NONE).run(args);
        nodes.add(context);
        return context;
    }

    public Path cmsRoot() {
        return work.resolve("cms/packages");
    }

    @Override
    public void close() {
        nodes.forEach(c -> {
            if (c.isActive()) {
                c.close();
            }
        });
        cms.close();
    }
}
