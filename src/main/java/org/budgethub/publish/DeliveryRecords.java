package org.budgethub.publish;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The delivery record in the hub's database: which version of which package was delivered, with
 * its content hash. Claiming a version is an INSERT guarded by a unique constraint (or a
 * conditional UPDATE of a failed attempt), so two runs can never both deliver one package.
 */
public class DeliveryRecords {

    public static final String SENDING = "SENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    /** One delivery row. */
    public record Delivery(long id, int fiscalYear, String agencyCode, int version, String contentHash, String status,
                           boolean forced, int attempts, String correctionNote, String disclosureJson, String error,
                           Instant createdAt, Instant updatedAt, Instant deliveredAt) {
    }

    /** The outcome of a claim: send this version, or why not. */
    public record Claim(boolean send, int version, Delivery previous, String skipReason) {

        static Claim skip(Delivery latest, String reason) {
            return new Claim(false, latest == null ? 0 : latest.version(), latest, reason);
        }
    }

    private static final RowMapper<Delivery> ROW = (rs, i) -> new Delivery(rs.getLong("id"), rs.getInt("fiscal_year"),
            rs.getString("agency_code"), rs.getInt("version"), rs.getString("content_hash"), rs.getString("status"),
            rs.getBoolean("forced"), rs.getInt("attempts"), rs.getString("correction_note"), rs.getString("disclosure_json"),
            rs.getString("error"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
            instant(rs.getTimestamp("delivered_at")));

    private final JdbcTemplate jdbc;
    private final Duration staleAfter;
    private final Clock clock;
    private final String instance;

    /** @param instance this hub instance: it owns the deliveries it sends, and after a crash recovers only its own */
    public DeliveryRecords(JdbcTemplate jdbc, Duration staleAfter, Clock clock, String instance) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.instance = instance;
    }

    /** At start-up: what this instance was sending when it stopped did not arrive; the next run takes it over. */
    public int markInterrupted() {
        return jdbc.update("UPDATE delivery SET status = ?, error = ?, updated_at = ? WHERE status = ? AND owner = ?",
                FAILED, "interrupted: the hub stopped while sending", Timestamp.from(clock.instant()), SENDING, instance);
    }

    public Optional<Delivery> latest(int year, String agency) {
        return jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND agency_code = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
                ROW, year, agency).stream().findFirst();
    }

    /** The newest version that reached the CMS. */
    public Optional<Delivery> latestDelivered(int year, String agency) {
        return jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND agency_code = ? AND status = ? "
                + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", ROW, year, agency, DELIVERED).stream().findFirst();
    }

    public List<Delivery> history(int year, String agency) {
        return jdbc.query("SELECT * FROM delivery WHERE fiscal_year = ? AND agency_code = ? ORDER BY version DESC", ROW, year, agency);
    }

    /**
     * Claims the right to send a package with {@code contentHash}: unchanged content already delivered
     * is not sent again unless forced; changed content gets the next version; a failed or abandoned
     * attempt at the same content is taken over with its version.
     */
    public Claim claim(int year, String agency, String contentHash, boolean force, String disclosureJson) {
        Delivery latest = latest(year, agency).orElse(null);
        Instant now = clock.instant();
        if (latest != null && latest.contentHash().equals(contentHash)) {
            switch (latest.status()) {
                case DELIVERED:
                    if (!force) {
                        return Claim.skip(latest, "unchanged since version " + latest.version() + " (content " + shortHash(contentHash) + ")");
                    }
                    break;
                case SENDING:
                    if (latest.updatedAt().plus(staleAfter).isAfter(now)) {
                        return Claim.skip(latest, "version " + latest.version() + " is being delivered by another run");
                    }
                    return retake(latest, SENDING, now);
                default:
                    return retake(latest, FAILED, now);
            }
        }
        int version = latest == null ? 1 : latest.version() + 1;
        Delivery previous = latestDelivered(year, agency).orElse(null);
        String note = previous == null ? null : correctionNote(year, previous, version,
                force && latest.contentHash().equals(contentHash), disclosureJson);
        try {
            jdbc.update("INSERT INTO delivery (fiscal_year, agency_code, version, content_hash, status, owner, forced, attempts, "
                            + "correction_note, disclosure_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                    year, agency, version, contentHash, SENDING, instance, force, note, disclosureJson, Timestamp.from(now), Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            return Claim.skip(latest, "version " + version + " was claimed by another run");
        }
        return new Claim(true, version, previous, null);
    }

    private Claim retake(Delivery attempt, String expectedStatus, Instant now) {
        int taken = jdbc.update("UPDATE delivery SET status = ?, owner = ?, attempts = attempts + 1, error = NULL, updated_at = ? "
                + "WHERE id = ? AND status = ? AND updated_at = ?", SENDING, instance, Timestamp.from(now), attempt.id(), expectedStatus,
                Timestamp.from(attempt.updatedAt()));
        if (taken == 0) {
            return Claim.skip(attempt, "version " + attempt.version() + " was taken over by another run");
        }
        return new Claim(true, attempt.version(), latestDelivered(attempt.fiscalYear(), attempt.agencyCode()).orElse(null), null);
    }

    public void delivered(int year, String agency, int version, String manifest) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("UPDATE delivery SET status = ?, manifest = ?, error = NULL, updated_at = ?, delivered_at = ? "
                + "WHERE fiscal_year = ? AND agency_code = ? AND version = ?", DELIVERED, manifest, now, now, year, agency, version);
    }

    public void failed(int year, String agency, int version, String error) {
        String text = error == null ? "unknown error" : error.length() > 4000 ? error.substring(0, 4000) : error;
        jdbc.update("UPDATE delivery SET status = ?, error = ?, updated_at = ? WHERE fiscal_year = ? AND agency_code = ? AND version = ?",
                FAILED, text, Timestamp.from(clock.instant()), year, agency, version);
    }

    /** The correction note (更正说明) of a version that replaces a delivered one. */
    public String correctionNote(int year, String agency, int version) {
        List<String> notes = jdbc.query("SELECT correction_note FROM delivery WHERE fiscal_year = ? AND agency_code = ? AND version = ?",
                (rs, i) -> rs.getString(1), year, agency, version);
        return notes.isEmpty() ? null : notes.get(0);
    }

    private static String correctionNote(int year, Delivery previous, int version, boolean republished, String disclosureJson) {
        if (republished) {
            return "重新发布：内容与第 " + previous.version() + " 版相同，按操作员要求重新报送（第 " + version + " 版）。";
        }
        List<String> changed = ChangeSummary.changedParts(previous.disclosureJson(), disclosureJson);
        String who = ChangeSummary.isDepartment(disclosureJson) ? "本部门" : "本单位";
        return "更正说明：" + who + " " + year + " 年预算公开内容已更正，本版（第 " + version + " 版）替代 "
                + previous.deliveredAt().toString().substring(0, 10) + " 发布的第 " + previous.version() + " 版"
                + (changed.isEmpty() ? "。" : "，更正了" + String.join("、", changed) + "。");
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
