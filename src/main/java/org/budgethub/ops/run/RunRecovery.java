package org.budgethub.ops.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import org.budgethub.publish.DeliveryRecords;

/** At start-up, before any new run: runs this instance left RUNNING are marked INTERRUPTED, ready to resume. */
@Component
@Order(0)
public class RunRecovery implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final RunHistory history;
    private final DeliveryRecords deliveries;

    public RunRecovery(RunHistory history, DeliveryRecords deliveries) {
        this.history = history;
        this.deliveries = deliveries;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sending = deliveries.markInterrupted();
        if (sending > 0) {
            LOG.warn("{} delivery(ies) of instance {} were cut off by a stop; the next run completes them", sending, history.instance());
        }
        int interrupted = history.markInterrupted();
        if (interrupted > 0) {
            LOG.warn("{} run(s) of instance {} did not finish and are marked INTERRUPTED; resume them from the console "
                    + "or with POST /api/runs/{{id}}/resume", interrupted, history.instance());
        }
    }
}
