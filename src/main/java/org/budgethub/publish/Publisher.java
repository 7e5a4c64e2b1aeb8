package org.budgethub.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.util.FileSystemUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.AgencyWork.PackageVersion;
import org.budgethub.model.Disclosure;
import org.budgethub.model.PackageFile;
import org.budgethub.render.PackageLayout;

/**
 * The publish stage of routes/publish.camel.yaml: lay the rendered package out in a local folder
 * (export, preview), or claim a version in the delivery record, hand the files to the SFTP route
 * and record the outcome.
 */
public class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final PackageAssembler assembler;
    private final DeliveryRecords records;
    private final Supplier<String> cmsLocation;
    private final Path localDir;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param cmsLocation where the CMS is, read when needed: an embedded server's port is known only once it runs
     * @param localDir    where local packages go ({@code hub.publish.dir})
     */
    public Publisher(PackageAssembler assembler, DeliveryRecords records, Supplier<String> cmsLocation, Path localDir,
                     Clock clock, ZoneId zone) {
        this.assembler = assembler;
        this.records = records;
        this.cmsLocation = cmsLocation;
        this.localDir = localDir;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Export and preview: the complete package in {@code <year>/<agency>/} of a local folder, on every
     * call; the delivery record only lends the version number of what was last delivered. The files
     * go to a staging folder first ({@link #commitLocal} moves it into place), so a package folder
     * is always whole: a run that dies while writing leaves the previous one, or none.
     */
    public List<PackageFile> localPackage(AgencyWork work) {
        Disclosure d = work.disclosure();
        List<PackageFile> files = new ArrayList<>(work.files());
        int version = records.latestDelivered(d.fiscalYear(), d.agencyCode()).map(DeliveryRecords.Delivery::version).orElse(1);
        PackageFile manifest = assembler.manifest(d, files, version, null, today());
        files.add(manifest);
        String staging = PackageLayout.stagingFolder(work.id());
        deleteFolder(localDir.resolve(staging));
        work.setVersion(new PackageVersion(version, staging, PackageLayout.folder(work.id()), manifest));
        return files;
    }

    /** Moves the written staging folder to {@code <year>/<agency>/}, replacing the package that was there. */
    public void commitLocal(AgencyWork work) {
        Path staging = localDir.resolve(work.version().folder());
        Path target = localDir.resolve(work.version().location());
        Path old = localDir.resolve(PackageLayout.replacedFolder(work.id()));
        try {
            deleteFolder(old);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            deleteFolder(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the package into " + target, e);
        }
        work.setOutcome(work.version().location() + "/" + PackageLayout.DISCLOSURE_JSON);
    }

    private static void deleteFolder(Path folder) {
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder, e);
        }
    }

    /**
     * Delivery: claims the next version for changed content (or retakes a failed attempt); an
     * unchanged package already delivered is not sent again unless forced. Returns the files to
     * upload, manifest last, or an empty list with the reason as the work's outcome.
     */
    public List<PackageFile> claim(AgencyWork work) {
        List<PackageFile> files = new ArrayList<>(work.files());
        if (work.version() != null) {
            // A retried upload: this work holds the claim already; the files go again, unchanged.
            files.add(work.version().manifest());
            return files;
        }
        Disclosure d = work.disclosure();
        String json = new String(PackageAssembler.disclosureJson(files).content(), StandardCharsets.UTF_8);
        DeliveryRecords.Claim claim = records.claim(d.fiscalYear(), d.agencyCode(), PackageAssembler.contentHash(files), work.force(), json);
        if (!claim.send()) {
            work.setOutcome(AgencyWork.NOT_SENT + claim.skipReason());
            LOG.info("{} {}: not sent, {}", d.fiscalYear(), d.agencyCode(), claim.skipReason());
            return List.of();
        }
        String note = records.correctionNote(d.fiscalYear(), d.agencyCode(), claim.version());
        PackageFile manifest = assembler.manifest(d, files, claim.version(), note, today());
        files.add(manifest);
        String folder = PackageLayout.versionFolder(work.id(), claim.version());
        work.setVersion(new PackageVersion(claim.version(), folder, cmsLocation.get() + "/" + folder, manifest));
        return files;
    }

    /** The done marker, uploaded after the manifest: only then may the CMS import the package. */
    public PackageFile doneMarker(AgencyWork work) {
        return PackageAssembler.doneMarker(work.version().manifest(), work.version().version());
    }

    public void delivered(AgencyWork work) {
        PackageVersion v = work.version();
        records.delivered(work.year(), work.agency(), v.version(), new String(v.manifest().content(), StandardCharsets.UTF_8));
        work.setOutcome(v.location());
        LOG.info("{} {}: version {} delivered to {}", work.year(), work.agency(), v.version(), cmsLocation.get());
    }

    /** Records a claimed version that could not be delivered, for the operator and the next run. */
    public void failed(AgencyWork work, String reason) {
        if (work.version() != null && work.outcome() == null) {
            records.failed(work.year(), work.agency(), work.version().version(), reason);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
