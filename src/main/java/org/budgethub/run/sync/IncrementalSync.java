package org.budgethub.run.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.ingest.Rows;
import org.budgethub.ingest.SourceFingerprints;
import org.budgethub.run.RunContext;
import org.budgethub.run.RunHistory;
import org.budgethub.run.RunRequest;

/**
 * Incremental sync (增量同步): which agencies of a run must be built again. A run of every agency
 * (and the schedule's runs) first reads a few year-wide fingerprint queries (sql/sync-*.sql, never
 * one per agency), then builds only the units whose sources changed since they were last built:
 *
 * <ul>
 *   <li>their timestamped rows (bgt_appropriation, bgt_ledger, bgt_procurement) changed after the
 *       watermark they were built at, a soft delete included (is_deleted flips, update_time moves);</li>
 *   <li>the content fingerprint of their rows changed: bas_agency, bgt_project, bgt_perf_indicator
 *       and ast_vehicle have no update_time, and counts and sums catch hard deletes and rows moved to
 *       another agency;</li>
 *   <li>their words changed (the content hash of their latest version in the narrative store, or of
 *       their file when runs read the folder; without words, what their draft carries forward), or the element tables of Y or P, or the
 *       templates and rules every package is made with (then every agency of the year);</li>
 *   <li>they were never built, or their last build failed or was held back.</li>
 * </ul>
 *
 * A department is built when its own narrative, its list of units or its record says so, or when
 * any of its units' sources changed. The watermark is the latest update_time seen at plan time, but
 * never later than the finance database's own clock less {@code hub.run.incremental.settle}: a row
 * committed late, stamped before the plan but invisible to it, is still newer than the watermark,
 * and a row stamped exactly at the watermark was seen (rows are compared with {@code >}).
 *
 * <p>Each run's fingerprints travel as the exchange property "sync" ({@link Plan}); what every agency
 * was built from is kept in the hub database (V7__sync_watermark.sql) when the run finishes.
 */
@Component("incrementalSync")
public class IncrementalSync {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSync.class);

    static final String UNIT = "unit";
    static final String DEPARTMENT = "department";

    private static final List<String> AGENCY_COLUMNS = List.of("fiscal_year", "agency_code", "agency_name", "parent_agency_code",
            "agency_kind", "in_admin_cost_scope", "supervisor_name");
    private static final List<String> APPROPRIATION_COLUMNS = List.of("appropriations", "deleted", "entries", "amount");
    private static final List<String> PROCUREMENT_COLUMNS = List.of("item_code", "item_name", "category", "fund_type_code", "amount");
    private static final List<String> PROJECT_COLUMNS = List.of("pro_code", "pro_name", "pro_summary", "pro_basis", "perf_goal");
    private static final List<String> INDICATOR_COLUMNS = List.of("pro_code", "seq", "name", "weight", "unit", "nature", "target");
    private static final List<String> VEHICLE_COLUMNS = List.of("general_held", "enforcement_held", "general_planned", "enforcement_planned");
    private static final List<String> ELEMENT_COLUMNS = List.of("fiscal_year", "code", "name");


    private final JdbcTemplate hub;
    private final RunHistory history;
    private final Path templatesDir;
    private final String settingsText;
    private final Duration settle;
    private final boolean enabled;

    public IncrementalSync(JdbcTemplate hub, RunHistory history, HubProperties properties) {
        this.hub = hub;
        this.history = history;
        this.templatesDir = Path.of(properties.templates().dir());
        this.settle = properties.run().incremental().settle();
        this.enabled = properties.run().incremental().enabled();
        // What every package is made with besides its data: rule severities, the PDF font, the CMS's
        // metadata and the hub's own version. The templates are read at each run (they are files).
        this.settingsText = "severity=" + new TreeMap<>(properties.validation().severity()) + "\nfont="
                + (properties.render() == null ? "" : properties.render().font()) + "\ncms="
                + (properties.cms() == null ? "" : properties.cms().metadata()) + "\nversion="
                + IncrementalSync.class.getPackage().getImplementationVersion() + "\n";
    }

    /** What a unit or department was built from, as the hub database keeps it. */
    record Fingerprint(String source, String narrative, String shared, LocalDateTime latest) {
    }

    /** The hub database's record of one agency: what it was last built from, and how that build ended. */
    record Stored(SyncStatus status, LocalDateTime watermark, String source, String narrative, String shared) {
    }

    /**
     * One run's view of its sources (the exchange property "sync"): the fingerprints as the sync
     * queries stream in, then which units and departments the run builds and how many it skips.
     */
    public static final class Plan {

        private final boolean tracked;
        private final boolean incremental;
        private final SourceFingerprints sources = new SourceFingerprints();
        private final SourceFingerprints elements = new SourceFingerprints();
        private final List<String> yearUnits = new ArrayList<>();
        private final Map<String, String> departmentOf = new HashMap<>();
        private LocalDateTime clock;
        private LocalDateTime watermark;
        private String elementsHash = "";
        private String settingsHash = "";
        private final Map<String, Fingerprint> units = new LinkedHashMap<>();
        private final Map<String, Fingerprint> departments = new LinkedHashMap<>();
        private final Set<String> selectedUnits = new LinkedHashSet<>();
        private final Set<String> selectedDepartments = new LinkedHashSet<>();
        private int skipped;

        Plan(boolean tracked, boolean incremental) {
            this.tracked = tracked;
            this.incremental = incremental;
        }

        /** Whether the run keeps the sync record: it reads the fingerprints, and records what it built. */
        public boolean tracked() {
            return tracked;
        }

        /** Whether the run skips the agencies whose sources did not change. */
        public boolean incremental() {
            return incremental;
        }

        public Set<String> selectedUnits() {
            return selectedUnits;
        }

        public Set<String> selectedDepartments() {
            return selectedDepartments;
        }

        public int skipped() {
            return skipped;
        }

        /** The watermark this run's builds are recorded at. */
        public LocalDateTime watermark() {
            return watermark;
        }
    }

    /** A run's plan: tracked and incremental as its request asks (and hub.run.incremental.enabled allows). */
    public Plan start(RunContext run) {
        RunRequest request = run.request();
        return new Plan(request.syncTracked(), enabled && request.incremental());
    }

    /** The element tables of Y and P (functional-elements.sql, economic-elements.sql), as the run read them. */
    public void elements(Plan plan, List<Map<String, Object>> functionalRows, List<Map<String, Object>> economicRows) {
        if (!plan.tracked) {
            return;
        }
        functionalRows.forEach(row -> plan.elements.add("ele_exp_func", "", row, ELEMENT_COLUMNS));
        economicRows.forEach(row -> plan.elements.add("ele_dep_bgt_eco", "", row, ELEMENT_COLUMNS));
    }

    public void fundTypes(Plan plan, Iterator<Map<String, Object>> rows) {
        rows.forEachRemaining(row -> plan.elements.add("ele_fund_type", "", row, List.of("code", "name")));
    }

    /** The finance database's LOCALTIMESTAMP (sync-clock.sql). */
    public void clock(Plan plan, Iterator<Map<String, Object>> rows) {
        while (rows.hasNext()) {
            plan.clock = SourceFingerprints.timestamp(Rows.value(rows.next(), "finance_clock"));
        }
    }

    /** bas_agency of Y and P: fingerprints by code without white space, the units of Y and their departments. */
    public void agencies(Plan plan, Iterator<Map<String, Object>> rows, int year) {
        Set<String> units = new TreeSet<>();
        while (rows.hasNext()) {
            Map<String, Object> row = rows.next();
            String code = trim(Rows.text(row, "agency_code"));
            plan.sources.add("bas_agency", code, row, AGENCY_COLUMNS);
            if (Rows.integer(row, "fiscal_year") == year) {
                units.add(code);
                String department = trim(Rows.text(row, "parent_agency_code"));
                if (department != null && !department.isEmpty()) {
                    plan.departmentOf.merge(code, department, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        plan.yearUnits.addAll(units);
    }

    public void appropriations(Plan plan, Iterator<Map<String, Object>> rows) {
        while (rows.hasNext()) {
            Map<String, Object> row = rows.next();
            String code = Rows.text(row, "agency_code");
            plan.sources.add("bgt_appropriation", code, row, APPROPRIATION_COLUMNS);
            plan.sources.touched(code, Rows.value(row, "appropriation_time"));
            plan.sources.touched(code, Rows.value(row, "ledger_time"));
        }
    }

    public void procurement(Plan plan, Iterator<Map<String, Object>> rows) {
        while (rows.hasNext()) {
            Map<String, Object> row = rows.next();
            String code = Rows.text(row, "agency_code");
            plan.sources.add("bgt_procurement", code, row, PROCUREMENT_COLUMNS);
            plan.sources.touched(code, Rows.value(row, "update_time"));
        }
    }

    public void projects(Plan plan, Iterator<Map<String, Object>> rows) {
        rows.forEachRemaining(row -> plan.sources.add("bgt_project", Rows.text(row, "agency_code"), row, PROJECT_COLUMNS));
    }

    public void indicators(Plan plan, Iterator<Map<String, Object>> rows) {
        rows.forEachRemaining(row -> plan.sources.add("bgt_perf_indicator", Rows.text(row, "agency_code"), row, INDICATOR_COLUMNS));
    }

    public void vehicles(Plan plan, Iterator<Map<String, Object>> rows) {
        rows.forEachRemaining(row -> plan.sources.add("ast_vehicle", Rows.text(row, "agency_code"), row, VEHICLE_COLUMNS));
    }

    /**
     * Decides what the run builds: every unit and department in its scope for a full rebuild, else
     * those whose sources changed (see the class comment), and tells the report how many it skips.
     */
    public void select(Plan plan, RunContext run) {
        if (!plan.tracked) {
            return;
        }
        int year = run.year();
        LocalDateTime clock = plan.clock != null ? plan.clock : LocalDateTime.now();
        LocalDateTime settled = clock.minus(settle);
        LocalDateTime latest = plan.sources.latest().orElse(settled);
        plan.watermark = latest.isBefore(settled) ? latest : settled;
        plan.elementsHash = plan.elements.hash("");
        plan.settingsHash = SourceFingerprints.sha256Hex(settingsText + "templates=" + templatesHash() + "\n");
        String shared = SourceFingerprints.sha256Hex(plan.elementsHash + "/" + plan.settingsHash);
        Map<String, Stored> stored = stored(year);

        List<String> scope = run.agencies() == null ? plan.yearUnits
                : run.listedUnitRows().stream().map(r -> trim(Rows.text(r, "agency_code"))).toList();
        Map<String, Integer> reasons = new TreeMap<>();
        Set<String> sourceChanged = new java.util.HashSet<>();
        for (String unit : scope) {
            Fingerprint fp = new Fingerprint(plan.sources.hash(unit), run.words().fingerprint(unit), shared,
                    plan.sources.latest(unit).orElse(null));
            plan.units.put(unit, fp);
            Stored was = stored.get(key(unit, UNIT));
            String reason = unitReason(was, fp);
            if (reason != null && !reason.equals("narrative") && !reason.equals("retry")) {
                sourceChanged.add(unit);
            }
            if (!plan.incremental || reason != null) {
                plan.selectedUnits.add(unit);
                reasons.merge(reason == null ? "full" : reason, 1, Integer::sum);
            }
        }
        Map<String, List<String>> unitsOf = new TreeMap<>();
        plan.yearUnits.forEach(u -> {
            String d = plan.departmentOf.get(u);
            if (d != null) {
                unitsOf.computeIfAbsent(d, k -> new ArrayList<>()).add(u);
            }
        });
        for (String department : run.departments()) {
            List<String> itsUnits = unitsOf.getOrDefault(department, List.of());
            Fingerprint fp = new Fingerprint(SourceFingerprints.sha256Hex(String.join(",", itsUnits)),
                    run.words().fingerprint(department), shared, null);
            plan.departments.put(department, fp);
            Stored was = stored.get(key(department, DEPARTMENT));
            String reason = departmentReason(was, fp, itsUnits.stream().anyMatch(sourceChanged::contains));
            if (!plan.incremental || reason != null) {
                plan.selectedDepartments.add(department);
                reasons.merge(reason == null ? "full" : "department " + reason, 1, Integer::sum);
            }
        }
        int planned = scope.size() + run.departments().size();
        int selected = plan.selectedUnits.size() + plan.selectedDepartments.size();
        if (plan.incremental) {
            plan.skipped = planned - selected;
            run.report().skipped(plan.skipped);
            run.report().expect(selected);
            history.expect(run.runId(), selected);
            // Counted now, as the run's own: a run with nothing to build says how many it found unchanged, not 0.
            history.skippedUnchanged(run.runId(), plan.skipped);
        }
        LOG.info("运行 #{}（{}）：需生成单位 {}/{} 个、部门 {}/{} 个（原因 {}），来源数据无改动而跳过 {} 个；"
                        + "财政数据最新更新时间 {}，水位 {}", run.runId(), plan.incremental ? "增量同步" : "全量重建",
                plan.selectedUnits.size(), scope.size(), plan.selectedDepartments.size(), run.departments().size(), reasons,
                plan.skipped, plan.sources.latest().map(Object::toString).orElse("无"), plan.watermark);
    }

    /** Why a unit is built again (null: it is not): new, retry, shared, data or narrative. */
    static String unitReason(Stored was, Fingerprint now) {
        if (was == null) {
            return "new";
        }
        if (!was.shared().equals(now.shared())) {
            return "shared";
        }
        if (!was.source().equals(now.source())
                || now.latest() != null && (was.watermark() == null || now.latest().isAfter(was.watermark()))) {
            return "data";
        }
        if (was.status() != SyncStatus.BUILT) {
            return "retry";
        }
        if (!was.narrative().equals(now.narrative())) {
            return "narrative";
        }
        return null;
    }

    /** Why a department is built again (null: it is not). */
    static String departmentReason(Stored was, Fingerprint now, boolean aUnitChanged) {
        if (was == null) {
            return "new";
        }
        if (!was.shared().equals(now.shared())) {
            return "shared";
        }
        if (!was.source().equals(now.source())) {
            return "units";
        }
        if (aUnitChanged) {
            return "data";
        }
        if (was.status() != SyncStatus.BUILT) {
            return "retry";
        }
        if (!was.narrative().equals(now.narrative())) {
            return "narrative";
        }
        return null;
    }

    /** The run's units (rows of agencies.sql, listed rows, or one agency's): only the selected ones on an incremental run. */
    public Object units(Plan plan, Object rows) {
        if (!plan.incremental) {
            return rows;
        }
        Iterator<?> all = rows instanceof Iterable<?> list ? list.iterator() : rows instanceof Iterator<?> it ? it : List.of().iterator();
        return new Iterator<Object>() {
            private Object next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    Object row = all.next();
                    if (!(row instanceof Map<?, ?> map) || plan.selectedUnits.contains(trim(Rows.text(cast(map), "agency_code")))) {
                        next = row;
                    }
                }
                return next != null;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object row = next;
                next = null;
                return row;
            }
        };
    }

    /** The departments the run builds after its units: only the selected ones on an incremental run. */
    public List<Map<String, Object>> departmentRows(Plan plan, RunContext run) {
        List<Map<String, Object>> rows = run.departmentRows();
        if (!plan.incremental) {
            return rows;
        }
        return rows.stream().filter(r -> plan.selectedDepartments.contains(Rows.text(r, "agency_code"))).toList();
    }

    /**
     * Records what each agency the run built was built from (a failed or held-back one as FAILED, so
     * the next run tries it again), the year's watermark, and how many agencies the run skipped. A run
     * that could not go on records nothing: the next run sees the same changes again.
     */
    public void finish(Plan plan, RunContext run) {
        if (!plan.tracked || run.report().aborted() != null) {
            return;
        }
        Map<String, SyncStatus> outcome = new LinkedHashMap<>();
        run.report().exported().forEach(e -> outcome.merge(e.agency(), SyncStatus.BUILT, SyncStatus::worse));
        run.report().failed().forEach(f -> outcome.merge(f.agency(), SyncStatus.FAILED, SyncStatus::worse));
        Timestamp now = Timestamp.from(Instant.now());
        int recorded = 0;
        for (Map.Entry<String, SyncStatus> e : outcome.entrySet()) {
            String code = e.getKey();
            if (plan.selectedUnits.contains(code) && plan.units.containsKey(code)) {
                record(run, plan, code, UNIT, plan.units.get(code), e.getValue(), now);
                recorded++;
            }
            if (plan.selectedDepartments.contains(code) && plan.departments.containsKey(code)) {
                record(run, plan, code, DEPARTMENT, plan.departments.get(code), e.getValue(), now);
                recorded++;
            }
        }
        upsert("UPDATE sync_watermark SET watermark = ?, finance_clock = ?, latest_seen = ?, elements_hash = ?, settings_hash = ?, "
                        + "run_id = ?, updated_at = ? WHERE fiscal_year = ?",
                "INSERT INTO sync_watermark (watermark, finance_clock, latest_seen, elements_hash, settings_hash, run_id, updated_at, "
                        + "fiscal_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                plan.watermark, plan.clock, plan.sources.latest().orElse(null), plan.elementsHash, plan.settingsHash, run.runId(), now,
                run.year());
        hub.update("UPDATE run SET skipped_unchanged = ? WHERE id = ?", plan.skipped, run.runId());
        LOG.info("运行 #{}：已保存 {} 个单位的同步记录，水位 {}", run.runId(), recorded, plan.watermark);
    }

    private void record(RunContext run, Plan plan, String code, String kind, Fingerprint fp, SyncStatus status, Timestamp now) {
        upsert("UPDATE sync_agency SET status = ?, watermark = ?, source_hash = ?, narrative_hash = ?, shared_hash = ?, run_id = ?, "
                        + "updated_at = ? WHERE fiscal_year = ? AND agency_code = ? AND kind = ?",
                "INSERT INTO sync_agency (status, watermark, source_hash, narrative_hash, shared_hash, run_id, updated_at, fiscal_year, "
                        + "agency_code, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                status.name(), plan.watermark, fp.source(), fp.narrative(), fp.shared(), run.runId(), now, run.year(), code, kind);
    }

    /** Update, else insert (else, when another instance inserted meanwhile, update): portable to H2 and PostgreSQL. */
    private void upsert(String update, String insert, Object... values) {
        if (hub.update(update, values) > 0) {
            return;
        }
        try {
            hub.update(insert, values);
        } catch (DuplicateKeyException e) {
            hub.update(update, values);
        }
    }

    /**
     * What each agency was last built from; an agency whose newest version's stored files did not
     * verify (INCOMPLETE) counts as not built, so it is built again however unchanged its sources.
     */
    private Map<String, Stored> stored(int year) {
        Map<String, Stored> out = new HashMap<>();
        hub.query("SELECT s.agency_code, s.kind, s.status, s.watermark, s.source_hash, s.narrative_hash, s.shared_hash, "
                        + "(SELECT COUNT(*) FROM delivery d WHERE d.fiscal_year = s.fiscal_year AND d.agency_code = s.agency_code "
                        + "AND d.status = ?) AS incomplete FROM sync_agency s WHERE s.fiscal_year = ?",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    out.put(key(rs.getString("agency_code"), rs.getString("kind")),
                            new Stored(rs.getLong("incomplete") > 0 ? SyncStatus.FAILED : SyncStatus.valueOf(rs.getString("status")),
                            rs.getObject("watermark", LocalDateTime.class), rs.getString("source_hash"), rs.getString("narrative_hash"),
                            rs.getString("shared_hash")));
                }, org.budgethub.publish.DeliveryStatus.INCOMPLETE.name(), year);
        return out;
    }

    /** The templates every 说明 is written with (hub.templates.dir): names and contents. */
    private String templatesHash() {
        if (!Files.isDirectory(templatesDir)) {
            return "";
        }
        MessageDigest d = sha256();
        try (Stream<Path> list = Files.list(templatesDir)) {
            for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
                d.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(Files.readAllBytes(file));
                d.update((byte) 0);
            }
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String code, String kind) {
        return kind + ":" + code;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> row) {
        return (Map<String, ?>) row;
    }
}
