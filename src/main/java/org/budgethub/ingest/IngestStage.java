package org.budgethub.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.budgethub.mapping.Consolidation;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.Stage;

/**
 * The ingest stage: the finance system's rows of a batch of agencies, as routes/agency.camel.yaml
 * reads them with camel-sql (one query per table for the whole batch, bound parameters only), are
 * sorted out per agency ({@link IngestBatch}) and become each agency's extract, or a department's
 * from its units' rows together.
 */
public class IngestStage {

    /** A department's units (department-units.sql): the agencies its rows are read for. */
    public void units(AgencyWork work, List<Map<String, Object>> unitRows) {
        List<String> codes = unitRows.stream().map(r -> Rows.text(r, "agency_code")).toList();
        if (codes.isEmpty()) {
            throw new DataError(Stage.INGEST, "bas_agency 中没有 " + work.year() + " 年部门 " + work.agency() + " 的单位");
        }
        work.setAgencies(codes);
    }

    /**
     * The units of the batch's departments (department-units.sql, column {@code department} naming
     * each row's department): a department without units is refused, alone.
     */
    public void departmentUnits(IngestBatch batch, List<Map<String, Object>> unitRows) {
        Map<String, List<Map<String, Object>>> byDepartment = new LinkedHashMap<>();
        for (Map<String, Object> row : unitRows) {
            String department = Rows.text(row, "department");
            byDepartment.computeIfAbsent(department == null ? "" : department.trim(), k -> new ArrayList<>()).add(row);
        }
        for (AgencyWork work : batch.works()) {
            if (work.department()) {
                try {
                    units(work, byDepartment.getOrDefault(work.agency(), List.of()));
                } catch (DataError e) {
                    batch.refuse(work, e);
                }
            }
        }
    }

    /**
     * One query's rows for the whole batch: {@code table} is agencies (agency-years.sql), appropriations,
     * projects, indicators, procurement or vehicles.
     */
    public void rows(IngestBatch batch, String table, List<Map<String, Object>> rows) {
        List<Map<String, Object>> all = rows == null ? List.of() : rows;
        switch (table) {
            case "agencies" -> batch.agencyRows(all);
            case "appropriations" -> batch.appropriationRows(all);
            case "projects" -> batch.projectRows(all);
            case "indicators" -> batch.indicatorRows(all);
            case "procurement" -> batch.procurementRows(all);
            case "vehicles" -> batch.vehicleRows(all);
            default -> throw new IllegalArgumentException("no such finance table for a batch: " + table);
        }
    }

    /** One agency of a batch: its rows, sorted out of the batch's, become its extract; returns the work. */
    public AgencyWork read(AgencyWork work, IngestBatch batch) {
        DataError refused = batch.refusal(work);
        if (refused != null) {
            throw refused;
        }
        IngestBatch.Slice rows = batch.slice(work);
        read(work, rows.agencyRows(), rows.appropriationRows(), rows.projectRows(), rows.indicatorRows(), rows.procurementRows(),
                rows.vehicleRows());
        return work;
    }

    /**
     * @param agencyRows        bas_agency of Y and P
     * @param appropriationRows bgt_appropriation of Y and P joined with bgt_ledger, in agency and appropriation order
     * @param projectRows       bgt_project of Y that those appropriations name
     * @param indicatorRows     bgt_perf_indicator of those projects
     * @param procurementRows   bgt_procurement of Y
     * @param vehicleRows       ast_vehicle of Y
     */
    public void read(AgencyWork work, List<Map<String, Object>> agencyRows, List<Map<String, Object>> appropriationRows,
                     List<Map<String, Object>> projectRows, List<Map<String, Object>> indicatorRows,
                     List<Map<String, Object>> procurementRows, List<Map<String, Object>> vehicleRows) {
        if (!work.department()) {
            work.setExtract(extract(work, work.agency(), agencyRows, appropriationRows, projectRows, indicatorRows, procurementRows,
                    vehicleRows));
            return;
        }
        Map<String, List<Map<String, Object>>> agencies = byAgency(agencyRows);
        Map<String, List<Map<String, Object>>> appropriations = byAgency(appropriationRows);
        Map<String, List<Map<String, Object>>> projects = byAgency(projectRows);
        Map<String, List<Map<String, Object>>> procurement = byAgency(procurementRows);
        Map<String, List<Map<String, Object>>> vehicles = byAgency(vehicleRows);
        List<AgencyExtract> units = new ArrayList<>();
        for (String unit : work.agencies()) {
            // Indicators name their project, not its agency: each unit's builder keeps those of its own projects.
            units.add(extract(work, unit, rows(agencies, unit), rows(appropriations, unit), rows(projects, unit), indicatorRows,
                    rows(procurement, unit), rows(vehicles, unit)));
        }
        work.setUnitExtracts(units);
        work.setExtract(Consolidation.of(work.agency(), work.year(), units));
    }

    private static AgencyExtract extract(AgencyWork work, String agency, List<Map<String, Object>> agencyRows,
                                         List<Map<String, Object>> appropriationRows, List<Map<String, Object>> projectRows,
                                         List<Map<String, Object>> indicatorRows, List<Map<String, Object>> procurementRows,
                                         List<Map<String, Object>> vehicleRows) {
        ExtractBuilder extract = new ExtractBuilder(agency, work.year(), work.elements(), work.previousElements());
        extract.agencyRows(agencyRows);
        extract.appropriationRows(appropriationRows.iterator());
        extract.projectRows(projectRows);
        extract.indicatorRows(indicatorRows);
        extract.procurementRows(procurementRows);
        extract.vehicleRows(vehicleRows);
        return extract.build();
    }

    private static Map<String, List<Map<String, Object>>> byAgency(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            String code = Rows.text(row, "agency_code");
            out.computeIfAbsent(code == null ? "" : code.trim(), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    private static List<Map<String, Object>> rows(Map<String, List<Map<String, Object>>> byAgency, String agency) {
        return byAgency.getOrDefault(agency, List.of());
    }
}
