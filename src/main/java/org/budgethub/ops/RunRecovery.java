package org.budgethub.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At start-up, before any new run: runs this instance left RUNNING are marked INTERRUPTED, ready to resume. */
@Component
@Order(0)
public class RunRecovery implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final RunHistory history;

    public RunRecovery(RunHistory history) {
        this.history = history;
    }

    @Override
    public void run(ApplicationArguments args) {
        int interrupted = history.markInterrupted();
        if (interrupted > 0) {
            LOG.warn("{} run(s) of instance {} did not finish and are marked INTERRUPTED; resume them from the console "
                    + "or with POST /api/runs/{{id}}/resume", interrupted, history.instance());
        }
    }
}
