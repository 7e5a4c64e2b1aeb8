package org.budgethub.review;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.web.Paged;
import org.budgethub.web.SingleFlight;

/**
 * What the deadline panel (console/deadline-panel.html, asked by the page itself as
 * {@code ${@deadlineBoard.summary(year)}}), the deadlines page, the admin page's approval dates and
 * {@code GET /api/deadlines} show: all read from {@link Deadlines#standings}, so every one says the same.
 */
@Component("deadlineBoard")
public class DeadlineBoard {

    /** The panel's facts for one year: the default dates (null when none is set) and how many packages are in each state. */
    public record Summary(int year, LocalDate approvalDate, LocalDate deadline, Long daysLeft, int days, int departmentsWithOwnDates,
                          int total, int onTime, int publishedLate, int late, int atRisk, int due) {

        /** Each state with its count, in the enum's order: the panel's badges. */
        public List<Count> counts() {
            return List.of(new Count(DeadlineState.ON_TIME, onTime), new Count(DeadlineState.PUBLISHED_LATE, publishedLate),
                    new Count(DeadlineState.LATE, late), new Count(DeadlineState.AT_RISK, atRisk), new Count(DeadlineState.DUE, due));
        }

        /** Any date set at all: the default or a department's own. */
        public boolean dated() {
            return approvalDate != null || departmentsWithOwnDates > 0;
        }
    }

    /** How many packages are in one state. */
    public record Count(DeadlineState state, int count) {
    }

    /**
     * One department for the bureau's supervision: its own package's standing (null without a date) and
     * its units' 公开率 (units on the website / units due to disclose).
     */
    public record DepartmentRate(String code, String name, LocalDate approvedOn, LocalDate unitsApprovedOn, LocalDate unitsDueOn,
                                 Deadlines.Standing own, int unitsDue, int unitsPublished, int unitsOnTime, int unitsPublishedLate,
                                 int unitsLate, int unitsAtRisk) {

        /** A department of the finance system, not the row of the units without one. */
        public boolean real() {
            return !NO_DEPARTMENT.equals(code);
        }

        /** 公开率 in whole percent; 0 when no unit is due. */
        public int rate() {
            return unitsDue == 0 ? 0 : (int) Math.floor(unitsPublished * 100.0 / unitsDue);
        }
    }

    /** The whole year: every standing by state, and the departments' rates. */
    public record Report(int year, LocalDate approvalDate, LocalDate deadline, int days, int atRiskDays,
                         Map<DeadlineState, List<Deadlines.Standing>> byState, List<DepartmentRate> departments) {

        public List<Deadlines.Standing> in(DeadlineState state) {
            return byState.get(state);
        }
    }

    /** A year's dates as the admin page shows them: the default (and where it comes from) and the departments' own. */
    public record YearDates(int year, LocalDate approvalDate, LocalDate deadline, boolean setInConsole, List<DepartmentDates> departments) {
    }

    public record DepartmentDates(String code, String name, LocalDate approvedOn, LocalDate dueOn, LocalDate unitsApprovedOn,
                                  LocalDate unitsDueOn) {
    }

    /** Units without a department are counted under this row of the rates. */
    static final String NO_DEPARTMENT = "";

    private final Deadlines deadlines;
    private final AgencyDirectory directory;

    DeadlineBoard(Deadlines deadlines, AgencyDirectory directory) {
        this.deadlines = deadlines;
        this.directory = directory;
    }

    /** The panel is on every dashboard: the dashboards asked at the same moment share one reading. */
    private final SingleFlight<Integer, Summary> summaries = new SingleFlight<>();

    public Summary summary(int year) {
        return summaries.get(year, this::read);
    }

    private Summary read(int year) {
        DeadlineRules.YearDates dates = deadlines.yearDates(year);
        Map<String, Deadlines.Standing> standings = deadlines.standings(year, dates);
        Map<DeadlineState, Integer> n = new EnumMap<>(DeadlineState.class);
        standings.values().forEach(s -> n.merge(s.state(), 1, Integer::sum));
        LocalDate due = dates.byDefault() == null ? null : deadlines.rules().due(dates.byDefault());
        return new Summary(year, dates.byDefault(), due, due == null ? null : ChronoUnit.DAYS.between(deadlines.today(), due),
                deadlines.rules().days(), dates.departments().size(), standings.size(),
                n.getOrDefault(DeadlineState.ON_TIME, 0), n.getOrDefault(DeadlineState.PUBLISHED_LATE, 0),
                n.getOrDefault(DeadlineState.LATE, 0), n.getOrDefault(DeadlineState.AT_RISK, 0), n.getOrDefault(DeadlineState.DUE, 0));
    }

    public Report report(int year) {
        DeadlineRules.YearDates dates = deadlines.yearDates(year);
        Map<String, Deadlines.Standing> standings = deadlines.standings(year, dates);
        Map<DeadlineState, List<Deadlines.Standing>> byState = new EnumMap<>(DeadlineState.class);
        for (DeadlineState s : DeadlineState.values()) {
            byState.put(s, new ArrayList<>());
        }
        Map<String, List<Deadlines.Standing>> unitsOf = new LinkedHashMap<>();
        for (Deadlines.Standing s : standings.values()) {
            byState.get(s.state()).add(s);
            if (!s.departmentBudget()) {
                unitsOf.computeIfAbsent(s.department() == null ? NO_DEPARTMENT : s.department(), k -> new ArrayList<>()).add(s);
            }
        }
        List<DepartmentRate> departments = new ArrayList<>();
        for (AgencyDirectory.Entry e : directory.of(year).values()) {
            if (e.isDepartment() && (standings.containsKey(e.code()) || unitsOf.containsKey(e.code()))) {
                departments.add(rate(e.code(), e.name(), dates, standings.get(e.code()), unitsOf.getOrDefault(e.code(), List.of())));
            }
        }
        if (unitsOf.containsKey(NO_DEPARTMENT)) {
            departments.add(rate(NO_DEPARTMENT, "不属于任何部门的单位", dates, null, unitsOf.get(NO_DEPARTMENT)));
        }
        return new Report(year, dates.byDefault(), dates.byDefault() == null ? null : deadlines.rules().due(dates.byDefault()),
                deadlines.rules().days(), deadlines.rules().atRiskDays(), byState, departments);
    }

    private DepartmentRate rate(String code, String name, DeadlineRules.YearDates dates, Deadlines.Standing own, List<Deadlines.Standing> units) {
        int[] n = new int[DeadlineState.values().length];
        units.forEach(u -> n[u.state().ordinal()]++);
        boolean real = !NO_DEPARTMENT.equals(code);
        LocalDate unitsApproved = real ? dates.units(code) : dates.byDefault();
        return new DepartmentRate(code, name, real ? dates.department(code) : null, unitsApproved,
                unitsApproved == null ? null : deadlines.rules().due(unitsApproved), own, units.size(),
                n[DeadlineState.ON_TIME.ordinal()] + n[DeadlineState.PUBLISHED_LATE.ordinal()], n[DeadlineState.ON_TIME.ordinal()],
                n[DeadlineState.PUBLISHED_LATE.ordinal()], n[DeadlineState.LATE.ordinal()], n[DeadlineState.AT_RISK.ordinal()]);
    }

    /** The departments' rates whose code or name holds {@code q}, a page of them. */
    public Paged<DepartmentRate> departments(Report report, String q, Integer page, Integer size) {
        String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        List<DepartmentRate> shown = report.departments().stream().filter(d -> needle == null || d.code().contains(needle)
                || d.name() != null && d.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
        return slice(shown, page, size);
    }

    /** The packages in one state (all states: null), of one department (its own and its units'; null: all), a page of them. */
    public Paged<Deadlines.Standing> agencies(Report report, DeadlineState state, String department, Integer page, Integer size) {
        List<Deadlines.Standing> shown = (state == null ? report.byState().values().stream().flatMap(List::stream)
                : report.in(state).stream())
                .filter(s -> department == null || department.equals(s.code()) || department.equals(s.department()))
                .sorted(Comparator.comparing(Deadlines.Standing::dueOn).thenComparing(Deadlines.Standing::code)).toList();
        return slice(shown, page, size);
    }

    private static <T> Paged<T> slice(List<T> all, Integer page, Integer size) {
        int s = Paged.size(size);
        int pages = Math.max(1, (all.size() + s - 1) / s);
        int p = Math.min(Paged.page(page), pages);
        int from = (int) Math.min(all.size(), Paged.offset(p, s));
        return new Paged<>(all.subList(from, Math.min(all.size(), from + s)), p, s, all.size());
    }

    /** The years to show on the admin page: the finance system's and every year with a date set, newest first. */
    public List<YearDates> settings() {
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        years.addAll(directory.fiscalYears());
        years.addAll(deadlines.datedYears());
        List<YearDates> out = new ArrayList<>();
        for (int year : years) {
            DeadlineRules.YearDates dates = deadlines.yearDates(year);
            Map<String, AgencyDirectory.Entry> known = directory.of(year);
            List<DepartmentDates> departments = dates.departments().keySet().stream().map(code -> {
                LocalDate approved = dates.department(code);
                LocalDate units = dates.units(code);
                return new DepartmentDates(code, known.containsKey(code) ? known.get(code).name() : null, approved,
                        approved == null ? null : deadlines.rules().due(approved), units, units == null ? null : deadlines.rules().due(units));
            }).toList();
            out.add(new YearDates(year, dates.byDefault(), dates.byDefault() == null ? null : deadlines.rules().due(dates.byDefault()),
                    deadlines.approvalDateSetInConsole(year), departments));
        }
        return out;
    }

    /** The year's departments (code and name) for the admin page's choice. */
    public List<AgencyDirectory.Entry> departmentsOf(int year) {
        return directory.of(year).values().stream().filter(AgencyDirectory.Entry::isDepartment).toList();
    }

    public int days() {
        return deadlines.rules().days();
    }
}
