package org.budgethub.run.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.budgethub.ingest.IngestBatch;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.run.RunContext;

/**
 * The bookkeeping of a batch of agencies in routes/agency.camel.yaml ({@code direct:agency-batch}):
 * every agency's journey starts before the batch's rows are read, so each is in the run history
 * while it waits; a retry of the batch's reads is shown on each of them; and when the reads fail
 * for good (the finance database stalls), each agency of the batch fails with the operator's
 * sentence for the cause, as its own journey would have.
 */
@Component("batchJourney")
public class BatchJourney {

    private final AgencyJourney journey;

    public BatchJourney(AgencyJourney journey) {
        this.journey = journey;
    }

    /**
     * Starts the journeys of a batch's rows (agencies.sql rows, listed or department rows). A code
     * that cannot be a folder name fails its agency alone, at once.
     */
    public IngestBatch begin(List<Map<String, Object>> rows, RunContext run) {
        List<AgencyWork> works = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            try {
                works.add(journey.begin(row, run));
            } catch (DataError e) {
                journey.failed(null, e, run, row);
            }
        }
        return new IngestBatch(works);
    }

    /**
     * The dead-letter end of a batch whose reads failed after their retries: every agency of it
     * fails with the reason (a department refused for its own data with that reason instead).
     *
     * @param rows the route's body when the batch never started (its journeys could not be recorded)
     */
    public void failed(IngestBatch batch, Throwable error, RunContext run, Object rows) {
        if (batch == null) {
            if (rows instanceof List<?> list) {
                for (Object row : list) {
                    journey.failed(null, error, run, row);
                }
            }
            return;
        }
        for (AgencyWork work : batch.works()) {
            DataError refused = batch.refusal(work);
            journey.failed(work, refused != null ? refused : error, run, null);
        }
    }

    /**
     * Before each retry of the batch's reads (called by {@link RetryProgress}): each agency's task says
     * which attempt comes and why the last failed.
     */
    public void retrying(IngestBatch batch, RunContext run, int retry, int maxRetries, Throwable cause) {
        for (AgencyWork work : batch.works()) {
            journey.retrying(work, run, retry, maxRetries, cause);
        }
    }
}
