package org.budgethub.review;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.publish.DeliveryStatus;

/**
 * The legal deadlines of each year's disclosures (预算法实施条例 第六条) and where every department and
 * unit stands against them: the one computation the review page, the dashboard's panel, the
 * deadlines page, {@code GET /api/deadlines} and the metrics all read. The dates: the year's default
 * 批复 (table budget_approval, else hub.publish.approval-dates), each department's own and its 批复 to
 * its units (department_approval). What was delivered comes from one query per year, never per agency.
 */
@Component
class Deadlines {

    /**
     * Where one department or unit stands.
     *
     * @param department       a unit's department; null for a department and for a unit without one
     * @param departmentBudget a department's own package (部门预算), not a unit's (named so that {@code department} reads as the code in templates)
     * @param approvedOn       the 批复 its deadline counts from (the bureau's for a department, its department's for a unit)
     * @param daysLeft         from today to {@code dueOn}; negative once it has passed
     * @param firstDeliveredOn the day its first version reached the website; null: never
     * @param approved         a version of it was approved (or went out)
     */
    public record Standing(String code, String name, String department, boolean departmentBudget, LocalDate approvedOn, LocalDate dueOn,
                           long daysLeft, LocalDate firstDeliveredOn, boolean approved, DeadlineState state) {

        /** Past due and not on the website: the only late that hub_packages_late counts. */
        public boolean late() {
            return state == DeadlineState.LATE;
        }

        public boolean atRisk() {
            return state == DeadlineState.AT_RISK;
        }

        public boolean publishedLate() {
            return state == DeadlineState.PUBLISHED_LATE;
        }

        public boolean delivered() {
            return firstDeliveredOn != null;
        }

        /** The state in words, with the days where they matter. */
        public String label() {
            return switch (state) {
                case DUE, AT_RISK -> state.label() + "（剩 " + daysLeft + " 天）";
                case LATE -> state.label() + "（已过 " + -daysLeft + " 天）";
                default -> state.label();
            };
        }

        /** The badge's tone (ok, warn, bad, neutral: the console's badge classes). */
        public String tone() {
            return state.tone();
        }
    }

    private final JdbcTemplate jdbc;
    private final AgencyDirectory directory;
    private final Map<Integer, LocalDate> configured;
    private final ZoneId zone;
    private final Clock clock;
    private final DeadlineRules rules;

    @Autowired
    Deadlines(JdbcTemplate jdbc, AgencyDirectory directory, HubProperties hub) {
        this(jdbc, directory, hub.publish().approvalDates(), ZoneId.of(hub.publish().zone()), Clock.systemUTC(),
                new DeadlineRules(hub.publish().disclosureDays(), hub.publish().atRiskDays()));
    }

    Deadlines(JdbcTemplate jdbc, AgencyDirectory directory, Map<Integer, LocalDate> configured, ZoneId zone, Clock clock,
              DeadlineRules rules) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.configured = configured == null ? Map.of() : configured;
        this.zone = zone;
        this.clock = clock;
        this.rules = rules;
    }

    public DeadlineRules rules() {
        return rules;
    }

    /** The year's default 批复 date: as set in the console, else as configured. */
    public Optional<LocalDate> approvalDate(int year) {
        List<LocalDate> set = jdbc.query("SELECT approved_on FROM budget_approval WHERE fiscal_year = ?",
                (rs, i) -> rs.getDate(1).toLocalDate(), year);
        return set.isEmpty() ? Optional.ofNullable(configured.get(year)) : Optional.of(set.get(0));
    }

    /** Whether the year's default comes from the console (else from hub.publish.approval-dates, or none). */
    public boolean approvalDateSetInConsole(int year) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM budget_approval WHERE fiscal_year = ?", Integer.class, year) > 0;
    }

    public void setApprovalDate(int year, LocalDate date, String user) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE budget_approval SET approved_on = ?, set_by = ?, set_at = ? WHERE fiscal_year = ?",
                Date.valueOf(date), user, now, year) == 0) {
            jdbc.update("INSERT INTO budget_approval (fiscal_year, approved_on, set_by, set_at) VALUES (?, ?, ?, ?)",
                    year, Date.valueOf(date), user, now);
        }
    }

    /** The departments' own dates of the year, by department code. */
    public Map<String, DeadlineRules.DepartmentDates> departmentDates(int year) {
        Map<String, DeadlineRules.DepartmentDates> out = new TreeMap<>();
        jdbc.query("SELECT department_code, approved_on, units_approved_on FROM department_approval WHERE fiscal_year = ?", rs -> {
            out.put(rs.getString(1), new DeadlineRules.DepartmentDates(day(rs.getDate(2)), day(rs.getDate(3))));
        }, year);
        return out;
    }

    /** Sets one department's own dates; both null: it follows the year's default again. */
    public void setDepartmentDates(int year, String department, LocalDate approvedOn, LocalDate unitsApprovedOn, String user) {
        if (approvedOn == null && unitsApprovedOn == null) {
            jdbc.update("DELETE FROM department_approval WHERE fiscal_year = ? AND department_code = ?", year, department);
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE department_approval SET approved_on = ?, units_approved_on = ?, set_by = ?, set_at = ? "
                + "WHERE fiscal_year = ? AND department_code = ?", date(approvedOn), date(unitsApprovedOn), user, now, year, department) == 0) {
            jdbc.update("INSERT INTO department_approval (fiscal_year, department_code, approved_on, units_approved_on, set_by, set_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", year, department, date(approvedOn), date(unitsApprovedOn), user, now);
        }
    }

    /** The years with a date set: in the console, for a department, or configured. */
    public java.util.Set<Integer> datedYears() {
        java.util.Set<Integer> out = new java.util.TreeSet<>(configured.keySet());
        out.addAll(jdbc.queryForList("SELECT fiscal_year FROM budget_approval UNION SELECT fiscal_year FROM department_approval", Integer.class));
        return out;
    }

    public DeadlineRules.YearDates yearDates(int year) {
        return new DeadlineRules.YearDates(approvalDate(year).orElse(null), departmentDates(year));
    }

    /** The default due date of the year (a department without its own date). */
    public Optional<LocalDate> deadline(int year) {
        return approvalDate(year).map(rules::due);
    }

    /** Days from today to the default due date (negative once it has passed). */
    public Optional<Long> daysLeft(int year) {
        return deadline(year).map(d -> ChronoUnit.DAYS.between(today(), d));
    }

    /** Every department and unit of the year with a 批复 date against its deadline, in the directory's order. */
    public Map<String, Standing> standings(int year) {
        return standings(year, yearDates(year));
    }

    /** The same, with the year's dates already read. */
    Map<String, Standing> standings(int year, DeadlineRules.YearDates dates) {
        if (dates.byDefault() == null && dates.departments().isEmpty()) {
            return Map.of();
        }
        return rules.standings(directory.of(year).values(), dates, facts(year), today());
    }

    /** How many packages of this year and its neighbours are in each state: the metrics. */
    public Map<DeadlineState, Integer> counts() {
        Map<DeadlineState, Integer> out = new EnumMap<>(DeadlineState.class);
        for (DeadlineState s : DeadlineState.values()) {
            out.put(s, 0);
        }
        int year = today().getYear();
        for (int y = year - 1; y <= year + 1; y++) {
            standings(y).values().forEach(s -> out.merge(s.state(), 1, Integer::sum));
        }
        return out;
    }

    /**
     * Per package of the year: the day its first version reached the website (withdrawn since or not;
     * a correction's later delivery never moves it) and whether any version was approved. One query.
     */
    Map<String, DeadlineRules.Facts> facts(int year) {
        Map<String, DeadlineRules.Facts> out = new HashMap<>();
        jdbc.query("SELECT agency_code, MIN(delivered_at) AS first_delivered, "
                        + "MAX(CASE WHEN status IN (?, ?, ?, ?) OR (status = ? AND reviewed_by IS NOT NULL) THEN 1 ELSE 0 END) AS approved "
                        + "FROM delivery WHERE fiscal_year = ? GROUP BY agency_code", rs -> {
                    Timestamp first = rs.getTimestamp("first_delivered");
                    out.put(rs.getString("agency_code"), new DeadlineRules.Facts(
                            first == null ? null : first.toInstant().atZone(zone).toLocalDate(), rs.getInt("approved") == 1));
                }, DeliveryStatus.APPROVED.name(), DeliveryStatus.SENDING.name(), DeliveryStatus.DELIVERED.name(),
                DeliveryStatus.WITHDRAWN.name(), DeliveryStatus.FAILED.name(), year);
        return out;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    private static LocalDate day(java.sql.Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
