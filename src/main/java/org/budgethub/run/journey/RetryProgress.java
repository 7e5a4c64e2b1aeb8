package org.budgethub.run.journey;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

import org.budgethub.ingest.IngestBatch;
import org.budgethub.model.AgencyWork;
import org.budgethub.review.ReleaseService;
import org.budgethub.run.RunContext;

/**
 * Route glue for the error handlers' onRedelivery (error-handling.camel.yaml): before each retry it
 * tells the agency's journey (or, on the release path, its delivery record; or, for a batch's reads,
 * every agency of the batch) which attempt of how many comes next and why the last one failed, so the
 * console shows retries as they happen. The one bean that reads the exchange: the redelivery counters
 * exist only there; everything it learns goes on as typed values.
 */
@Component("retryProgress")
public class RetryProgress implements Processor {

    private final AgencyJourney journey;
    private final BatchJourney batches;
    private final ReleaseService releases;

    public RetryProgress(AgencyJourney journey, BatchJourney batches, ReleaseService releases) {
        this.journey = journey;
        this.batches = batches;
        this.releases = releases;
    }

    @Override
    public void process(Exchange exchange) {
        int retry = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        int maxRetries = exchange.getIn().getHeader(Exchange.REDELIVERY_MAX_COUNTER, 0, Integer.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AgencyWork work = exchange.getProperty(RouteNames.WORK, AgencyWork.class);
        RunContext run = exchange.getProperty(RouteNames.RUN, RunContext.class);
        if (work == null) {
            // A batch's reads (direct:agency-batch): no agency of it has a work item of its own yet.
            IngestBatch batch = exchange.getProperty("batch", IngestBatch.class);
            if (batch != null && run != null) {
                batches.retrying(batch, run, retry, maxRetries, cause);
            }
            return;
        }
        if (run != null) {
            journey.retrying(work, run, retry, maxRetries, cause);
        } else {
            releases.retrying(work, retry, maxRetries, cause);
        }
    }
}
