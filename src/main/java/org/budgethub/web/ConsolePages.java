package org.budgethub.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import org.budgethub.config.HubProperties;
import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.model.DisclosureId;

/**
 * What the console's pages share: the years to pick from (those the finance system has), the year
 * shown by default, request checks that answer 400/404 in the operator's words, and starting a run
 * from a form (refused with a form error when it is pointless or already under way).
 */
@Component
public class ConsolePages {

    private final JdbcTemplate hub;
    private final AgencyDirectory directory;
    private final ZoneId zone;

    public ConsolePages(JdbcTemplate hub, AgencyDirectory directory, HubProperties properties) {
        this.hub = hub;
        this.directory = directory;
        this.zone = ZoneId.of(properties.publish().zone());
    }

    public static void checkAgency(String code) {
        if (!DisclosureId.isSafeCode(code)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个单位：" + code);
        }
    }

    public static int checkYear(int year) {
        try {
            return DisclosureId.checkYear(year);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** The newest year with runs of agencies, else the newest year of the finance system, else this year. */
    public int defaultYear() {
        Integer newest = hub.queryForObject("SELECT MAX(r.fiscal_year) FROM run r WHERE EXISTS (SELECT 1 FROM task t WHERE t.run_id = r.id)",
                Integer.class);
        if (newest != null) {
            return newest;
        }
        var years = directory.fiscalYears();
        return years.isEmpty() ? LocalDate.now(zone).getYear() : years.first();
    }

    /** The years to choose from: the finance system's, those with runs of agencies, and the one shown. */
    public List<Integer> years(int shown) {
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        years.addAll(directory.fiscalYears());
        years.addAll(hub.queryForList("SELECT DISTINCT r.fiscal_year FROM run r WHERE EXISTS (SELECT 1 FROM task t WHERE t.run_id = r.id)",
                Integer.class));
        if (years.isEmpty()) {
            years.add(LocalDate.now(zone).getYear());
        }
        years.add(shown);
        return List.copyOf(years);
    }
}
