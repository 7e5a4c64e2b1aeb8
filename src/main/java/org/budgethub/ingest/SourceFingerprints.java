package org.budgethub.ingest;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the finance system holds for each agency of a year, reduced to a fingerprint, so that a run
 * can tell which agencies changed since they were last built without reading them (incremental
 * sync). Rows are added table by table as the year-wide sync queries stream them; each agency keeps,
 * per table, how many rows it has and the sum of their SHA-256 digests, so the fingerprint does not
 * depend on the order the database returns rows in, and a row added, removed (a hard delete) or
 * changed in any column changes it. The latest {@code update_time} seen per agency is kept apart:
 * it is compared with the watermark the agency was last built at.
 */
public final class SourceFingerprints {

    /** Rows of one table: how many, and the sum of their digests (256 bits, four words, each mod 2^64). */
    private static final class Tally {
        long rows;
        final long[] sum = new long[4];

        void add(byte[] digest) {
            ByteBuffer words = ByteBuffer.wrap(digest);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += words.getLong();
            }
            rows++;
        }

        String describe() {
            return rows + ":" + String.format("%016x%016x%016x%016x", sum[0], sum[1], sum[2], sum[3]);
        }
    }

    private final Map<String, Map<String, Tally>> tallies = new HashMap<>();
    private final Map<String, LocalDateTime> latest = new HashMap<>();
    private LocalDateTime latestOverall;

    /**
     * Adds one row of {@code table} to {@code agency}'s fingerprint: the values of {@code columns},
     * in that order (column names are looked up case-insensitively, as {@link Rows} does).
     */
    public void add(String table, String agency, Map<String, ?> row, List<String> columns) {
        StringBuilder text = new StringBuilder(table);
        for (String column : columns) {
            text.append('\u001f').append(canonical(Rows.value(row, column)));
        }
        tallies.computeIfAbsent(key(agency), k -> new TreeMap<>()).computeIfAbsent(table, t -> new Tally()).add(sha256(text.toString()));
    }

    /** The agency's rows were last changed at {@code updateTime} (a TIMESTAMP value, or null). */
    public void touched(String agency, Object updateTime) {
        LocalDateTime at = timestamp(updateTime);
        if (at == null) {
            return;
        }
        latest.merge(key(agency), at, (a, b) -> a.isAfter(b) ? a : b);
        if (latestOverall == null || at.isAfter(latestOverall)) {
            latestOverall = at;
        }
    }

    /** The fingerprint of everything added for {@code agency}: a SHA-256 in hex (that of nothing for an agency without rows). */
    public String hash(String agency) {
        Map<String, Tally> tables = tallies.getOrDefault(key(agency), Map.of());
        StringBuilder text = new StringBuilder();
        tables.forEach((table, tally) -> text.append(table).append('=').append(tally.describe()).append('\n'));
        return hex(sha256(text.toString()));
    }

    /** When the agency's timestamped rows last changed, if it has any. */
    public Optional<LocalDateTime> latest(String agency) {
        return Optional.ofNullable(latest.get(key(agency)));
    }

    /** The latest {@code update_time} of every row added, if any had one. */
    public Optional<LocalDateTime> latest() {
        return Optional.ofNullable(latestOverall);
    }

    /** A value as the fingerprint reads it: amounts by their value (1.50 is 1.5), booleans and times in one spelling. */
    static String canonical(Object value) {
        if (value == null) {
            return "\u0000";
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return canonical(new BigDecimal(value.toString()));
        }
        if (value instanceof Number n) {
            return canonical(new BigDecimal(n.toString()));
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        LocalDateTime at = timestamp(value);
        if (at != null) {
            return at.toString();
        }
        return value.toString();
    }

    /** A TIMESTAMP column's value as the JDBC drivers hand it over (H2 and PostgreSQL), or null. */
    public static LocalDateTime timestamp(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toLocalDateTime();
        }
        if (value instanceof java.util.Date d) {
            return new java.sql.Timestamp(d.getTime()).toLocalDateTime();
        }
        return null;
    }

    /** A SHA-256 of {@code text} in hex: how the sync names every fingerprint it keeps. */
    public static String sha256Hex(String text) {
        return hex(sha256(text));
    }

    private static String key(String agency) {
        return agency == null ? "" : agency;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
