package org.budgethub.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.health.FailureExplainer;
import org.budgethub.mapping.Consolidation;

/**
 * Who the agencies of a year are, for the console and the API: names, and which department
 * (parent_agency_code) each unit belongs to, read from the finance system's bas_agency and kept
 * for a minute. A finance database that cannot be read leaves the directory empty, never the page.
 */
@Component
public class AgencyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyDirectory.class);
    private static final Duration KEEP = Duration.ofMinutes(1);

    /** A unit, or a department (its name is its 本级's; {@code units} its units in code order). */
    public record Entry(String code, String name, String department, boolean isDepartment, List<String> units) {
    }

    private record Year(Instant read, Map<String, Entry> entries, boolean readable) {
    }

    private record Years(Instant read, java.util.SortedSet<Integer> years) {
    }

    private final JdbcTemplate finance;
    private final Clock clock;
    private final Map<Integer, Year> years = new ConcurrentHashMap<>();
    private volatile Years fiscalYears;

    public AgencyDirectory(@Qualifier("financeDataSource") DataSource financeDataSource) {
        this.finance = new JdbcTemplate(financeDataSource);
        this.finance.setQueryTimeout(10);
        this.clock = Clock.systemUTC();
    }

    /** Every unit and department of the year by code, departments first among equals. */
    public Map<String, Entry> of(int year) {
        return year(year).entries();
    }

    private Year year(int year) {
        Year cached = years.get(year);
        if (cached == null || cached.read().plus(KEEP).isBefore(clock.instant())) {
            cached = read(year);
            years.put(year, cached);
        }
        return cached;
    }

    /** The fiscal years bas_agency holds, newest first; empty when the finance database cannot be read. */
    public java.util.SortedSet<Integer> fiscalYears() {
        Years cached = fiscalYears;
        if (cached == null || cached.read().plus(KEEP).isBefore(clock.instant())) {
            java.util.SortedSet<Integer> found = new java.util.TreeSet<>(Comparator.reverseOrder());
            try {
                found.addAll(finance.queryForList("SELECT DISTINCT fiscal_year FROM bas_agency", Integer.class));
            } catch (RuntimeException e) {
                LOG.warn("无法从财政数据库读取预算年度：{}", FailureExplainer.innermostMessage(e));
            }
            cached = new Years(clock.instant(), java.util.Collections.unmodifiableSortedSet(found));
            fiscalYears = cached;
        }
        return cached.years();
    }

    /**
     * Why a run of {@code agency} (null: all) in {@code year} would be pointless, in the operator's
     * words, or null when it is fine. A finance database that cannot be read refuses nothing: the
     * run itself then says what is wrong.
     */
    public String refusal(int year, String agency) {
        String refusal = refusal(year(year), year, agency);
        if (refusal != null) {
            // The cache may predate the agency: refuse only on what the finance system says now.
            years.remove(year);
            fiscalYears = null;
            refusal = refusal(year(year), year, agency);
        }
        return refusal;
    }

    private String refusal(Year known, int year, String agency) {
        if (!known.readable()) {
            return null;
        }
        if (known.entries().isEmpty()) {
            java.util.SortedSet<Integer> all = fiscalYears();
            return "财政系统中没有 " + year + " 年的单位" + (all.isEmpty() ? "" : "（有数据的年度：" + all.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining("、")) + "）");
        }
        if (agency != null && !known.entries().containsKey(agency)) {
            return "财政系统中没有 " + year + " 年的单位或部门 " + agency;
        }
        return null;
    }

    public Optional<Entry> find(int year, String code) {
        return Optional.ofNullable(of(year).get(code));
    }

    /**
     * The codes in the order a person reads them: each department, then its units, then the units
     * without a department; codes the directory does not know come last.
     */
    public List<String> ordered(int year, java.util.Collection<String> codes) {
        Map<String, Entry> all = of(year);
        List<String> out = new ArrayList<>();
        java.util.Set<String> wanted = new java.util.TreeSet<>(codes);
        for (Entry e : all.values()) {
            if (e.isDepartment()) {
                if (wanted.remove(e.code())) {
                    out.add(e.code());
                }
                e.units().stream().filter(wanted::remove).forEach(out::add);
            }
        }
        wanted.stream().sorted(Comparator.comparing((String c) -> !all.containsKey(c)).thenComparing(c -> c)).forEach(out::add);
        return out;
    }

    private Year read(int year) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            List<String[]> rows = finance.query("SELECT TRIM(agency_code), agency_name, TRIM(parent_agency_code) FROM bas_agency "
                    + "WHERE fiscal_year = ? ORDER BY 1", (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, year);
            Map<String, List<String>> units = new TreeMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            for (String[] r : rows) {
                names.put(r[0], r[1]);
                if (r[2] != null && !r[2].isBlank()) {
                    units.computeIfAbsent(r[2], k -> new ArrayList<>()).add(r[0]);
                }
            }
            units.forEach((d, list) -> entries.put(d, new Entry(d, names.get(d + Consolidation.HEAD_SUFFIX), null, true, List.copyOf(list))));
            for (String[] r : rows) {
                entries.putIfAbsent(r[0], new Entry(r[0], r[1], r[2] == null || r[2].isBlank() ? null : r[2], false, List.of()));
            }
        } catch (RuntimeException e) {
            LOG.warn("无法从财政数据库读取 {} 年的单位目录：{}", year, FailureExplainer.innermostMessage(e));
            return new Year(clock.instant(), Map.of(), false);
        }
        return new Year(clock.instant(), entries, true);
    }
}
