package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.publish.DeliveryStatus;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.support.HubTables;
import org.budgethub.support.SeedDisclosure;

/** Where each package stands against the 20-day deadline after the budget's approval, on a fixed day. */
class DeadlinesIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate hub = HubTables.create();
    private final AgencyDirectory directory = new AgencyDirectory(SeedDisclosure.demoDatabase("deadlines", "demo/finance-demo-agencies.sql"));

    private Deadlines on(String day, Map<Integer, LocalDate> configured) {
        Clock clock = Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(SHANGHAI).toInstant(), SHANGHAI);
        DeliveryRecords records = new DeliveryRecords(hub, Duration.ofMinutes(30), clock, "test", SHANGHAI);
        return new Deadlines(hub, records, directory, configured, SHANGHAI, clock);
    }

    private void version(String agency, DeliveryStatus status, String reviewedBy, Instant deliveredAt) {
        hub.update("INSERT INTO delivery (fiscal_year, agency_code, version, content_hash, status, created_at, updated_at, reviewed_by, "
                + "delivered_at) VALUES (2026, ?, 1, 'h', ?, ?, ?, ?, ?)", agency, status.name(), java.sql.Timestamp.from(Instant.EPOCH),
                java.sql.Timestamp.from(Instant.EPOCH), reviewedBy, deliveredAt == null ? null : java.sql.Timestamp.from(deliveredAt));
    }

    @Test
    void withoutAnApprovalDateThereIsNoDeadline() {
        Deadlines deadlines = on("2026-01-25", Map.of());
        assertThat(deadlines.deadline(2026)).isEmpty();
        assertThat(deadlines.standings(2026)).isEmpty();
    }

    @Test
    void theDeadlineIsTwentyDaysAfterTheApprovalAndTheConsoleSettingWinsOverTheConfiguredOne() {
        Deadlines deadlines = on("2026-01-25", Map.of(2026, LocalDate.parse("2026-01-10")));
        assertThat(deadlines.deadline(2026)).contains(LocalDate.parse("2026-01-30"));
        assertThat(deadlines.daysLeft(2026)).contains(5L);

        deadlines.setApprovalDate(2026, LocalDate.parse("2026-01-15"), "admin");
        assertThat(deadlines.deadline(2026)).contains(LocalDate.parse("2026-02-04"));
    }

    @Test
    void notApprovedWithFiveDaysLeftIsAtRiskAndApprovedOrDeliveredIsNot() {
        version("101023", DeliveryStatus.AWAITING_REVIEW, null, null);
        version("101031", DeliveryStatus.APPROVED, "reviewer", null);
        version("102001", DeliveryStatus.DELIVERED, "reviewer", Instant.parse("2026-01-20T02:00:00Z"));
        Map<String, Deadlines.Standing> standings = on("2026-01-25", Map.of(2026, LocalDate.parse("2026-01-10"))).standings(2026);

        assertThat(standings.get("101023").atRisk()).isTrue();
        assertThat(standings.get("103005").atRisk()).as("not even built").isTrue();
        assertThat(standings.get("101031").atRisk()).isFalse();
        assertThat(standings.get("102001").delivered()).isTrue();
        assertThat(standings.values()).noneMatch(Deadlines.Standing::late);
    }

    @Test
    void oncePastTheDeadlineWhatIsNotOnTheWebsiteIsLate() {
        version("102001", DeliveryStatus.DELIVERED, "reviewer", Instant.parse("2026-01-20T02:00:00Z"));
        version("101031", DeliveryStatus.DELIVERED, "reviewer", Instant.parse("2026-02-03T02:00:00Z"));
        Deadlines deadlines = on("2026-02-05", Map.of(2026, LocalDate.parse("2026-01-10")));
        Map<String, Deadlines.Standing> standings = deadlines.standings(2026);

        assertThat(standings.get("102001").late()).isFalse();
        assertThat(standings.get("101031").late()).as("delivered after the deadline").isTrue();
        assertThat(standings.get("101023").late()).isTrue();
        assertThat(deadlines.lateCount()).isEqualTo((int) standings.values().stream().filter(Deadlines.Standing::late).count());
    }
}
