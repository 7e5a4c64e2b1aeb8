package org.budgethub.publish;

import static org.budgethub.publish.DeliveryStatus.APPROVED;
import static org.budgethub.publish.DeliveryStatus.AWAITING_REVIEW;
import static org.budgethub.publish.DeliveryStatus.DELIVERED;
import static org.budgethub.publish.DeliveryStatus.FAILED;
import static org.budgethub.publish.DeliveryStatus.INCOMPLETE;
import static org.budgethub.publish.DeliveryStatus.REJECTED;
import static org.budgethub.publish.DeliveryStatus.SENDING;
import static org.budgethub.publish.DeliveryStatus.SUPERSEDED;
import static org.budgethub.publish.DeliveryStatus.WITHDRAWN;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.budgethub.model.Attestation;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;
import org.budgethub.render.PackageAssembler;
import org.budgethub.render.PackageLayout;

/**
 * The delivery record in the hub's database: every version of every package, what became of it,
 * its files, and who reviewed it. A version is claimed by an INSERT guarded by a unique constraint
 * (or a conditional UPDATE of a failed attempt), so two runs can never both deliver one package.
 *
 * <p>With review required (先审后发) a built version is {@link DeliveryStatus#AWAITING_REVIEW}; a reviewer makes
 * it {@link DeliveryStatus#APPROVED} (then {@link DeliveryStatus#SENDING} and {@link DeliveryStatus#DELIVERED}) or {@link DeliveryStatus#REJECTED}. A newer
 * build replaces an undelivered version ({@link DeliveryStatus#SUPERSEDED}); a delivered one may be {@link DeliveryStatus#WITHDRAWN}.
 *
 * <p>A version's record and its files are written in one transaction: no reader (the review queue,
 * a preview, an approval, a delivery) ever sees a version with files missing. A version that does
 * not verify all the same (left by an older release, or altered since) is {@link DeliveryStatus#INCOMPLETE}: it
 * is never sent, and the next run builds it again.
 */
public class DeliveryRecords {

    /** One delivery row. */
    public record Delivery(long id, int fiscalYear, String agencyCode, int version, String contentHash, DeliveryStatus status,
                           boolean forced, int attempts, String correctionNote, String disclosureJson, String error,
                           Instant createdAt, Instant updatedAt, Instant deliveredAt, String builtBy, String kind, String agencyName,
                           String reviewedBy, Instant reviewedAt, String reviewReason, String withdrawnBy, Instant withdrawnAt,
                           String withdrawReason, String manifest, Boolean secrecyReviewed, Boolean leaderSigned, String signer,
                           boolean attestationsPrinted) {

        /** Reached the CMS (and may since have been withdrawn). */
        public boolean reachedCms() {
            return status.reachedCms();
        }

        /**
         * What the reviewer attested with the approval, approval time in {@code zone}; empty for a version
         * not approved, and for one approved before attestations were recorded.
         */
        public Optional<Attestation> attestation(ZoneId zone) {
            if (reviewedBy == null || secrecyReviewed == null || status == REJECTED) {
                return Optional.empty();
            }
            return Optional.of(new Attestation(secrecyReviewed, Boolean.TRUE.equals(leaderSigned), signer, reviewedBy,
                    reviewedAt == null ? null : reviewedAt.atZone(zone).toOffsetDateTime()));
        }

        /** What the reviewer attested, as the console shows it ({@link Attestation#summary()}); null when nothing was recorded. */
        public String attestationSummary() {
            return attestation(ZoneId.of("UTC")).map(Attestation::summary).orElse(null);
        }
    }

    /** What a build is: its content, who built it, and whether a person must review it first. */
    public record Build(int year, String agency, String contentHash, boolean force, String disclosureJson, boolean review,
                        String builtBy, String kind, String agencyName) {
    }

    /** The outcome of a claim: send (or hold for review) this version, or why not. */
    public record Claim(boolean send, boolean review, long id, int version, Delivery previous, String skipReason) {

        static Claim skip(Delivery latest, String reason) {
            return new Claim(false, false, latest == null ? 0 : latest.id(), latest == null ? 0 : latest.version(), latest, reason);
        }

        /** Whether the version was claimed at all (to send, or to hold for review). */
        public boolean claimed() {
            return skipReason == null;
        }
    }

    private static final RowMapper<Delivery> ROW = (rs, i) -> new Delivery(rs.getLong("id"), rs.getInt("fiscal_year"),
            rs.getString("agency_code"), rs.getInt("version"), rs.getString("content_hash"), DeliveryStatus.valueOf(rs.getString("status")),
            rs.getBoolean("forced"), rs.getInt("attempts"), rs.getString("correction_note"), rs.getString("disclosure_json"),
            rs.getString("error"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
            instant(rs.getTimestamp("delivered_at")), rs.getString("built_by"), rs.getString("kind"), rs.getString("agency_name"),
            rs.getString("reviewed_by"), instant(rs.getTimestamp("reviewed_at")), rs.getString("review_reason"),
            rs.getString("withdrawn_by"), instant(rs.getTimestamp("withdrawn_at")), rs.getString("withdraw_reason"),
            rs.getString("manifest"), rs.getObject("secrecy_reviewed", Boolean.class), rs.getObject("leader_signed", Boolean.class),
            rs.getString("signer"), rs.getBoolean("attestations_printed"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration staleAfter;
    private final Clock clock;
    private final String instance;
    private final ZoneId zone;

    /**
     * @param instance this hub instance: it owns the deliveries it sends, and after a crash recovers only its own
     * @param zone     where the dates people read are (the correction note's)
     */
    /** Told of every delivery that ends FAILED, as it is written. */
    private volatile PublishMetrics metrics = PublishMetrics.none();

    void setMetrics(PublishMetrics metrics) {
        this.metrics = metrics;
    }

    public DeliveryRecords(JdbcTemplate jdbc, Duration staleAfter, Clock clock, String instance, ZoneId zone) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.instance = instance;
        this.zone = zone;
    }

    /**
     * At start-up: what this instance was sending when it stopped did not arrive. An approved version
     * is approved again, so the release timer's next round sends it; one that needed no review is
     * failed, and the next run sends it.
     */
    public int markInterrupted() {
        Timestamp now = Timestamp.from(clock.instant());
        int approvedAgain = jdbc.update("UPDATE delivery SET status = ?, error = ?, updated_at = ? WHERE status = ? AND owner = ? AND reviewed_by IS NOT NULL",
                APPROVED.name(), "已中断：发送途中中枢停止运行；发布定时任务将重新发送", now, SENDING.name(), instance);
        int failed = jdbc.update("UPDATE delivery SET status = ?, error = ?, updated_at = ? WHERE status = ? AND owner = ? AND reviewed_by IS NULL",
                FAILED.name(), "已中断：发送途中中枢停止运行；下次运行时重新发送", now, SENDING.name(), instance);
        metrics.deliveriesFailed(failed);
        return approvedAgain + failed;
    }

    /**
     * A redelivered agency (distributed runs): the version another instance was sending when it went
     * down is marked failed, so this instance's claim takes the same version over, as a later run
     * would after hub.publish.stale-after. @return whether there was one
     */
    public boolean takeOverSending(int year, String agency, String reason) {
        int failed = jdbc.update("UPDATE delivery SET status = ?, error = ?, updated_at = ? WHERE fiscal_year = ? AND agency_code = ? "
                + "AND status = ? AND owner <> ?", FAILED.name(), reason, Timestamp.from(clock.instant()), year, agency, SENDING.name(), instance);
        metrics.deliveriesFailed(failed);
        return failed > 0;
    }

    public Optional<Delivery> byId(long id) {
        return jdbc.query("SELECT * FROM delivery WHERE id = ?", ROW, id).stream().findFirst();
    }

    public Optional<Delivery> latest(int year, String agency) {
        return jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND agency_code = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
                ROW, year, agency).stream().findFirst();
    }

    /** The newest version that reached the CMS, withdrawn or not. */
    public Optional<Delivery> latestDelivered(int year, String agency) {
        return jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND agency_code = ? AND status IN (?, ?) "
                + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", ROW, year, agency, DELIVERED.name(), WITHDRAWN.name()).stream().findFirst();
    }

    /** One version of a package. */
    public Optional<Delivery> version(int year, String agency, int version) {
        return jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND agency_code = ? AND version = ?", ROW, year, agency, version)
                .stream().findFirst();
    }

    public List<Delivery> history(int year, String agency) {
        return jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND agency_code = ? ORDER BY version DESC", ROW, year, agency);
    }

    /** The versions waiting for a reviewer, of one year (null: every year), oldest first. */
    /** How many versions await review (the metric hub_reviews_waiting). */
    public int awaitingReviewCount() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE status = ?", Integer.class, AWAITING_REVIEW.name());
        return n == null ? 0 : n;
    }

    public List<Delivery> awaitingReview(Integer year) {
        return year == null
                ? jdbc.query("SELECT * FROM delivery WHERE status = ? ORDER BY fiscal_year, agency_code", ROW, AWAITING_REVIEW.name())
                : jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND status = ? ORDER BY agency_code", ROW, year, AWAITING_REVIEW.name());
    }

    /**
     * Approved versions not yet on the CMS: the ones whose release is due, approved ones that failed to
     * go, and approved ones left SENDING longer than hub.publish.stale-after (their sender could not
     * even record the outcome: the hub's database was down, or the instance died).
     */
    public List<Delivery> approvedUndelivered() {
        return jdbc.query("SELECT * FROM delivery WHERE status = ? OR (status IN (?, ?) AND reviewed_by IS NOT NULL) ORDER BY id", ROW,
                APPROVED.name(), FAILED.name(), SENDING.name()).stream().filter(d -> d.status() != SENDING || stale(d)).toList();
    }

    private boolean stale(Delivery d) {
        return !d.updatedAt().plus(staleAfter).isAfter(clock.instant());
    }

    /** A version's state without its content: what the dashboard shows beside each agency. */
    public record VersionState(String agencyCode, int version, DeliveryStatus status, Instant deliveredAt) {
    }

    /** Every version of the year, newest first per agency, without their content. */
    public List<VersionState> versionStates(int year) {
        return jdbc.query("SELECT agency_code, version, status, delivered_at FROM delivery WHERE fiscal_year = ? ORDER BY agency_code, version DESC",
                (rs, i) -> new VersionState(rs.getString(1), rs.getInt(2), DeliveryStatus.valueOf(rs.getString(3)),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()), year);
    }

    /** The versions of one package, newest first, without their content. */
    public List<VersionState> versionStates(int year, String agency) {
        return jdbc.query("SELECT agency_code, version, status, delivered_at FROM delivery WHERE fiscal_year = ? AND agency_code = ? "
                        + "ORDER BY version DESC",
                (rs, i) -> new VersionState(rs.getString(1), rs.getInt(2), DeliveryStatus.valueOf(rs.getString(3)),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()), year, agency);
    }

    /** For the CMS index: per package the newest version that reached the CMS, of one year. */
    public List<Delivery> published(int year) {
        return jdbc.query("SELECT * FROM delivery d WHERE d.fiscal_year = ? AND d.status IN (?, ?) AND d.version = "
                        + "(SELECT MAX(e.version) FROM delivery e WHERE e.fiscal_year = d.fiscal_year AND e.agency_code = d.agency_code "
                        + "AND e.status IN (?, ?)) ORDER BY d.agency_code",
                ROW, year, DELIVERED.name(), WITHDRAWN.name(), DELIVERED.name(), WITHDRAWN.name());
    }

    /** The years that have a package on the CMS (delivered or withdrawn): each has an index. */
    public List<Integer> publishedYears() {
        return jdbc.queryForList("SELECT DISTINCT fiscal_year FROM delivery WHERE status IN (?, ?) ORDER BY fiscal_year", Integer.class,
                DELIVERED.name(), WITHDRAWN.name());
    }

    /** The SHA-256 of the index of {@code year} the hub last wrote to the CMS, if any. */
    public Optional<String> indexWritten(int year) {
        return jdbc.queryForList("SELECT sha256 FROM cms_index_state WHERE fiscal_year = ?", String.class, year).stream().findFirst();
    }

    /** Records that the index of {@code year} with this SHA-256 is on the CMS. */
    public void indexWritten(int year, String sha256) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE cms_index_state SET sha256 = ?, written_at = ? WHERE fiscal_year = ?", sha256, now, year) == 0) {
            try {
                jdbc.update("INSERT INTO cms_index_state (fiscal_year, sha256, written_at) VALUES (?, ?, ?)", year, sha256, now);
            } catch (DuplicateKeyException another) {
                jdbc.update("UPDATE cms_index_state SET sha256 = ?, written_at = ? WHERE fiscal_year = ?", sha256, now, year);
            }
        }
    }

    /**
     * Claims a version for the build and stores its files, in one transaction: the version becomes
     * visible with every file or not at all. {@code filesOf} makes the files of the claimed version
     * (the manifest names the version), manifest last.
     *
     * @see #claim(Build)
     */
    public Claim claim(Build build, Function<Claim, List<PackageFile>> filesOf) {
        try {
            return transaction.execute(status -> {
                Claim claim = claim(build);
                if (claim.claimed()) {
                    storeFiles(claim.id(), filesOf.apply(claim));
                }
                return claim;
            });
        } catch (LostRace race) {
            return race.claim;
        }
    }

    /** Another run inserted the same version first: the transaction rolls back, and this build is not sent. */
    private static final class LostRace extends RuntimeException {
        private final transient Claim claim;

        LostRace(Claim claim) {
            super(null, null, false, false);
            this.claim = claim;
        }
    }

    /**
     * Claims a version for the build: unchanged content already delivered (or withdrawn, or rejected)
     * is not sent again unless forced, and content waiting for review or approved is not claimed twice;
     * changed content gets the next version and replaces an older one not yet delivered; a failed,
     * abandoned or incomplete attempt at the same content is taken over with its version.
     */
    private Claim claim(Build build) {
        Delivery latest = latest(build.year(), build.agency()).orElse(null);
        Instant now = clock.instant();
        if (latest != null && latest.contentHash().equals(build.contentHash())) {
            switch (latest.status()) {
                case DELIVERED:
                    if (!build.force()) {
                        return Claim.skip(latest, "自第 " + latest.version() + " 版以来内容未变（内容摘要 " + shortHash(build.contentHash()) + "）");
                    }
                    break;
                case WITHDRAWN:
                    if (!build.force()) {
                        return Claim.skip(latest, "自第 " + latest.version() + " 版以来内容未变，该版已撤回");
                    }
                    break;
                case REJECTED:
                    if (!build.force()) {
                        return Claim.skip(latest, "自第 " + latest.version() + " 版以来内容未变，该版已被退回：" + latest.reviewReason());
                    }
                    break;
                case AWAITING_REVIEW:
                    return Claim.skip(latest, "第 " + latest.version() + " 版正在等待审核");
                case APPROVED:
                    return Claim.skip(latest, "第 " + latest.version() + " 版已批准，等待发布");
                case SENDING:
                    if (latest.updatedAt().plus(staleAfter).isAfter(now)) {
                        return Claim.skip(latest, "第 " + latest.version() + " 版正由另一次运行发送");
                    }
                    return retake(latest, SENDING, now, build.review());
                default:
                    return retake(latest, latest.status(), now, build.review());
            }
        }
        int version = latest == null ? 1 : latest.version() + 1;
        Delivery previous = latestDelivered(build.year(), build.agency()).orElse(null);
        String note = previous == null ? null : correctionNote(build.year(), previous, version,
                build.force() && latest.contentHash().equals(build.contentHash()), build.disclosureJson());
        String status = (build.review() ? AWAITING_REVIEW : SENDING).name();
        try {
            jdbc.update("INSERT INTO delivery (fiscal_year, agency_code, version, content_hash, status, owner, forced, attempts, "
                            + "correction_note, disclosure_json, created_at, updated_at, built_by, kind, agency_name) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
                    build.year(), build.agency(), version, build.contentHash(), status, instance, build.force(), note,
                    build.disclosureJson(), Timestamp.from(now), Timestamp.from(now), build.builtBy(), build.kind(), build.agencyName());
        } catch (DuplicateKeyException e) {
            throw new LostRace(Claim.skip(latest, "第 " + version + " 版已由另一次运行生成"));
        }
        // The new content replaces what was waiting: an approval was of other content.
        jdbc.update("UPDATE delivery SET status = ?, updated_at = ? WHERE fiscal_year = ? AND agency_code = ? AND version < ? "
                        + "AND status IN (?, ?, ?, ?)", SUPERSEDED.name(), Timestamp.from(now), build.year(), build.agency(), version,
                AWAITING_REVIEW.name(), APPROVED.name(), FAILED.name(), INCOMPLETE.name());
        long id = idOf(build.year(), build.agency(), version);
        return new Claim(!build.review(), build.review(), id, version, previous, null);
    }

    /**
     * A failed attempt is taken over: it goes again if it was approved (or needs none), else back to
     * review. An incomplete one always goes back to review: what its reviewer saw was not whole.
     */
    private Claim retake(Delivery attempt, DeliveryStatus expectedStatus, Instant now, boolean review) {
        boolean toReview = review && (attempt.reviewedBy() == null || attempt.status() == INCOMPLETE);
        // The build's files replace the attempt's: not printed. An approval that stands keeps its attestations
        // (the publisher puts them into the new files); one that does not loses them with its reviewer.
        int taken = jdbc.update("UPDATE delivery SET status = ?, owner = ?, attempts = attempts + 1, error = NULL, updated_at = ?, "
                        + "reviewed_by = CASE WHEN ? THEN NULL ELSE reviewed_by END, reviewed_at = CASE WHEN ? THEN NULL ELSE reviewed_at END, "
                        + "secrecy_reviewed = CASE WHEN ? THEN NULL ELSE secrecy_reviewed END, "
                        + "leader_signed = CASE WHEN ? THEN NULL ELSE leader_signed END, signer = CASE WHEN ? THEN NULL ELSE signer END, "
                        + "attestations_printed = FALSE "
                        + "WHERE id = ? AND status = ? AND updated_at = ?", toReview ? AWAITING_REVIEW.name() : SENDING.name(), instance, Timestamp.from(now),
                toReview, toReview, toReview, toReview, toReview, attempt.id(), expectedStatus.name(), Timestamp.from(attempt.updatedAt()));
        if (taken == 0) {
            return Claim.skip(attempt, "第 " + attempt.version() + " 版已由另一次运行接手");
        }
        return new Claim(!toReview, toReview, attempt.id(), attempt.version(),
                latestDelivered(attempt.fiscalYear(), attempt.agencyCode()).orElse(null), null);
    }

    /** Keeps the files of a version, in upload order, so it can be previewed and delivered as built. */
    private void storeFiles(long id, List<PackageFile> files) {
        jdbc.update("DELETE FROM package_file WHERE delivery_id = ?", id);
        for (int i = 0; i < files.size(); i++) {
            PackageFile f = files.get(i);
            jdbc.update("INSERT INTO package_file (delivery_id, seq, name, content, sha256) VALUES (?, ?, ?, ?, ?)",
                    id, i, f.name(), f.content(), f.sha256());
        }
    }

    /** The versions and files of this record, as the package assembler reuses them for an unchanged disclosure. */
    public PackageAssembler.StoredPackages storedPackages() {
        return new PackageAssembler.StoredPackages() {
            @Override
            public Optional<PackageAssembler.StoredVersion> latest(DisclosureId id) {
                // A page and PDF printed with an approval's attestations are that approval's: never reused for another version.
                return DeliveryRecords.this.latest(id.year(), id.code()).filter(d -> !d.attestationsPrinted()).flatMap(d -> DeliveryRecords.this.file(d.id(), PackageLayout.DISCLOSURE_JSON)
                        .map(json -> new PackageAssembler.StoredVersion(d.id(), d.version(), json.content())));
            }

            @Override
            public Optional<byte[]> file(PackageAssembler.StoredVersion version, String name) {
                return DeliveryRecords.this.file(version.id(), name).map(PackageFile::content);
            }
        };
    }

    /** The files of a version as built, manifest last. */
    public List<PackageFile> files(long id) {
        return jdbc.query("SELECT name, content FROM package_file WHERE delivery_id = ? ORDER BY seq",
                (rs, i) -> new PackageFile(rs.getString(1), rs.getBytes(2)), id);
    }

    /** A file kept with a version, without its content. */
    public record StoredFile(long deliveryId, String name, long size, String sha256) {
    }

    private static final String STORED = "SELECT delivery_id, name, OCTET_LENGTH(content), sha256 FROM package_file ";
    private static final RowMapper<StoredFile> STORED_ROW =
            (rs, i) -> new StoredFile(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));

    /** The files kept with a version, in upload order (manifest last), without their content. */
    public List<StoredFile> storedFiles(long id) {
        return jdbc.query(STORED + "WHERE delivery_id = ? ORDER BY seq", STORED_ROW, id);
    }

    /** The files kept with every version of one package, by delivery id, in upload order: one query for a page. */
    public Map<Long, List<StoredFile>> storedFiles(int year, String agency) {
        Map<Long, List<StoredFile>> out = new LinkedHashMap<>();
        jdbc.query(STORED + "WHERE delivery_id IN (SELECT id FROM delivery WHERE fiscal_year = ? AND agency_code = ?) "
                + "ORDER BY delivery_id, seq", STORED_ROW, year, agency)
                .forEach(f -> out.computeIfAbsent(f.deliveryId(), k -> new ArrayList<>()).add(f));
        return out;
    }

    /**
     * Writes one file of a version to {@code out} as it was built, one file in memory at a time
     * (a download, a zip of the package); false when the version has no file of that name.
     * {@code out} is left open.
     */
    public boolean copyFile(long id, String name, OutputStream out) {
        Boolean found = jdbc.query("SELECT content FROM package_file WHERE delivery_id = ? AND name = ?",
                (ResultSetExtractor<Boolean>) rs -> {
                    if (!rs.next()) {
                        return false;
                    }
                    try (InputStream in = rs.getBinaryStream(1)) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return true;
                }, id, name);
        return Boolean.TRUE.equals(found);
    }

    /** One file of a version, for its preview. */
    public Optional<PackageFile> file(long id, String name) {
        return jdbc.query("SELECT name, content FROM package_file WHERE delivery_id = ? AND name = ?",
                (rs, i) -> new PackageFile(rs.getString(1), rs.getBytes(2)), id, name).stream().findFirst();
    }

    /**
     * A reviewer's approval of a version awaiting review, with the attestations ({@code attestation}
     * names the reviewer and the time) and the version's files as they are to go out ({@code files},
     * manifest last: the stored ones with the attestations in the manifest, printed or not), in one
     * transaction: the version is APPROVED with these files, or stays as it was. False when it is not
     * awaiting review (any more).
     */
    public boolean approve(long id, Attestation attestation, List<PackageFile> files, boolean printed) {
        Timestamp at = Timestamp.from(attestation.approvedAt().toInstant());
        Boolean done = transaction.execute(status -> {
            if (jdbc.update("UPDATE delivery SET status = ?, reviewed_by = ?, reviewed_at = ?, updated_at = ?, secrecy_reviewed = ?, "
                            + "leader_signed = ?, signer = ?, attestations_printed = ? WHERE id = ? AND status = ?",
                    APPROVED.name(), attestation.approvedBy(), at, at, attestation.secrecyReviewed(), attestation.leaderSigned(),
                    attestation.signer(), printed, id, AWAITING_REVIEW.name()) != 1) {
                return false;
            }
            storeFiles(id, files);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * The attestations of the approval a version holds (approval time in {@code zone}): of one approved,
     * or of a failed approved one a build has just taken over for sending; empty when it holds none.
     * Its key and five columns only: asked for every version a run sends.
     */
    public Optional<Attestation> standingAttestation(long id, ZoneId zone) {
        return jdbc.query("SELECT reviewed_by, reviewed_at, secrecy_reviewed, leader_signed, signer FROM delivery WHERE id = ? "
                        + "AND reviewed_by IS NOT NULL AND secrecy_reviewed IS NOT NULL AND status <> ?",
                (rs, i) -> new Attestation(rs.getBoolean(3), rs.getBoolean(4), rs.getString(5), rs.getString(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant().atZone(zone).toOffsetDateTime()),
                id, REJECTED.name()).stream().findFirst();
    }

    /**
     * Records whether the files just stored for a version in a claim's transaction (a failed approved
     * version taken over with its approval standing) carry the attestations printed.
     */
    public void attestationsPrinted(long id, boolean printed) {
        jdbc.update("UPDATE delivery SET attestations_printed = ? WHERE id = ?", printed, id);
    }

    /** A reviewer's rejection, with the reason; false when the version is not awaiting review. */
    public boolean reject(long id, String reviewer, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.update("UPDATE delivery SET status = ?, reviewed_by = ?, reviewed_at = ?, review_reason = ?, updated_at = ? "
                + "WHERE id = ? AND status = ?", REJECTED.name(), reviewer, now, truncate(reason, 2000), now, id, AWAITING_REVIEW.name()) == 1;
    }

    /**
     * Takes an approved version (or an approved one that failed, or one whose sending went stale) for
     * sending; false when another instance took it.
     */
    public boolean startSending(long id) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.update("UPDATE delivery SET status = ?, owner = ?, attempts = attempts + 1, error = NULL, updated_at = ? "
                        + "WHERE id = ? AND (status = ? OR (status = ? AND reviewed_by IS NOT NULL) "
                        + "OR (status = ? AND reviewed_by IS NOT NULL AND updated_at <= ?))",
                SENDING.name(), instance, now, id, APPROVED.name(), FAILED.name(), SENDING.name(), Timestamp.from(clock.instant().minus(staleAfter))) == 1;
    }

    /**
     * A version whose stored files do not verify: it leaves the review queue and the release timer,
     * and the next run builds it again. False when it had already moved on (delivered, superseded).
     */
    public boolean markIncomplete(long id, String problem) {
        return jdbc.update("UPDATE delivery SET status = ?, error = ?, updated_at = ? WHERE id = ? AND status IN (?, ?, ?, ?)",
                INCOMPLETE.name(), truncate("存储不完整：" + problem + "；不会发送，下次运行时重新生成并重新审核", 4000),
                Timestamp.from(clock.instant()), id, AWAITING_REVIEW.name(), APPROVED.name(), FAILED.name(), SENDING.name()) == 1;
    }

    /** A version not yet on the CMS that the start-up check found incomplete. */
    public record Broken(long id, int year, String agency, int version, DeliveryStatus status, String problem) {
    }

    /**
     * The versions not yet delivered (awaiting review, approved, sending, failed) whose stored files
     * do not verify against their manifest, by the listing kept beside the content: one pass, three
     * queries, whatever the number of versions.
     */
    public List<Broken> unverifiedVersions() {
        Object[] open = {AWAITING_REVIEW.name(), APPROVED.name(), SENDING.name(), FAILED.name()};
        String ids = "SELECT id FROM delivery WHERE status IN (?, ?, ?, ?)";
        Map<Long, List<PackageIntegrity.Entry>> listings = new LinkedHashMap<>();
        jdbc.query(STORED + "WHERE delivery_id IN (" + ids + ") ORDER BY delivery_id, seq", (RowCallbackHandler) rs ->
                listings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new PackageIntegrity.Entry(rs.getString(2), rs.getLong(3), rs.getString(4))), open);
        Map<Long, byte[]> manifests = new LinkedHashMap<>();
        jdbc.query("SELECT delivery_id, content FROM package_file WHERE name = ? AND delivery_id IN (" + ids + ")",
                (RowCallbackHandler) rs -> manifests.put(rs.getLong(1), rs.getBytes(2)),
                PackageLayout.MANIFEST, AWAITING_REVIEW.name(), APPROVED.name(), SENDING.name(), FAILED.name());
        List<Broken> broken = new ArrayList<>();
        for (Broken v : jdbc.query("SELECT id, fiscal_year, agency_code, version, status FROM delivery WHERE status IN (?, ?, ?, ?) ORDER BY id",
                (rs, i) -> new Broken(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4), DeliveryStatus.valueOf(rs.getString(5)), null), open)) {
            PackageIntegrity.problem(manifests.get(v.id()), listings.getOrDefault(v.id(), List.of()))
                    .ifPresent(p -> broken.add(new Broken(v.id(), v.year(), v.agency(), v.version(), v.status(), p)));
        }
        return broken;
    }

    public void delivered(int year, String agency, int version, String manifest) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("UPDATE delivery SET status = ?, manifest = ?, error = NULL, updated_at = ?, delivered_at = ? "
                + "WHERE fiscal_year = ? AND agency_code = ? AND version = ?", DELIVERED.name(), manifest, now, now, year, agency, version);
    }

    public void failed(int year, String agency, int version, String error) {
        String text = error == null ? "未知错误" : truncate(error, 4000);
        metrics.deliveriesFailed(jdbc.update("UPDATE delivery SET status = ?, error = ?, updated_at = ? WHERE fiscal_year = ? AND agency_code = ? "
                + "AND version = ? AND status = ?", FAILED.name(), text, Timestamp.from(clock.instant()), year, agency, version, SENDING.name()));
    }

    /** What a version being sent is going through (a retry under way), shown until it is delivered or fails. */
    public void sendingNote(int year, String agency, int version, String note) {
        jdbc.update("UPDATE delivery SET error = ?, updated_at = ? WHERE fiscal_year = ? AND agency_code = ? AND version = ? AND status = ?",
                truncate(note, 4000), Timestamp.from(clock.instant()), year, agency, version, SENDING.name());
    }

    /** Records a withdrawal whose marker is on the CMS. */
    public void withdrawn(long id, String user, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("UPDATE delivery SET status = ?, withdrawn_by = ?, withdrawn_at = ?, withdraw_reason = ?, updated_at = ? WHERE id = ?",
                WITHDRAWN.name(), user, now, truncate(reason, 2000), now, id);
    }

    /** The correction note (更正说明) of a version that replaces a delivered one. */
    public String correctionNote(int year, String agency, int version) {
        List<String> notes = jdbc.query("SELECT correction_note FROM delivery WHERE fiscal_year = ? AND agency_code = ? AND version = ?",
                (rs, i) -> rs.getString(1), year, agency, version);
        return notes.isEmpty() ? null : notes.get(0);
    }

    private String correctionNote(int year, Delivery previous, int version, boolean republished, String disclosureJson) {
        if (republished) {
            return "重新发布：内容与第 " + previous.version() + " 版相同，按操作员要求重新报送（第 " + version + " 版）。";
        }
        List<String> changed = ChangeSummary.changedParts(previous.disclosureJson(), disclosureJson);
        String who = ChangeSummary.isDepartment(disclosureJson) ? "本部门" : "本单位";
        LocalDate published = LocalDate.ofInstant(previous.deliveredAt(), zone);
        return "更正说明：" + who + " " + year + " 年预算公开内容已更正，本版（第 " + version + " 版）替代 "
                + published + " 发布的第 " + previous.version() + " 版"
                + (changed.isEmpty() ? "。" : "，更正了" + String.join("、", changed) + "。");
    }

    private long idOf(int year, String agency, int version) {
        return jdbc.queryForObject("SELECT id FROM delivery WHERE fiscal_year = ? AND agency_code = ? AND version = ?", Long.class,
                year, agency, version);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
