package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.publish.DeliveryStatus;
import org.budgethub.support.HubTables;
import org.budgethub.support.SeedDisclosure;

/**
 * Where each package of the demo's directory stands against its deadline, on a fixed day, from the
 * hub's tables (H2): the dates as stored, and what was delivered read in one query per year.
 */
class DeadlinesIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate hub = HubTables.create();
    private final AgencyDirectory directory = new AgencyDirectory(SeedDisclosure.demoDatabase("deadlines", "demo/finance-demo-agencies.sql"));

    private Deadlines on(String day, Map<Integer, LocalDate> configured) {
        Clock clock = Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(SHANGHAI).toInstant(), SHANGHAI);
        return new Deadlines(hub, directory, configured, SHANGHAI, clock, new DeadlineRules(20, 5));
    }

    private void version(String agency, int version, DeliveryStatus status, String reviewedBy, Instant deliveredAt) {
        hub.update("INSERT INTO delivery (fiscal_year, agency_code, version, content_hash, status, created_at, updated_at, reviewed_by, "
                + "delivered_at) VALUES (2026, ?, ?, 'h', ?, ?, ?, ?, ?)", agency, version, status.name(), Timestamp.from(Instant.EPOCH),
                Timestamp.from(Instant.EPOCH), reviewedBy, deliveredAt == null ? null : Timestamp.from(deliveredAt));
    }

    @Test
    void withoutAnApprovalDateThereIsNoDeadline() {
        Deadlines deadlines = on("2026-01-25", Map.of());
        assertThat(deadlines.deadline(2026)).isEmpty();
        assertThat(deadlines.standings(2026)).isEmpty();
    }

    @Test
    void theConsolesDateWinsOverTheConfiguredOneAndADepartmentsOwnOverBoth() {
        Deadlines deadlines = on("2026-01-25", Map.of(2026, LocalDate.parse("2026-01-10")));
        assertThat(deadlines.deadline(2026)).contains(LocalDate.parse("2026-01-30"));
        assertThat(deadlines.daysLeft(2026)).contains(5L);
        assertThat(deadlines.approvalDateSetInConsole(2026)).isFalse();

        deadlines.setApprovalDate(2026, LocalDate.parse("2026-01-15"), "admin");
        assertThat(deadlines.deadline(2026)).contains(LocalDate.parse("2026-02-04"));
        assertThat(deadlines.approvalDateSetInConsole(2026)).isTrue();

        deadlines.setDepartmentDates(2026, "102", LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-12"), "admin");
        Map<String, Deadlines.Standing> standings = deadlines.standings(2026);
        assertThat(standings.get("102").dueOn()).isEqualTo(LocalDate.parse("2026-01-25"));
        assertThat(standings.get("102001").dueOn()).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(standings.get("101023").dueOn()).isEqualTo(LocalDate.parse("2026-02-04"));
        assertThat(deadlines.datedYears()).contains(2026);

        deadlines.setDepartmentDates(2026, "102", null, LocalDate.parse("2026-01-20"), "admin");
        assertThat(deadlines.standings(2026).get("102").dueOn()).as("back to the year's default").isEqualTo(LocalDate.parse("2026-02-04"));
        assertThat(deadlines.standings(2026).get("102001").dueOn()).isEqualTo(LocalDate.parse("2026-02-09"));

        deadlines.setDepartmentDates(2026, "102", null, null, "admin");
        assertThat(deadlines.departmentDates(2026)).isEmpty();
    }

    @Test
    void notApprovedWithFiveDaysLeftIsAtRiskAndApprovedOrDeliveredIsNot() {
        version("101023", 1, DeliveryStatus.AWAITING_REVIEW, null, null);
        version("101031", 1, DeliveryStatus.APPROVED, "reviewer", null);
        version("104002", 1, DeliveryStatus.REJECTED, "reviewer", null);
        version("102001", 1, DeliveryStatus.DELIVERED, "reviewer", Instant.parse("2026-01-20T02:00:00Z"));
        Map<String, Deadlines.Standing> standings = on("2026-01-25", Map.of(2026, LocalDate.parse("2026-01-10"))).standings(2026);

        assertThat(standings.get("101023").atRisk()).isTrue();
        assertThat(standings.get("103005").atRisk()).as("not even built").isTrue();
        assertThat(standings.get("104002").atRisk()).as("rejected is not approved").isTrue();
        assertThat(standings.get("101031").atRisk()).isFalse();
        assertThat(standings.get("102001").state()).isEqualTo(DeadlineState.ON_TIME);
        assertThat(standings.values()).noneMatch(Deadlines.Standing::late);
    }

    @Test
    void pastTheDeadlineNeverDeliveredIsLateDeliveredAfterItPublishedLateAndACorrectionChangesNothing() {
        // 102001: v1 in time, then a correction v2 long after the deadline, and v1 withdrawn
        version("102001", 1, DeliveryStatus.WITHDRAWN, "reviewer", Instant.parse("2026-01-20T02:00:00Z"));
        version("102001", 2, DeliveryStatus.DELIVERED, "reviewer", Instant.parse("2026-02-04T02:00:00Z"));
        version("101031", 1, DeliveryStatus.DELIVERED, "reviewer", Instant.parse("2026-02-03T02:00:00Z"));
        // delivered at 23:30 on the due day in Beijing (15:30 UTC): in time
        version("104002", 1, DeliveryStatus.DELIVERED, "reviewer", Instant.parse("2026-01-30T15:30:00Z"));
        Deadlines deadlines = on("2026-02-05", Map.of(2026, LocalDate.parse("2026-01-10")));
        Map<String, Deadlines.Standing> standings = deadlines.standings(2026);

        assertThat(standings.get("102001").state()).isEqualTo(DeadlineState.ON_TIME);
        assertThat(standings.get("102001").firstDeliveredOn()).isEqualTo(LocalDate.parse("2026-01-20"));
        assertThat(standings.get("104002").state()).isEqualTo(DeadlineState.ON_TIME);
        assertThat(standings.get("101031").state()).isEqualTo(DeadlineState.PUBLISHED_LATE);
        assertThat(standings.get("101031").late()).isFalse();
        assertThat(standings.get("101023").late()).isTrue();
        assertThat(deadlines.counts().get(DeadlineState.LATE)).isEqualTo((int) standings.values().stream().filter(Deadlines.Standing::late).count());
        assertThat(deadlines.counts().get(DeadlineState.PUBLISHED_LATE)).isEqualTo(1);
    }
}
