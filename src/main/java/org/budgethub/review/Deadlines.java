package org.budgethub.review;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.DeliveryStatus;

/**
 * The legal deadline (预算法: within 20 days of the budget's approval, 批复日期) of each year's
 * disclosures, and where every department and unit stands against it: days left, late (not on the
 * website by the deadline), at risk (not yet approved with five days or fewer left). The approval
 * date is set per year in the console (table budget_approval) or in hub.publish.approval-dates.
 */
@Component
class Deadlines {

    public static final int DAYS = 20;
    public static final int AT_RISK_DAYS = 5;

    /** Where one package stands. {@code daysLeft} is negative once the deadline has passed. */
    public record Standing(String code, LocalDate deadline, long daysLeft, boolean delivered, boolean approved, boolean late,
                           boolean atRisk) {
    }

    private final JdbcTemplate jdbc;
    private final DeliveryRecords records;
    private final AgencyDirectory directory;
    private final Map<Integer, LocalDate> configured;
    private final ZoneId zone;
    private final Clock clock;

    @Autowired
    public Deadlines(JdbcTemplate jdbc, DeliveryRecords records, AgencyDirectory directory, HubProperties hub) {
        this(jdbc, records, directory, hub.publish().approvalDates(), ZoneId.of(hub.publish().zone()), Clock.systemUTC());
    }

    Deadlines(JdbcTemplate jdbc, DeliveryRecords records, AgencyDirectory directory, Map<Integer, LocalDate> configured, ZoneId zone,
              Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.directory = directory;
        this.configured = configured == null ? Map.of() : configured;
        this.zone = zone;
        this.clock = clock;
    }

    /** The approval date of the year's budget: as set in the console, else as configured. */
    public Optional<LocalDate> approvalDate(int year) {
        List<LocalDate> set = jdbc.query("SELECT approved_on FROM budget_approval WHERE fiscal_year = ?",
                (rs, i) -> rs.getDate(1).toLocalDate(), year);
        return set.isEmpty() ? Optional.ofNullable(configured.get(year)) : Optional.of(set.get(0));
    }

    public void setApprovalDate(int year, LocalDate date, String user) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE budget_approval SET approved_on = ?, set_by = ?, set_at = ? WHERE fiscal_year = ?",
                Date.valueOf(date), user, now, year) == 0) {
            jdbc.update("INSERT INTO budget_approval (fiscal_year, approved_on, set_by, set_at) VALUES (?, ?, ?, ?)",
                    year, Date.valueOf(date), user, now);
        }
    }

    public Optional<LocalDate> deadline(int year) {
        return approvalDate(year).map(d -> d.plusDays(DAYS));
    }

    /** Days from today to the deadline (negative once it has passed). */
    public Optional<Long> daysLeft(int year) {
        return deadline(year).map(d -> ChronoUnit.DAYS.between(today(), d));
    }

    /** Every department and unit of the year against the deadline; empty without an approval date. */
    public Map<String, Standing> standings(int year) {
        Map<String, Standing> out = new LinkedHashMap<>();
        Optional<LocalDate> deadline = deadline(year);
        if (deadline.isEmpty()) {
            return out;
        }
        Instant due = deadline.get().plusDays(1).atStartOfDay(zone).toInstant();
        long left = ChronoUnit.DAYS.between(today(), deadline.get());
        for (String code : directory.of(year).keySet()) {
            List<DeliveryRecords.Delivery> versions = records.history(year, code);
            boolean delivered = versions.stream().anyMatch(d -> d.deliveredAt() != null && d.deliveredAt().isBefore(due));
            boolean approved = versions.stream().anyMatch(d -> d.reviewedBy() != null && d.status() != DeliveryStatus.REJECTED
                    || d.reachedCms());
            boolean late = !delivered && left < 0;
            boolean atRisk = !late && !approved && left <= AT_RISK_DAYS;
            out.put(code, new Standing(code, deadline.get(), left, delivered, approved, late, atRisk));
        }
        return out;
    }

    /** Packages of this year and the last not on the website by their deadline: the gauge hub_packages_late. */
    public int lateCount() {
        int year = today().getYear();
        int late = 0;
        for (int y = year - 1; y <= year + 1; y++) {
            late += (int) standings(y).values().stream().filter(Standing::late).count();
        }
        return late;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
