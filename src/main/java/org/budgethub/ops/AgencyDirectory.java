package org.budgethub.ops;

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

    private record Year(Instant read, Map<String, Entry> entries) {
    }

    private final JdbcTemplate finance;
    private final Clock clock;
    private final Map<Integer, Year> years = new ConcurrentHashMap<>();

    public AgencyDirectory(@Qualifier("financeDataSource") DataSource financeDataSource) {
        this.finance = new JdbcTemplate(financeDataSource);
        this.finance.setQueryTimeout(10);
        this.clock = Clock.systemUTC();
    }

    /** Every unit and department of the year by code, departments first among equals. */
    public Map<String, Entry> of(int year) {
        Year cached = years.get(year);
        if (cached == null || cached.read().plus(KEEP).isBefore(clock.instant())) {
            cached = new Year(clock.instant(), read(year));
            years.put(year, cached);
        }
        return cached.entries();
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

    private Map<String, Entry> read(int year) {
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
            LOG.warn("The agency directory of {} cannot be read from the finance database: {}", year, FailureExplainer.innermostMessage(e));
        }
        return entries;
    }
}
