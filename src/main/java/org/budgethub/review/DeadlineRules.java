package org.budgethub.review;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.budgethub.ingest.AgencyDirectory;

/**
 * The law's deadlines (预算法实施条例 第六条) as plain rules: a department discloses within {@code days}
 * of the finance bureau's 批复 to it, its units within {@code days} of the department's 批复 to them;
 * not approved with {@code atRiskDays} or fewer left is at risk. Only the first delivery counts.
 */
public record DeadlineRules(int days, int atRiskDays) {

    /** One department's own dates where set; null: the year's default, and for its units the department's date. */
    public record DepartmentDates(LocalDate approvedOn, LocalDate unitsApprovedOn) {
    }

    /** One year's 批复 dates: the default for every department (null: none set) and each department's own. */
    public record YearDates(LocalDate byDefault, Map<String, DepartmentDates> departments) {

        public YearDates {
            departments = Map.copyOf(departments);
        }

        /** The finance bureau's 批复 to the department. */
        public LocalDate department(String code) {
            DepartmentDates own = departments.get(code);
            return own != null && own.approvedOn() != null ? own.approvedOn() : byDefault;
        }

        /** The department's 批复 to its units: the same day as its own unless set. */
        public LocalDate units(String department) {
            DepartmentDates own = departments.get(department);
            return own != null && own.unitsApprovedOn() != null ? own.unitsApprovedOn() : department(department);
        }
    }

    /** What the delivery records say of one package: the day it first reached the website (null: never), and whether a version was approved. */
    public record Facts(LocalDate firstDeliveredOn, boolean approved) {

        static final Facts NONE = new Facts(null, false);
    }

    public LocalDate due(LocalDate approvedOn) {
        return approvedOn.plusDays(days);
    }

    /** The state of a package due on {@code due}, on {@code today}. */
    public DeadlineState state(LocalDate due, LocalDate today, Facts facts) {
        if (facts.firstDeliveredOn() != null) {
            return facts.firstDeliveredOn().isAfter(due) ? DeadlineState.PUBLISHED_LATE : DeadlineState.ON_TIME;
        }
        long left = ChronoUnit.DAYS.between(today, due);
        if (left < 0) {
            return DeadlineState.LATE;
        }
        return !facts.approved() && left <= atRiskDays ? DeadlineState.AT_RISK : DeadlineState.DUE;
    }

    /**
     * Every department and unit with a 批复 date against its deadline, in the directory's order: a
     * department counts from the bureau's 批复, a unit from its department's 批复 to it (a unit without
     * a department from the year's default). Agencies without a date have no standing.
     */
    public Map<String, Deadlines.Standing> standings(Collection<AgencyDirectory.Entry> agencies, YearDates dates,
                                                     Map<String, Facts> facts, LocalDate today) {
        Map<String, Deadlines.Standing> out = new LinkedHashMap<>();
        for (AgencyDirectory.Entry a : agencies) {
            LocalDate approvedOn = a.isDepartment() ? dates.department(a.code())
                    : a.department() != null ? dates.units(a.department()) : dates.byDefault();
            if (approvedOn == null) {
                continue;
            }
            LocalDate due = due(approvedOn);
            Facts f = facts.getOrDefault(a.code(), Facts.NONE);
            out.put(a.code(), new Deadlines.Standing(a.code(), a.name(), a.isDepartment() ? null : a.department(), a.isDepartment(),
                    approvedOn, due, ChronoUnit.DAYS.between(today, due), f.firstDeliveredOn(), f.approved(), state(due, today, f)));
        }
        return out;
    }
}
