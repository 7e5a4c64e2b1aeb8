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
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import org.budgethub.model.AgencyWork.PackageVersion;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.Attestation;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;
import org.budgethub.render.PackageAssembler;
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
    private final boolean review;
    private final Clock clock;
    private final ZoneId zone;
    private final boolean printAttestations;

    /** A publisher that does not print attestations into the packages ({@code hub.publish.print-attestations: false}). */
    public Publisher(PackageAssembler assembler, DeliveryRecords records, Supplier<String> cmsLocation, Path localDir,
                     boolean review, Clock clock, ZoneId zone) {
        this(assembler, records, cmsLocation, localDir, review, clock, zone, false);
    }

    /**
     * @param cmsLocation       where the CMS is, read when needed: an embedded server's port is known only once it runs
     * @param localDir          where local packages go ({@code hub.publish.dir})
     * @param review            whether a person approves each version before it goes to the CMS (先审后发)
     * @param printAttestations whether an approval's attestations are printed under the 说明's title ({@code hub.publish.print-attestations})
     */
    public Publisher(PackageAssembler assembler, DeliveryRecords records, Supplier<String> cmsLocation, Path localDir,
                     boolean review, Clock clock, ZoneId zone, boolean printAttestations) {
        this.assembler = assembler;
        this.records = records;
        this.cmsLocation = cmsLocation;
        this.localDir = localDir;
        this.review = review;
        this.clock = clock;
        this.zone = zone;
        this.printAttestations = printAttestations;
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
        work.sent(work.version().location() + "/" + PackageLayout.DISCLOSURE_JSON);
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
     * unchanged package already delivered is not sent again unless forced. The version's files are
     * kept with its record. With review required it then waits for a reviewer (the work's outcome
     * says so); without, it returns the files to upload, manifest last. An empty list otherwise,
     * with the reason as the work's outcome.
     */
    public List<PackageFile> claim(AgencyWork work) {
        if (work.version() != null) {
            // A retried upload: this work holds the claim already; the files go again, unchanged.
            return uploadList(work);
        }
        List<PackageFile> content = List.copyOf(work.files());
        Disclosure d = work.disclosure();
        String json = new String(PackageAssembler.disclosureJson(content).content(), StandardCharsets.UTF_8);
        List<PackageFile> files = new ArrayList<>();
        DeliveryRecords.Claim claim = records.claim(new DeliveryRecords.Build(d.fiscalYear(), d.agencyCode(),
                PackageAssembler.contentHash(content), work.force(), json, review, work.builtBy(), d.kind(), d.agencyName()), c -> {
                    // Inside the claim's transaction: the manifest names the version and its correction note.
                    String note = records.correctionNote(d.fiscalYear(), d.agencyCode(), c.version());
                    List<PackageFile> built = new ArrayList<>(content);
                    built.add(assembler.manifest(d, content, c.version(), note, today()));
                    files.addAll(withStandingApproval(c, built));
                    return files;
                });
        if (!claim.claimed()) {
            work.notSent(claim.skipReason());
            LOG.info("{} 年 {}：未发送，{}", d.fiscalYear(), d.agencyCode(), claim.skipReason());
            return List.of();
        }
        PackageFile manifest = files.get(files.size() - 1);
        // As stored: a standing approval's attestations may have changed the page and the PDF; a retried upload sends these.
        work.setFiles(files.subList(0, files.size() - 1));
        String folder = PackageLayout.versionFolder(work.id(), claim.version());
        work.setVersion(new PackageVersion(claim.version(), folder, location(work.id(), claim.version()), manifest));
        if (claim.review()) {
            work.awaitsReview("第 " + claim.version() + " 版");
            LOG.info("{} 年 {} 第 {} 版已生成，待审核", d.fiscalYear(), d.agencyCode(), claim.version());
            return List.of();
        }
        return files;
    }

    /**
     * A failed approved version that a build of the same content takes over is sent by the run, its
     * approval standing: the build's files get the approval's attestations (printed, when so set), as
     * the approval gave the files it stored. Any other claim's files are the build's.
     */
    private List<PackageFile> withStandingApproval(DeliveryRecords.Claim claim, List<PackageFile> built) {
        if (!claim.send()) {
            return built;
        }
        Optional<Attestation> standing = records.standingAttestation(claim.id(), zone);
        if (standing.isEmpty()) {
            return built;
        }
        PackageAssembler.Attested attested = assembler.attested(built, standing.get(), printAttestations);
        records.attestationsPrinted(claim.id(), attested.printed());
        return attested.files();
    }

    /**
     * A reviewer's approval (先审后发) of a version awaiting review: its stored files (already verified
     * against their manifest) get the attestations: always in the manifest, and with
     * {@code hub.publish.print-attestations} printed under the 说明's title of the page and the PDF.
     * They are verified again, then stored with the approval in one transaction, so the release
     * sends, and the console shows, exactly what was approved; until it commits the version is
     * awaiting review with its files as built.
     *
     * <p>Why a new stored manifest rather than the build's manifest kept and an enriched copy written
     * at delivery: then the stored version would no longer be the delivered one (the console's
     * previews and downloads, the delivery record's manifest and package.done would each need to
     * know which of the two they mean), the integrity checks of approval, release and start-up
     * would verify one manifest and the CMS get another, and printing, which changes the page and
     * the PDF, would have to happen at delivery, unverified and unstored. Stored here, the approved
     * version verifies like any built one and every later step stays as it was.
     *
     * @return false when the version is no longer awaiting review (nothing changed)
     * @throws IllegalStateException when the files made for the approval do not verify (a defect: nothing is stored)
     */
    public boolean approve(DeliveryRecords.Delivery version, List<PackageFile> stored, Attestation attestation) {
        PackageAssembler.Attested attested = assembler.attested(stored, attestation, printAttestations);
        Optional<String> problem = PackageIntegrity.problem(attested.files());
        if (problem.isPresent()) {
            throw new IllegalStateException(version.fiscalYear() + " 年 " + version.agencyCode() + " 第 " + version.version()
                    + " 版加入发布前确认后的文件与清单不符：" + problem.get());
        }
        return records.approve(version.id(), attestation, attested.files(), attested.printed());
    }

    /** The files to upload for the work's claimed version: the content files, then the manifest. */
    public List<PackageFile> uploadList(AgencyWork work) {
        List<PackageFile> files = new ArrayList<>(work.files());
        files.add(work.version().manifest());
        return files;
    }

    /**
     * An approved version, taken for sending: its files as built, as a work item for the upload
     * route; null when another instance took it first, or it is not approved (any more). A version
     * whose stored files do not verify against its manifest is refused before anything goes out:
     * it is marked incomplete, to be built again by the next run.
     */
    public AgencyWork release(long id) {
        DeliveryRecords.Delivery d = records.byId(id).orElse(null);
        if (d == null) {
            return null;
        }
        List<PackageFile> files = records.files(id);
        Optional<String> problem = PackageIntegrity.problem(files);
        if (problem.isPresent()) {
            if (records.markIncomplete(id, problem.get())) {
                LOG.error("{} 年 {} 第 {} 版拒绝发送：保存的文件与清单不符（{}）。已标记为存储不完整，下次运行时重新生成，须重新审核",
                        d.fiscalYear(), d.agencyCode(), d.version(), problem.get());
            }
            return null;
        }
        if (!records.startSending(id)) {
            return null;
        }
        AgencyWork work = new AgencyWork(new DisclosureId(d.fiscalYear(), d.agencyCode()), null, null, false,
                "department".equals(d.kind()));
        PackageFile manifest = files.stream().filter(f -> PackageLayout.MANIFEST.equals(f.name())).findFirst().orElseThrow();
        work.setFiles(files.stream().filter(f -> f != manifest).toList());
        String folder = PackageLayout.versionFolder(work.id(), d.version());
        work.setVersion(new PackageVersion(d.version(), folder, location(work.id(), d.version()), manifest));
        return work;
    }

    /**
     * The withdrawal marker of the version on the CMS: the files stay, the marker tells the CMS to
     * take the package down. A work item naming that version, with the marker as its one file.
     *
     * @throws IllegalArgumentException when nothing of (year, agency) is on the CMS
     */
    public AgencyWork withdrawal(int year, String agency, String user, String reason) {
        DeliveryRecords.Delivery d = records.latestDelivered(year, agency)
                .filter(x -> x.status() == DeliveryStatus.DELIVERED)
                .orElseThrow(() -> new IllegalArgumentException(year + " 年 " + agency + " 没有已发布、可撤回的版本"));
        String text = "withdrawn version " + d.version() + "\n撤回时间：" + java.time.OffsetDateTime.now(clock.withZone(zone))
                + "\n撤回人：" + user + "\n撤回原因：" + reason + "\n";
        AgencyWork work = new AgencyWork(new DisclosureId(year, agency), null, null, false, "department".equals(d.kind()));
        work.setFiles(List.of(new PackageFile(PackageLayout.WITHDRAWN_MARKER, text.getBytes(StandardCharsets.UTF_8))));
        String folder = PackageLayout.versionFolder(work.id(), d.version());
        work.setVersion(new PackageVersion(d.version(), folder, location(work.id(), d.version()), null));
        return work;
    }

    /**
     * Where a version of a package is (or goes) on the CMS, as the upload route writes it and the run
     * history records it: {@code sftp://<user>@<host>:<port>/<directory>/<year>/<code>/v<version>}.
     */
    public String location(DisclosureId id, int version) {
        return cmsLocation.get() + "/" + PackageLayout.versionFolder(id, version);
    }

    /** The done marker, uploaded after the manifest: only then may the CMS import the package. */
    public PackageFile doneMarker(AgencyWork work) {
        return PackageAssembler.doneMarker(work.version().manifest(), work.version().version());
    }

    public void delivered(AgencyWork work) {
        PackageVersion v = work.version();
        records.delivered(work.year(), work.agency(), v.version(), new String(v.manifest().content(), StandardCharsets.UTF_8));
        work.sent(v.location());
        LOG.info("{} 年 {} 第 {} 版已发送至 {}", work.year(), work.agency(), v.version(), cmsLocation.get());
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
