package org.budgethub.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.publish.ChangeSummary;
import org.budgethub.publish.DeliveryStatus;
import org.budgethub.web.Paged;

/**
 * The review queue at district and city scale: every version awaiting review read light (no
 * disclosure.json, no files), grouped by department (the department's own version first, then its
 * units), filtered and paged by whole departments, so a department's units are always on one page.
 * Only the cards of the page shown read their disclosure.json (the warnings' text, what changed);
 * the finding counts the filters need are counted once per version into review_findings.
 */
@Component
class ReviewQueue {

    /** A page holds this many departments unless asked otherwise: at 1,000 units 20 made the page 536 KB (DashboardLoad), 10 keeps it near half. */
    static final int GROUPS_PER_PAGE = 10;
    static final int MAX_GROUPS_PER_PAGE = 20;
    private static final int CHUNK = 500;

    /**
     * One version awaiting review, light.
     *
     * @param group            the department it belongs to (a department's own code; a unit without a department its own)
     * @param deliveredVersion the newest version on the website (withdrawn or not); null for a first publication
     * @param lookedAt         when the asking reviewer first opened its preview or diff; null: not yet
     * @param standing         against the deadline; null without an approval date
     */
    public record Entry(long id, String code, String name, boolean department, int version, Instant builtAt, String builtBy,
                 Integer deliveredVersion, int fatal, int warn, int info, Instant lookedAt, String group, String groupName,
                 Deadlines.Standing standing) {

        public boolean warnings() {
            return fatal + warn > 0;
        }

        public boolean looked() {
            return lookedAt != null;
        }

        /** A correction of a published disclosure, not its first publication. */
        public boolean correction() {
            return deliveredVersion != null;
        }

        public boolean late() {
            return standing != null && standing.late();
        }

        /** What stops it from being approved with its department's clean units; null when nothing does. */
        public String notClean() {
            if (department) {
                return "是部门预算，须单独批准";
            }
            if (warnings()) {
                return "有 " + (fatal + warn) + " 条警告，须逐个审核";
            }
            return looked() ? null : "您尚未打开它的预览或变化";
        }
    }

    /**
     * What the reviewer asked to see: only versions with warnings ({@code warnings}); corrections
     * ({@code changed} true) or first publications (false); one department; only late ones; a
     * code or name containing {@code q}. Null or blank: no filter.
     */
    public record Filter(Boolean warnings, Boolean changed, String department, boolean late, String q) {

        static final Filter NONE = new Filter(null, null, null, false, null);

        public Filter {
            department = department == null || department.isBlank() ? null : department.strip();
            q = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        }

        public boolean test(Entry e) {
            return (warnings == null || e.warnings() == warnings)
                    && (changed == null || e.correction() == changed)
                    && (department == null || department.equals(e.group()))
                    && (!late || e.late())
                    && (q == null || e.code().toLowerCase(Locale.ROOT).contains(q)
                        || e.name() != null && e.name().toLowerCase(Locale.ROOT).contains(q));
        }

        public boolean any() {
            return warnings != null || changed != null || department != null || late || q != null;
        }
    }

    /** A card of the page: the version, its warnings with where they point, and what changed since the website's version. */
    public record Card(Entry entry, List<ReviewFindings.Item> warnings, List<String> changed) {

        public List<ReviewFindings.Item> shown() {
            return warnings.size() <= ReviewFindings.SHOWN ? warnings : warnings.subList(0, ReviewFindings.SHOWN);
        }
    }

    /**
     * A department on the page with the versions shown of it.
     *
     * @param unitsAwaiting every unit of the department awaiting review, whatever the filter shows
     */
    public record Group(String code, String name, boolean known, List<Card> cards, List<String> unitsAwaiting) {

        /** The units shown that have no warning and were looked at by this reviewer: approved together. */
        public List<String> clean() {
            return cards.stream().map(Card::entry).filter(e -> e.notClean() == null).map(Entry::code).toList();
        }

        /** The department's own version, when it awaits review and is shown. */
        public Card departmentCard() {
            return cards.stream().filter(c -> c.entry().department()).findFirst().orElse(null);
        }
    }

    private final JdbcTemplate jdbc;
    private final AgencyDirectory directory;
    private final Deadlines deadlines;

    ReviewQueue(JdbcTemplate jdbc, AgencyDirectory directory, Deadlines deadlines) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.deadlines = deadlines;
    }

    /** Every version of the year awaiting review, light, in the directory's order (department, then its units). */
    List<Entry> entries(int year, String user) {
        countFindings(year);
        Map<String, AgencyDirectory.Entry> known = directory.of(year);
        Map<String, Deadlines.Standing> standings = deadlines.standings(year);
        Map<String, Entry> byCode = new HashMap<>();
        jdbc.query("SELECT d.id, d.agency_code, d.agency_name, d.kind, d.version, d.created_at, d.built_by, "
                        + "(SELECT MAX(e.version) FROM delivery e WHERE e.fiscal_year = d.fiscal_year AND e.agency_code = d.agency_code "
                        + "AND e.status IN (?, ?)) AS delivered_version, f.fatal, f.warn, f.info, l.looked_at "
                        + "FROM delivery d LEFT JOIN review_findings f ON f.delivery_id = d.id "
                        + "LEFT JOIN review_look l ON l.delivery_id = d.id AND l.username = ? "
                        + "WHERE d.fiscal_year = ? AND d.status = ?", rs -> {
                    String code = rs.getString("agency_code");
                    AgencyDirectory.Entry entry = known.get(code);
                    boolean department = "department".equals(rs.getString("kind")) || entry != null && entry.isDepartment();
                    String group = entry != null && !department && entry.department() != null ? entry.department() : code;
                    AgencyDirectory.Entry groupEntry = known.get(group);
                    String name = rs.getString("agency_name") != null ? rs.getString("agency_name") : entry == null ? null : entry.name();
                    String groupName = groupEntry != null ? groupEntry.name() : group.equals(code) ? name : null;
                    Timestamp looked = rs.getTimestamp("looked_at");
                    byCode.put(code, new Entry(rs.getLong("id"), code, name, department, rs.getInt("version"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("built_by"),
                            (Integer) rs.getObject("delivered_version", Integer.class), rs.getInt("fatal"), rs.getInt("warn"),
                            rs.getInt("info"), looked == null ? null : looked.toInstant(), group, groupName, standings.get(code)));
                }, DeliveryStatus.DELIVERED.name(), DeliveryStatus.WITHDRAWN.name(), user, year, DeliveryStatus.AWAITING_REVIEW.name());
        List<Entry> out = new ArrayList<>();
        directory.ordered(year, byCode.keySet()).forEach(code -> out.add(byCode.get(code)));
        return out;
    }

    /** The departments with versions awaiting review that the filter shows, {@code size} departments a page. */
    Paged<Group> groups(int year, List<Entry> all, Filter filter, Integer page, Integer size) {
        Map<String, List<Entry>> shown = new LinkedHashMap<>();
        Map<String, List<String>> unitsAwaiting = new HashMap<>();
        for (Entry e : all) {
            if (!e.department()) {
                unitsAwaiting.computeIfAbsent(e.group(), k -> new ArrayList<>()).add(e.code());
            }
            if (filter.test(e)) {
                shown.computeIfAbsent(e.group(), k -> new ArrayList<>()).add(e);
            }
        }
        int s = size == null || size < 1 ? GROUPS_PER_PAGE : Math.min(size, MAX_GROUPS_PER_PAGE);
        int pages = Math.max(1, (shown.size() + s - 1) / s);
        int p = Math.min(Paged.page(page), pages);
        List<Map.Entry<String, List<Entry>>> slice = new ArrayList<>(shown.entrySet())
                .subList((int) Math.min(shown.size(), Paged.offset(p, s)), (int) Math.min(shown.size(), Paged.offset(p, s) + s));
        Map<Long, Card> cards = cards(year, slice.stream().flatMap(g -> g.getValue().stream()).toList());
        Map<String, AgencyDirectory.Entry> known = directory.of(year);
        List<Group> groups = slice.stream().map(g -> new Group(g.getKey(), g.getValue().get(0).groupName(),
                known.containsKey(g.getKey()) && known.get(g.getKey()).isDepartment(),
                g.getValue().stream().map(e -> cards.get(e.id())).toList(),
                unitsAwaiting.getOrDefault(g.getKey(), List.of()))).toList();
        return new Paged<>(groups, p, s, shown.size());
    }

    /** The versions the filter shows, flat, in the same order, a page of {@code size} (the API). */
    Paged<Card> versions(int year, String user, Filter filter, Integer page, Integer size) {
        List<Entry> shown = entries(year, user).stream().filter(filter::test).toList();
        int s = Paged.size(size);
        int p = Paged.page(page);
        int from = (int) Math.min(shown.size(), Paged.offset(p, s));
        List<Entry> slice = shown.subList(from, Math.min(shown.size(), from + s));
        Map<Long, Card> cards = cards(year, slice);
        return new Paged<>(slice.stream().map(e -> cards.get(e.id())).toList(), p, s, shown.size());
    }

    /** The departments that have versions awaiting review, for the filter's list: code and name. */
    Map<String, String> departments(List<Entry> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach(e -> out.putIfAbsent(e.group(), e.groupName()));
        return out;
    }

    /** The units of {@code department} whose version awaits review (the department's approval asks about them first). */
    List<String> unitsAwaiting(int year, String department) {
        List<String> units = directory.find(year, department).filter(AgencyDirectory.Entry::isDepartment)
                .map(AgencyDirectory.Entry::units).orElse(List.of());
        List<String> out = new ArrayList<>();
        for (int from = 0; from < units.size(); from += CHUNK) {
            List<String> part = units.subList(from, Math.min(units.size(), from + CHUNK));
            List<Object> args = new ArrayList<>(List.of(year, DeliveryStatus.AWAITING_REVIEW.name()));
            args.addAll(part);
            out.addAll(jdbc.queryForList("SELECT agency_code FROM delivery WHERE fiscal_year = ? AND status = ? AND agency_code IN ("
                    + String.join(", ", Collections.nCopies(part.size(), "?")) + ") ORDER BY agency_code", String.class, args.toArray()));
        }
        return out;
    }

    /** The cards of these versions: only they read their disclosure.json, and a correction's delivered one. */
    private Map<Long, Card> cards(int year, List<Entry> entries) {
        Map<Long, String> json = new HashMap<>();
        List<Long> needed = entries.stream().filter(e -> e.warnings() || e.correction()).map(Entry::id).toList();
        for (int from = 0; from < needed.size(); from += CHUNK) {
            List<Long> part = needed.subList(from, Math.min(needed.size(), from + CHUNK));
            jdbc.query("SELECT id, disclosure_json FROM delivery WHERE id IN (" + String.join(", ", Collections.nCopies(part.size(), "?"))
                    + ")", rs -> {
                json.put(rs.getLong(1), rs.getString(2));
            }, part.toArray());
        }
        Map<Long, Card> out = new HashMap<>();
        for (Entry e : entries) {
            String mine = json.get(e.id());
            List<String> changed = List.of();
            if (e.correction()) {
                String delivered = jdbc.query("SELECT disclosure_json FROM delivery WHERE fiscal_year = ? AND agency_code = ? AND version = ?",
                        (rs, i) -> rs.getString(1), year, e.code(), e.deliveredVersion()).stream().findFirst().orElse(null);
                changed = delivered == null || mine == null ? List.of() : ChangeSummary.changedParts(delivered, mine);
            }
            out.put(e.id(), new Card(e, e.warnings() ? ReviewFindings.warnings(mine) : List.of(), changed));
        }
        return out;
    }

    /** Counts the findings of the year's versions awaiting review not counted yet, one disclosure.json at a time. */
    private void countFindings(int year) {
        List<Long> ids = jdbc.queryForList("SELECT d.id FROM delivery d WHERE d.fiscal_year = ? AND d.status = ? "
                + "AND NOT EXISTS (SELECT 1 FROM review_findings f WHERE f.delivery_id = d.id)", Long.class,
                year, DeliveryStatus.AWAITING_REVIEW.name());
        for (long id : ids) {
            String json = jdbc.query("SELECT disclosure_json FROM delivery WHERE id = ?", (rs, i) -> rs.getString(1), id)
                    .stream().findFirst().orElse(null);
            Map<String, Integer> counts = ChangeSummary.findingCounts(json);
            try {
                jdbc.update("INSERT INTO review_findings (delivery_id, fatal, warn, info) VALUES (?, ?, ?, ?)", id,
                        counts.get("FATAL"), counts.get("WARN"), counts.get("INFO"));
            } catch (DuplicateKeyException e) {
                // counted by another request at the same moment
            }
        }
    }

    /** A rejected version that is still the newest of its agency: the page says how to bring it back. */
    public record Rejected(String code, String name, int version, String reviewedBy, Instant reviewedAt, String reason) {
    }

    /** The year's agencies whose newest version was rejected, at most {@code limit}, and how many there are. */
    Paged<Rejected> rejected(int year, int limit) {
        String newestRejected = "FROM delivery d WHERE d.fiscal_year = ? AND d.status = ? AND d.version = "
                + "(SELECT MAX(e.version) FROM delivery e WHERE e.fiscal_year = d.fiscal_year AND e.agency_code = d.agency_code)";
        Long total = jdbc.queryForObject("SELECT COUNT(*) " + newestRejected, Long.class, year, DeliveryStatus.REJECTED.name());
        List<Rejected> items = jdbc.query("SELECT d.agency_code, d.agency_name, d.version, d.reviewed_by, d.reviewed_at, d.review_reason "
                + newestRejected + " ORDER BY d.reviewed_at DESC, d.agency_code FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                (rs, i) -> new Rejected(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6)),
                year, DeliveryStatus.REJECTED.name());
        return new Paged<>(items, 1, Math.max(1, limit), total == null ? 0 : total);
    }
}
