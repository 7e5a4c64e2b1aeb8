package org.budgethub.authoring;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.budgethub.ingest.ElementRows;
import org.budgethub.ingest.IngestBatch;
import org.budgethub.ingest.IngestStage;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DisclosureId;

/**
 * The steps of routes/narratives.camel.yaml ({@code direct:narrative-extract}): one unit's or
 * department's extract, read as a run reads a batch of one (the same SQL, {@link IngestBatch} and
 * the {@code ingest} bean), without a run.
 */
@Component("narrativeExtracts")
public class NarrativeExtracts {

    private final IngestStage ingest;

    public NarrativeExtracts(IngestStage ingest) {
        this.ingest = ingest;
    }

    /** What the route reads: a unit or a department of a year. */
    public record Target(int year, String code, boolean department) {

        public Target {
            DisclosureId.checkYear(year);
            DisclosureId.checkCode(code);
        }

        public int previousYear() {
            return year - 1;
        }
    }

    /** The batch of one, its work item made with the year's element tables. */
    public IngestBatch batch(Target target, List<Map<String, Object>> functionalRows, List<Map<String, Object>> economicRows) {
        AgencyWork work = new AgencyWork(new DisclosureId(target.year(), target.code()),
                ElementRows.of(target.year(), functionalRows, economicRows), ElementRows.of(target.previousYear(), functionalRows, economicRows),
                false, target.department());
        return new IngestBatch(List.of(work));
    }

    /**
     * The work item with its extract (a department's with its units' extracts).
     *
     * @throws org.budgethub.model.DataError when the finance rows cannot make one (no such agency, a department without units)
     */
    public AgencyWork read(IngestBatch batch) {
        return ingest.read(batch.works().get(0), batch);
    }
}
