package org.budgethub.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.publish.CmsProperties;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.EmbeddedSftpServer;
import org.budgethub.publish.PackageAssembler;
import org.budgethub.publish.Publisher;
import org.budgethub.render.CjkFont;
import org.budgethub.render.PdfRenderer;

/**
 * Wires the render and publish stages (bean names {@code packageAssembler}, {@code publisher}),
 * the delivery record and, for the demo, the embedded CMS.
 */
@Configuration(proxyBeanMethods = false)
public class PublishConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PublishConfiguration.class);

    /**
     * The PDF needs a TrueType CJK font. Without one the hub refuses to start (a PDF of boxes must
     * never reach the website); the export command, a local preview, may go on without the PDF.
     * The renderer reads the font once, here. An unchanged disclosure reuses the renderings kept
     * with its newest version in the delivery record.
     */
    @Bean
    PackageAssembler packageAssembler(HubProperties hub, DeliveryRecords records, ConfigurableEnvironment environment) {
        // hub.render.pdf=false: packages without a PDF (the benchmark's --no-pdf measures the rest).
        if (!environment.getProperty("hub.render.pdf", Boolean.class, true)) {
            LOG.info("hub.render.pdf is false: the packages will have no PDF.");
            return new PackageAssembler(null, hub.cms().metadata(), PackageAssembler.StoredPackages.of(records));
        }
        PdfRenderer pdf;
        try {
            pdf = new PdfRenderer(CjkFont.find(hub.render().font()));
        } catch (IllegalStateException e) {
            if (hub.render().requireFont()) {
                throw e;
            }
            LOG.warn("{} The packages will have no PDF.", e.getMessage());
            pdf = null;
        }
        return new PackageAssembler(pdf, hub.cms().metadata(), PackageAssembler.StoredPackages.of(records));
    }

    @Bean
    DeliveryRecords deliveryRecords(JdbcTemplate jdbc, HubProperties hub, HubInstance instance) {
        return new DeliveryRecords(jdbc, hub.publish().staleAfter(), Clock.systemUTC(), instance.id(), ZoneId.of(hub.publish().zone()));
    }

    @Bean
    Publisher publisher(PackageAssembler assembler, DeliveryRecords records, HubProperties hub, ConfigurableEnvironment environment) {
        CmsProperties cms = hub.cms();
        return new Publisher(assembler, records, () -> "sftp://" + cms.username() + "@" + cms.host() + ":"
                + environment.getProperty("hub.cms.port") + "/" + cms.directory(), Path.of(hub.publish().dir()), hub.publish().reviewRequired()
                && hub.publish().toCms(), Clock.systemUTC(), ZoneId.of(hub.publish().zone()));
    }

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
        LOG.info("Embedded CMS (SFTP) listening on {}:{}, packages land in {}", cms.host(), server.port(),
                server.root().resolve(cms.directory()).toAbsolutePath().normalize());
        LOG.info("Website team's read-only SFTP account: sftp -i {} -o UserKnownHostsFile={} -P {} {}@{}",
                website.privateKey().toAbsolutePath().normalize(), website.knownHosts().toAbsolutePath().normalize(), server.port(),
                website.username(), cms.host());
        return server;
    }
}
