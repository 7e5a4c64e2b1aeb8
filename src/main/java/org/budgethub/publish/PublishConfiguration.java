package org.budgethub.publish;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import org.budgethub.render.CjkFont;
import org.budgethub.render.PdfRenderer;

/** Wires package rendering, the delivery record and, for the demo, the embedded CMS. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CmsProperties.class)
public class PublishConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PublishConfiguration.class);

    /**
     * The PDF needs a TrueType CJK font. Without one the hub refuses to start (a PDF of boxes must
     * never reach the website); the export command, a local preview, may go on without the PDF.
     */
    @Bean
    PackageAssembler packageAssembler(CmsProperties cms, @Value("${hub.render.font:}") String font,
                                      @Value("${hub.render.require-font:true}") boolean requireFont) {
        PdfRenderer pdf;
        try {
            pdf = new PdfRenderer(CjkFont.find(font));
        } catch (IllegalStateException e) {
            if (requireFont) {
                throw e;
            }
            LOG.warn("{} The packages will have no PDF.", e.getMessage());
            pdf = null;
        }
        return new PackageAssembler(pdf, cms.getMetadata());
    }

    @Bean
    Publisher publisher(PackageAssembler assembler, DeliveryRecords records, CmsProperties cms, ConfigurableEnvironment environment,
                        @Value("${hub.publish.zone:Asia/Shanghai}") String zone) {
        return new Publisher(assembler, records, () -> "sftp://" + cms.getUsername() + "@" + cms.getHost() + ":"
                + environment.getProperty("hub.cms.port") + "/" + cms.getDirectory(), Clock.systemUTC(), ZoneId.of(zone));
    }

    /** The demo's CMS: an SFTP server on localhost whose root is a local folder. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.cms.embedded.enabled", havingValue = "true")
    EmbeddedSftpServer embeddedCms(CmsProperties cms, ConfigurableEnvironment environment) {
        Path keys = Path.of(cms.getEmbedded().getKeysDir());
        EmbeddedSftpServer server = EmbeddedSftpServer.start(Path.of(cms.getEmbedded().getRoot()),
                keys.resolve("host-key"), Path.of(cms.getPrivateKeyFile()), Path.of(cms.getKnownHostsFile()),
                cms.getHost(), cms.getPort(), cms.getUsername(), List.of());
        // Port 0 picks a free port: the routes' {{hub.cms.port}} must then name the one taken.
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedCms", Map.of("hub.cms.port", server.port())));
        LOG.info("Embedded CMS (SFTP) listening on {}:{}, packages land in {}", cms.getHost(), server.port(),
                server.root().resolve(cms.getDirectory()).toAbsolutePath().normalize());
        return server;
    }
}
