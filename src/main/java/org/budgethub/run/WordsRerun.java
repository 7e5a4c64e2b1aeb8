package org.budgethub.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.budgethub.authoring.WordsSaved;
import org.budgethub.config.Departments;
import org.budgethub.config.LogContext;

/**
 * Words saved through the API or the console rebuild what they are part of at once, as an operator's
 * rerun would (and through the same {@link RunLauncher}): a unit and its department, or a department.
 * The new version then goes to review like any other. The run is started by the person who saved
 * ({@code user:<name>}), so with four eyes someone else approves it.
 *
 * <p>The same run already queued will read the new words when it comes to them. The same run already
 * under way may have read the old ones: the rebuild is asked for again every few seconds until that
 * run is over (for at most {@value #GIVE_UP_MINUTES} minutes; the nightly run would then build it).
 */
@Component
class WordsRerun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WordsRerun.class);
    static final int GIVE_UP_MINUTES = 30;
    private static final long RETRY_SECONDS = 3;

    private final RunLauncher launcher;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "words-rerun");
        t.setDaemon(true);
        return t;
    });

    WordsRerun(RunLauncher launcher) {
        this.launcher = launcher;
    }

    /** The request a save makes: the unit with its department, or the department alone. */
    static RunRequest request(WordsSaved saved) {
        return new RunRequest(saved.year(), saved.code(), "user:" + saved.by(), false).withDepartments(Departments.WITH_PARENTS);
    }

    @EventListener
    void saved(WordsSaved saved) {
        launch(request(saved), System.nanoTime());
    }

    private void launch(RunRequest request, long since) {
        try {
            long id = launcher.launch(request);
            try (LogContext log = LogContext.of(id, request.agency())) {
                LOG.info("{} {} 年的说明已保存新版本：运行 #{} 重新生成该单位及其部门", request.agency(), request.year(), id);
            }
        } catch (DuplicateRun same) {
            if (same.status() == RunStatus.QUEUED) {
                return; // it has not begun: it reads the new words
            }
            if (TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - since) >= GIVE_UP_MINUTES) {
                LOG.warn("{} {} 年的说明已保存新版本，但运行 #{} 已运行 {} 分钟仍未结束，未再重新生成；下一次运行会生成", request.agency(),
                        request.year(), same.existing(), GIVE_UP_MINUTES);
                return;
            }
            later.schedule(() -> launch(request, since), RETRY_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.warn("{} {} 年的说明已保存新版本，但未能启动重新生成：{}", request.agency(), request.year(), e.getMessage());
        }
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
