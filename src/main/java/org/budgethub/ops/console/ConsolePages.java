package org.budgethub.ops.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongConsumer;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.budgethub.model.DisclosureId;
import org.budgethub.ops.AgencyDirectory;
import org.budgethub.ops.HubProperties;
import org.budgethub.ops.run.DuplicateRun;
import org.budgethub.ops.run.RunLauncher;
import org.budgethub.ops.run.RunRequest;

/**
 * What the console's pages share: the years to pick from (those the finance system has), the year
 * shown by default, request checks that answer 400/404 in the operator's words, and starting a run
 * from a form (refused with a form error when it is pointless or already under way).
 */
@Component
public class ConsolePages {

    private final JdbcTemplate hub;
    private final AgencyDirectory directory;
    private final RunLauncher launcher;
    private final ZoneId zone;

    public ConsolePages(JdbcTemplate hub, AgencyDirectory directory, RunLauncher launcher, HubProperties properties) {
        this.hub = hub;
        this.directory = directory;
        this.launcher = launcher;
        this.zone = ZoneId.of(properties.publish().zone());
    }

    static void checkAgency(String code) {
        if (!DisclosureId.isSafeCode(code)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个单位：" + code);
        }
    }

    static int checkYear(int year) {
        try {
            return DisclosureId.checkYear(year);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** The newest year with runs of agencies, else the newest year of the finance system, else this year. */
    int defaultYear() {
        Integer newest = hub.queryForObject("SELECT MAX(r.fiscal_year) FROM run r WHERE EXISTS (SELECT 1 FROM task t WHERE t.run_id = r.id)",
                Integer.class);
        if (newest != null) {
            return newest;
        }
        var years = directory.fiscalYears();
        return years.isEmpty() ? LocalDate.now(zone).getYear() : years.first();
    }

    /** The years to choose from: the finance system's, those with runs of agencies, and the one shown. */
    List<Integer> years(int shown) {
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

    /**
     * Starts {@code request} from a console form and says where to go: the new run's page, or back to
     * {@code back} with the reason it was refused (pointless, or the same run already under way).
     *
     * @param audit records the start, given the new run's id
     */
    String launch(RunRequest request, RedirectAttributes flash, String back, LongConsumer audit) {
        String refusal = directory.refusal(request.year(), request.agency());
        if (refusal != null) {
            flash.addFlashAttribute("error", "未启动运行：" + refusal + "。");
            return "redirect:" + back;
        }
        try {
            long id = launcher.launch(request);
            audit.accept(id);
            return "redirect:/console/runs/" + id;
        } catch (DuplicateRun e) {
            flash.addFlashAttribute("error", "未启动运行：" + e.getMessage() + "。");
            return "redirect:/console/runs/" + e.existing();
        }
    }
}
