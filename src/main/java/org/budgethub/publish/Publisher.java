package org.budgethub.publish;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Disclosure;

/**
 * The publish steps of routes/publish.camel.yaml: render the package, then either lay it out in a
 * local folder (export, preview) or claim a version in the delivery record and hand it to the
 * SFTP route, recording the outcome.
 */
public class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    public static final String FILES = "packageFiles";
    public static final String DISCLOSURE = "disclosure";
    public static final String VERSION = "packageVersion";
    public static final String MANIFEST = "packageManifest";
    public static final String FOLDER = "packageFolder";
    public static final String SKIPPED = "publishSkipped";
    public static final String LOCATION = "packageLocation";
    public static final String FORCE = "forcePublish";

    private final PackageAssembler assembler;
    private final DeliveryRecords records;
    private final java.util.function.Supplier<String> cmsLocation;
    private final Clock clock;
    private final ZoneId zone;

    /** @param cmsLocation where the CMS is, read when needed: an embedded server's port is known only once it runs */
    public Publisher(PackageAssembler assembler, DeliveryRecords records, java.util.function.Supplier<String> cmsLocation,
                     Clock clock, ZoneId zone) {
        this.assembler = assembler;
        this.records = records;
        this.cmsLocation = cmsLocation;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Renders the content files of the agency's package, once: a retried delivery reuses them.
     * State lives in exchange properties, which survive redelivery as the message does not.
     */
    public void render(Disclosure disclosure, AgencyExtract extract, Exchange exchange) {
        if (exchange.getProperty(FILES) == null) {
            exchange.setProperty(FILES, assembler.contentFiles(disclosure, extract));
        }
    }

    /**
     * Export and preview: the complete package in {@code <year>/<agency>/} of a local folder, on every
     * call; the delivery record only lends the version number of what was last delivered.
     */
    @SuppressWarnings("unchecked")
    public List<PackageFile> localPackage(Exchange exchange) {
        Disclosure d = exchange.getProperty(DISCLOSURE, Disclosure.class);
        List<PackageFile> files = new ArrayList<>(exchange.getProperty(FILES, List.class));
        int version = records.latestDelivered(d.fiscalYear(), d.agencyCode()).map(DeliveryRecords.Delivery::version).orElse(1);
        files.add(assembler.manifest(d, files, version, null, today()));
        String folder = d.fiscalYear() + "/" + d.agencyCode();
        exchange.setProperty(FOLDER, folder);
        exchange.setProperty(LOCATION, folder + "/" + "disclosure.json");
        return files;
    }

    /**
     * Delivery: claims the next version for changed content (or retakes a failed attempt); an
     * unchanged package already delivered is not sent again unless forced. Returns the files to
     * upload, manifest last, or an empty list with the reason in a header.
     */
    @SuppressWarnings("unchecked")
    public List<PackageFile> claim(Exchange exchange) {
        Disclosure d = exchange.getProperty(DISCLOSURE, Disclosure.class);
        PackageFile claimedManifest = exchange.getProperty(MANIFEST, PackageFile.class);
        if (claimedManifest != null) {
            // A retried upload: this exchange holds the claim already; the files go again, unchanged.
            List<PackageFile> again = new ArrayList<>(exchange.getProperty(FILES, List.class));
            again.add(claimedManifest);
            return again;
        }
        List<PackageFile> files = new ArrayList<>(exchange.getProperty(FILES, List.class));
        String hash = PackageAssembler.contentHash(files);
        boolean force = exchange.getMessage().getHeader(FORCE, false, Boolean.class);
        String json = new String(PackageAssembler.disclosureJson(files).content(), StandardCharsets.UTF_8);
        DeliveryRecords.Claim claim = records.claim(d.fiscalYear(), d.agencyCode(), hash, force, json);
        if (!claim.send()) {
            exchange.setProperty(SKIPPED, claim.skipReason());
            exchange.setProperty(LOCATION, "not sent: " + claim.skipReason());
            LOG.info("{} {}: not sent, {}", d.fiscalYear(), d.agencyCode(), claim.skipReason());
            return List.of();
        }
        String note = records.correctionNote(d.fiscalYear(), d.agencyCode(), claim.version());
        PackageFile manifest = assembler.manifest(d, files, claim.version(), note, today());
        files.add(manifest);
        String folder = d.fiscalYear() + "/" + d.agencyCode() + "/v" + claim.version();
        exchange.setProperty(VERSION, claim.version());
        exchange.setProperty(FOLDER, folder);
        exchange.setProperty(LOCATION, cmsLocation.get() + "/" + folder);
        exchange.setProperty(MANIFEST, manifest);
        return files;
    }

    /** The done marker, uploaded after the manifest: only then may the CMS import the package. */
    public PackageFile doneMarker(Exchange exchange) {
        return PackageAssembler.doneMarker(exchange.getProperty(MANIFEST, PackageFile.class),
                exchange.getProperty(VERSION, Integer.class));
    }

    public void delivered(Exchange exchange) {
        Disclosure d = exchange.getProperty(DISCLOSURE, Disclosure.class);
        int version = exchange.getProperty(VERSION, Integer.class);
        PackageFile manifest = exchange.getProperty(MANIFEST, PackageFile.class);
        records.delivered(d.fiscalYear(), d.agencyCode(), version, new String(manifest.content(), StandardCharsets.UTF_8));
        LOG.info("{} {}: version {} delivered to {}", d.fiscalYear(), d.agencyCode(), version, cmsLocation.get());
    }

    /** Records the failed state for the operator; the error itself goes on to the agency's failure. */
    public void failed(Exchange exchange) {
        Disclosure d = exchange.getProperty(DISCLOSURE, Disclosure.class);
        Integer version = exchange.getProperty(VERSION, Integer.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (d != null && version != null) {
            records.failed(d.fiscalYear(), d.agencyCode(), version, DeliveryErrors.explain(cause));
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
