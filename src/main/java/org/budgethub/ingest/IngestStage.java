package org.budgethub.ingest;

import java.util.List;
import java.util.Map;

import org.budgethub.model.AgencyWork;

/**
 * The ingest stage: the finance system's rows of one agency, as routes/agency.camel.yaml reads
 * them with camel-sql (bound parameters only), become the agency's extract.
 */
public class IngestStage {

    /**
     * @param agencyRows        bas_agency of Y and P
     * @param appropriationRows bgt_appropriation of Y and P joined with bgt_ledger, in appropriation order
     * @param projectRows       bgt_project of Y that those appropriations name
     * @param indicatorRows     bgt_perf_indicator of those projects
     * @param procurementRows   bgt_procurement of Y
     * @param vehicleRows       ast_vehicle of Y
     */
    public void read(AgencyWork work, List<Map<String, Object>> agencyRows, List<Map<String, Object>> appropriationRows,
                     List<Map<String, Object>> projectRows, List<Map<String, Object>> indicatorRows,
                     List<Map<String, Object>> procurementRows, List<Map<String, Object>> vehicleRows) {
        ExtractBuilder extract = new ExtractBuilder(work.agency(), work.year(), work.elements(), work.previousElements());
        extract.agencyRows(agencyRows);
        extract.appropriationRows(appropriationRows.iterator());
        extract.projectRows(projectRows);
        extract.indicatorRows(indicatorRows);
        extract.procurementRows(procurementRows);
        extract.vehicleRows(vehicleRows);
        work.setExtract(extract.build());
    }
}
