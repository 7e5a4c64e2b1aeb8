package org.budgethub.run;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;

/**
 * What the nightly schedule runs: each configured year (default: the current year and the next,
 * whose budgets are disclosed early in that year), for the configured agencies or all of them.
 */
@Component("scheduledRuns")
public class ScheduledRuns {

    private final List<Integer> years;
    private final List<String> agencies;
    private final ZoneId zone;
    private final boolean enabled;
    private final String cron;

    public ScheduledRuns(HubProperties hub) {
        this.enabled = hub.schedule().enabled();
        this.cron = hub.schedule().cron();
        this.years = hub.schedule().years();
        this.agencies = hub.schedule().agencies().stream().filter(a -> !a.isBlank()).map(String::trim).toList();
        this.zone = ZoneId.of(hub.schedule().zone());
    }

    /** When the schedule fires next, if it is on. */
    public java.util.Optional<java.time.Instant> nextRun() {
        if (!enabled || cron == null || cron.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            org.quartz.CronExpression expression = new org.quartz.CronExpression(cron);
            expression.setTimeZone(java.util.TimeZone.getTimeZone(zone));
            java.util.Date next = expression.getNextValidTimeAfter(new java.util.Date());
            return java.util.Optional.ofNullable(next).map(java.util.Date::toInstant);
        } catch (java.text.ParseException e) {
            return java.util.Optional.empty();
        }
    }

    public List<RunRequest> requests() {
        int now = LocalDate.now(zone).getYear();
        List<Integer> which = years.isEmpty() ? List.of(now, now + 1) : years;
        List<RunRequest> requests = new ArrayList<>();
        for (int year : which) {
            requests.add(agencies.isEmpty() ? RunRequest.allAgencies(year, "schedule")
                    : RunRequest.agencies(year, agencies, "schedule", false, null));
        }
        return requests;
    }
}
