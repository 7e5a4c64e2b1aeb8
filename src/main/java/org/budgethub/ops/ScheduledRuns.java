package org.budgethub.ops;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the nightly schedule runs: each configured year (default: the current year and the next,
 * whose budgets are disclosed early in that year), for the configured agencies or all of them.
 */
@Component("scheduledRuns")
public class ScheduledRuns {

    private final List<Integer> years;
    private final List<String> agencies;
    private final ZoneId zone;

    public ScheduledRuns(@Value("${hub.schedule.years:}") List<Integer> years, @Value("${hub.schedule.agencies:}") List<String> agencies,
                         @Value("${hub.schedule.zone:Asia/Shanghai}") String zone) {
        this.years = years == null ? List.of() : years;
        this.agencies = agencies == null ? List.of() : agencies.stream().filter(a -> !a.isBlank()).toList();
        this.zone = ZoneId.of(zone);
    }

    public List<RunRequest> requests() {
        List<Integer> which = years.isEmpty() ? List.of(LocalDate.now(zone).getYear(), LocalDate.now(zone).getYear() + 1) : years;
        List<RunRequest> requests = new ArrayList<>();
        for (int year : which) {
            requests.add(agencies.isEmpty() ? RunRequest.allAgencies(year, "schedule")
                    : RunRequest.agencies(year, agencies, "schedule", false, null));
        }
        return requests;
    }
}
