package org.budgethub.authoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import org.budgethub.model.DisclosureId;
import org.budgethub.model.NarrativeInput;

/**
 * The narrative store (说明库): every version of the words of each unit and department and year, in
 * the hub's database (V10__narratives.sql). Versions are only ever added: a save is a new version,
 * numbered after the latest; the run reads the latest. Bound parameters only.
 */
@Component
public class NarrativeStore {

    private static final String COLUMNS = "agency_code, fiscal_year, version, status, words, author, created_at, source, content_hash";

    private final JdbcTemplate jdbc;

    public NarrativeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A save that was not made on the latest version: someone saved in between. */
    public static final class Stale extends RuntimeException {
        private final int latest;

        public Stale(int latest) {
            super("说明文字已有更新的第 " + latest + " 版");
            this.latest = latest;
        }

        /** The latest version now (0: none). */
        public int latest() {
            return latest;
        }
    }

    /** A version's number and content hash: what a run's plan needs of it. */
    public record Head(int version, String hash) {
    }

    /** The latest version of (code, year), if any. */
    public Optional<NarrativeVersion> latest(String code, int year) {
        return jdbc.query("SELECT " + COLUMNS + " FROM narrative_version WHERE agency_code = ? AND fiscal_year = ? "
                + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", this::version, code, year).stream().findFirst();
    }

    /** One version of (code, year). */
    public Optional<NarrativeVersion> version(String code, int year, int version) {
        return jdbc.query("SELECT " + COLUMNS + " FROM narrative_version WHERE agency_code = ? AND fiscal_year = ? AND version = ?",
                this::version, code, year, version).stream().findFirst();
    }

    /** Every version of (code, year), newest first. */
    public List<NarrativeVersion> versions(String code, int year) {
        return jdbc.query("SELECT " + COLUMNS + " FROM narrative_version WHERE agency_code = ? AND fiscal_year = ? ORDER BY version DESC",
                this::version, code, year);
    }

    /** The latest words a person confirmed for (code) in a year before {@code year}: what the hub's draft carries forward. */
    public Optional<NarrativeVersion> latestConfirmedBefore(String code, int year) {
        return jdbc.query("SELECT " + COLUMNS + " FROM narrative_version WHERE agency_code = ? AND fiscal_year < ? AND status = ? "
                        + "ORDER BY fiscal_year DESC, version DESC FETCH FIRST 1 ROWS ONLY", this::version, code, year,
                WordStatus.CONFIRMED.name()).stream().findFirst();
    }

    /** Every code's latest version of the year: one query for a run's plan. */
    public Map<String, Head> heads(int year) {
        Map<String, Head> out = new HashMap<>();
        jdbc.query("SELECT v.agency_code, v.version, v.content_hash FROM narrative_version v WHERE v.fiscal_year = ? AND v.version = "
                        + "(SELECT MAX(m.version) FROM narrative_version m WHERE m.agency_code = v.agency_code AND m.fiscal_year = v.fiscal_year)",
                (RowCallbackHandler) rs -> out.put(rs.getString(1), new Head(rs.getInt(2), rs.getString(3))), year);
        return out;
    }

    /**
     * Every code's latest confirmed version of a year before {@code year}, as its hash: what the
     * drafts of the year carry forward, for the run's fingerprints.
     */
    public Map<String, String> earlierHeads(int year) {
        Map<String, String> out = new HashMap<>();
        jdbc.query("SELECT agency_code, content_hash FROM narrative_version WHERE fiscal_year < ? AND status = ? "
                        + "ORDER BY agency_code, fiscal_year DESC, version DESC",
                (RowCallbackHandler) rs -> out.putIfAbsent(rs.getString(1), rs.getString(2)), year, WordStatus.CONFIRMED.name());
        return out;
    }

    /** Every code with words of the year. */
    public List<String> codes(int year) {
        return jdbc.queryForList("SELECT DISTINCT agency_code FROM narrative_version WHERE fiscal_year = ? ORDER BY agency_code", String.class,
                year);
    }

    /** The years with words, newest first. */
    public List<Integer> years() {
        return jdbc.queryForList("SELECT DISTINCT fiscal_year FROM narrative_version ORDER BY fiscal_year DESC", Integer.class);
    }

    /**
     * Adds a version after {@code expected}: the latest version the saver saw (0: none yet). The words
     * are stored in canonical form with their hash.
     *
     * @return the new version
     * @throws Stale when the latest version is not {@code expected} (another save came first)
     */
    public NarrativeVersion add(String code, int year, int expected, WordStatus status, NarrativeInput words, String author,
                                WordSource source) {
        DisclosureId.checkCode(code);
        DisclosureId.checkYear(year);
        int latest = latestVersion(code, year);
        if (latest != expected) {
            throw new Stale(latest);
        }
        NarrativeInput canonical = Words.canonical(code, year, words);
        String hash = Words.hash(canonical);
        Instant now = Instant.now();
        int version = expected + 1;
        try {
            jdbc.update("INSERT INTO narrative_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", code, year, version,
                    status.name(), Words.storedText(canonical), cut(author, 300), Timestamp.from(now), source.name(), hash);
        } catch (DuplicateKeyException e) {
            throw new Stale(latestVersion(code, year));
        }
        return new NarrativeVersion(code, year, version, status, canonical, cut(author, 300), now, source, hash);
    }

    /** The latest version's number of (code, year), 0 when there is none. */
    public int latestVersion(String code, int year) {
        Integer latest = jdbc.queryForObject("SELECT MAX(version) FROM narrative_version WHERE agency_code = ? AND fiscal_year = ?",
                Integer.class, code, year);
        return latest == null ? 0 : latest;
    }

    // ---------------------------------------------------------------- what the import last took from each file

    /** What the import last took from a file of the folder. */
    public record FileRecord(String fileName, String fileHash, String contentHash, String code, int year) {
    }

    public Map<String, FileRecord> files() {
        Map<String, FileRecord> out = new HashMap<>();
        jdbc.query("SELECT file_name, file_hash, content_hash, agency_code, fiscal_year FROM narrative_file",
                (RowCallbackHandler) rs -> out.put(rs.getString(1), new FileRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5))));
        return out;
    }

    public void rememberFile(FileRecord file, Integer version) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE narrative_file SET file_hash = ?, content_hash = ?, agency_code = ?, fiscal_year = ?, version = ?, "
                        + "imported_at = ? WHERE file_name = ?", file.fileHash(), file.contentHash(), file.code(), file.year(), version, now,
                file.fileName());
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO narrative_file (file_name, file_hash, content_hash, agency_code, fiscal_year, version, imported_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", file.fileName(), file.fileHash(), file.contentHash(), file.code(), file.year(),
                        version, now);
            } catch (DuplicateKeyException e) {
                // Another instance imported the same file at the same moment: its record is as good.
            }
        }
    }

    private NarrativeVersion version(ResultSet rs, int row) throws SQLException {
        String code = rs.getString("agency_code");
        int year = rs.getInt("fiscal_year");
        return new NarrativeVersion(code, year, rs.getInt("version"), WordStatus.valueOf(rs.getString("status")),
                Words.fromStored(code, year, rs.getString("words")), rs.getString("author"), rs.getTimestamp("created_at").toInstant(),
                WordSource.valueOf(rs.getString("source")), rs.getString("content_hash"));
    }

    private static String cut(String text, int length) {
        return text == null ? "" : text.length() <= length ? text : text.substring(0, length);
    }
}
