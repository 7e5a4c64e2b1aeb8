package org.budgethub.run;

import java.util.function.LongConsumer;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.budgethub.ingest.AgencyDirectory;

/** Starting a run from a console form: the run's page, or back with the reason it was refused. */
@Component
class ConsoleRuns {

    private final AgencyDirectory directory;
    private final RunLauncher launcher;

    public ConsoleRuns(AgencyDirectory directory, RunLauncher launcher) {
        this.directory = directory;
        this.launcher = launcher;
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
