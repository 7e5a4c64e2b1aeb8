package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.ingest.AgencyDirectory;

/** The law's deadlines as rules (预算法实施条例 第六条), on fixed days: no database, no clock. */
class DeadlineRulesTest {

    private static final DeadlineRules RULES = new DeadlineRules(20, 5);
    private static final LocalDate JAN_10 = LocalDate.parse("2026-01-10");
    private static final LocalDate DUE = LocalDate.parse("2026-01-30");

    private static final AgencyDirectory.Entry DEPT_101 = new AgencyDirectory.Entry("101", "区委办公室", null, true, List.of("101001", "101023"));
    private static final AgencyDirectory.Entry UNIT_101001 = new AgencyDirectory.Entry("101001", "区委办公室本级", "101", false, List.of());
    private static final AgencyDirectory.Entry UNIT_101023 = new AgencyDirectory.Entry("101023", "信息中心", "101", false, List.of());
    private static final AgencyDirectory.Entry DEPT_102 = new AgencyDirectory.Entry("102", "区财政局", null, true, List.of("102001"));
    private static final AgencyDirectory.Entry UNIT_102001 = new AgencyDirectory.Entry("102001", "区财政局本级", "102", false, List.of());
    private static final List<AgencyDirectory.Entry> ALL = List.of(DEPT_101, UNIT_101001, UNIT_101023, DEPT_102, UNIT_102001);

    private static DeadlineRules.Facts delivered(String day) {
        return new DeadlineRules.Facts(LocalDate.parse(day), true);
    }

    private static DeadlineState on(String today, DeadlineRules.Facts facts) {
        return RULES.state(DUE, LocalDate.parse(today), facts);
    }

    @Test
    void dueTwentyDaysAfterThePiFu() {
        assertThat(RULES.due(JAN_10)).isEqualTo(DUE);
        assertThat(new DeadlineRules(15, 5).due(JAN_10)).isEqualTo(LocalDate.parse("2026-01-25"));
    }

    @Test
    void publishedOnOrBeforeTheDueDayIsOnTimeAfterItPublishedLate() {
        assertThat(on("2026-01-20", delivered("2026-01-15"))).isEqualTo(DeadlineState.ON_TIME);
        assertThat(on("2026-03-01", delivered("2026-01-30"))).as("the due day itself is in time").isEqualTo(DeadlineState.ON_TIME);
        assertThat(on("2026-03-01", delivered("2026-01-31"))).isEqualTo(DeadlineState.PUBLISHED_LATE);
    }

    @Test
    void notPublishedIsDueThenAtRiskThenLate() {
        DeadlineRules.Facts nothing = new DeadlineRules.Facts(null, false);
        assertThat(on("2026-01-24", nothing)).as("6 days left").isEqualTo(DeadlineState.DUE);
        assertThat(on("2026-01-25", nothing)).as("5 days left").isEqualTo(DeadlineState.AT_RISK);
        assertThat(on("2026-01-30", nothing)).as("the due day").isEqualTo(DeadlineState.AT_RISK);
        assertThat(on("2026-01-31", nothing)).isEqualTo(DeadlineState.LATE);
    }

    @Test
    void approvedButNotYetOutIsNotAtRiskButStillLateOncePastDue() {
        DeadlineRules.Facts approved = new DeadlineRules.Facts(null, true);
        assertThat(on("2026-01-29", approved)).isEqualTo(DeadlineState.DUE);
        assertThat(on("2026-01-31", approved)).isEqualTo(DeadlineState.LATE);
    }

    @Test
    void unitsCountFromTheirDepartmentsPiFuToThemDepartmentsFromTheBureaus() {
        var dates = new DeadlineRules.YearDates(JAN_10, Map.of(
                "101", new DeadlineRules.DepartmentDates(null, LocalDate.parse("2026-01-20")),
                "102", new DeadlineRules.DepartmentDates(LocalDate.parse("2026-01-15"), null)));
        Map<String, Deadlines.Standing> s = RULES.standings(ALL, dates, Map.of(), LocalDate.parse("2026-02-05"));

        assertThat(s.get("101").dueOn()).as("the year's default").isEqualTo(DUE);
        assertThat(s.get("101").late()).isTrue();
        assertThat(s.get("101023").approvedOn()).isEqualTo(LocalDate.parse("2026-01-20"));
        assertThat(s.get("101023").dueOn()).isEqualTo(LocalDate.parse("2026-02-09"));
        assertThat(s.get("101023").state()).isEqualTo(DeadlineState.AT_RISK);
        assertThat(s.get("101023").daysLeft()).isEqualTo(4);
        assertThat(s.get("102").dueOn()).as("its own 批复").isEqualTo(LocalDate.parse("2026-02-04"));
        assertThat(s.get("102001").dueOn()).as("the same day as its department's").isEqualTo(LocalDate.parse("2026-02-04"));
        assertThat(s.get("102001").late()).isTrue();
        assertThat(s.get("102001").department()).isEqualTo("102");
        assertThat(s.get("102").department()).isNull();
        assertThat(s.keySet()).containsExactly("101", "101001", "101023", "102", "102001");
    }

    @Test
    void withoutADateThereIsNoStanding() {
        var dates = new DeadlineRules.YearDates(null, Map.of("102", new DeadlineRules.DepartmentDates(JAN_10, null)));
        Map<String, Deadlines.Standing> s = RULES.standings(ALL, dates, Map.of(), LocalDate.parse("2026-01-12"));
        assertThat(s.keySet()).containsExactly("102", "102001");
    }

    @Test
    void onlyTheFirstDeliveryCountsSoACorrectionIsNeverLate() {
        // v1 on the website on 2026-01-20, its correction v2 on 2026-03-01: the facts hold the first day only.
        var dates = new DeadlineRules.YearDates(JAN_10, Map.of());
        Map<String, Deadlines.Standing> s = RULES.standings(ALL, dates, Map.of("101023", delivered("2026-01-20"),
                "101001", delivered("2026-02-02")), LocalDate.parse("2026-03-01"));
        assertThat(s.get("101023").state()).isEqualTo(DeadlineState.ON_TIME);
        assertThat(s.get("101023").late()).isFalse();
        assertThat(s.get("101001").publishedLate()).isTrue();
        assertThat(s.get("101001").late()).as("on the website, only late").isFalse();
        assertThat(s.get("102001").late()).isTrue();
    }

    @Test
    void aStandingReadsInChineseWithItsDaysAndTone() {
        var dates = new DeadlineRules.YearDates(JAN_10, Map.of());
        Map<String, Deadlines.Standing> s = RULES.standings(ALL, dates, Map.of("101023", delivered("2026-02-02")),
                LocalDate.parse("2026-02-03"));
        assertThat(s.get("101").label()).isEqualTo("逾期未公开（已过 4 天）");
        assertThat(s.get("101").tone()).isEqualTo("bad");
        assertThat(s.get("101023").label()).isEqualTo("逾期后公开");
        assertThat(s.get("101023").tone()).isEqualTo("warn");
        Map<String, Deadlines.Standing> early = RULES.standings(ALL, dates, Map.of(), LocalDate.parse("2026-01-26"));
        assertThat(early.get("101").label()).isEqualTo("临近截止未批准（剩 4 天）");
        for (DeadlineState state : DeadlineState.values()) {
            assertThat(state.label()).matches("\\p{IsHan}+");
        }
    }
}
