package org.budgethub.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import org.budgethub.config.CmsProperties;
import org.budgethub.config.HubProperties;

/** The demo's CMS ({@code hub.cms.embedded.enabled}): an SFTP server on localhost whose root is a local folder. */
@Configuration(proxyBeanMethods = false)
class DemoCmsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCmsConfiguration.class);

    /** The demo's CMS: an SFTP server on localhost whose root is a local folder. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.cms.embedded.enabled", havingValue = "true")
    EmbeddedSftpServer embeddedCms(HubProperties hub, ConfigurableEnvironment environment) {
        CmsProperties cms = hub.cms();
        Path keys = Path.of(cms.embedded().keysDir());
        // The website team's own read-only account: its key and known_hosts file beside the hub's.
        EmbeddedSftpServer.ReadOnlyAccount website = new EmbeddedSftpServer.ReadOnlyAccount(cms.embedded().websiteUser(),
                keys.resolve(cms.embedded().websiteUser() + "_ecdsa"), keys.resolve(cms.embedded().websiteUser() + "_known_hosts"));
        EmbeddedSftpServer server = EmbeddedSftpServer.start(Path.of(cms.embedded().root()),
                keys.resolve("host-key"), Path.of(cms.privateKeyFile()), Path.of(cms.knownHostsFile()),
                cms.host(), cms.port(), cms.username(), List.of(), website);
        // Port 0 picks a free port: the routes' {{hub.cms.port}} must then name the one taken.
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedCms", Map.of("hub.cms.port", server.port())));
        LOG.info("内置 CMS（SFTP）已在 {}:{} 监听，发布包存放在 {}", cms.host(), server.port(),
                server.root().resolve(cms.directory()).toAbsolutePath().normalize());
        LOG.info("网站团队的只读 SFTP 账户：sftp -i {} -o UserKnownHostsFile={} -P {} {}@{}",
                website.privateKey().toAbsolutePath().normalize(), website.knownHosts().toAbsolutePath().normalize(), server.port(),
                website.username(), cms.host());
        return server;
    }
}
