package org.budgethub.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.Publisher;
import org.budgethub.render.CjkFont;
import org.budgethub.render.PackageAssembler;
import org.budgethub.render.PdfRenderer;

/**
 * Wires the render and publish stages (bean names {@code packageAssembler}, {@code publisher}),
 * and the delivery record. (The demo's embedded CMS: {@code demo.DemoCmsConfiguration}.)
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PublishConfiguration.class);

    /**
     * The PDF needs a TrueType CJK font. Without one the hub refuses to start (a PDF of boxes must
     * never reach the website); the export command, a local preview, may go on without the PDF.
     * The renderer reads the font once, here. An unchanged disclosure reuses the renderings kept
     * with its newest version in the delivery record.
     */
    @Bean
    PackageAssembler packageAssembler(HubProperties hub, DeliveryRecords records) {
        // hub.render.pdf=false: packages without a PDF (the benchmark's --no-pdf measures the rest).
        if (!hub.render().pdf()) {
            LOG.info("hub.render.pdf 为 false：发布包不含 PDF");
            return new PackageAssembler(null, hub.cms().metadata(), records.storedPackages());
        }
        PdfRenderer pdf;
        try {
            pdf = new PdfRenderer(CjkFont.find(hub.render().font()));
        } catch (IllegalStateException e) {
            if (hub.render().requireFont()) {
                throw e;
            }
            LOG.warn("PDF 字体不可用，发布包不含 PDF：{}", e.getMessage());
            pdf = null;
        }
        return new PackageAssembler(pdf, hub.cms().metadata(), records.storedPackages());
    }

    @Bean
    DeliveryRecords deliveryRecords(JdbcTemplate jdbc, HubProperties hub, HubInstance instance) {
        return new DeliveryRecords(jdbc, hub.publish().staleAfter(), Clock.systemUTC(), instance.id(), ZoneId.of(hub.publish().zone()));
    }

    /** The destination names the port the routes use ({@link CmsPort}), asked when a delivery is recorded. */
    @Bean
    Publisher publisher(PackageAssembler assembler, DeliveryRecords records, HubProperties hub, Environment environment) {
        CmsProperties cms = hub.cms();
        IntSupplier port = CmsPort.live(environment, cms);
        return new Publisher(assembler, records, () -> "sftp://" + cms.username() + "@" + cms.host() + ":" + port.getAsInt() + "/" + cms.directory(), Path.of(hub.publish().dir()),
                hub.publish().reviewRequired() && hub.publish().toCms(), Clock.systemUTC(), ZoneId.of(hub.publish().zone()),
                hub.publish().printAttestations());
    }
}
