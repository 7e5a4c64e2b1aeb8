package org.budgethub.ingest;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;

/**
 * A batch of agencies (units, or departments) whose finance rows are read together: one query per
 * table for the whole batch (routes/agency.camel.yaml, {@code direct:agency-batch}), the rows then
 * sorted out per agency here, so each agency's journey gets exactly the rows a query of its own
 * would have returned, in the same order. The batch is filled on one thread before its agencies
 * go on in parallel, and only read after that.
 */
public final class IngestBatch {

    private final List<AgencyWork> works;
    private final Map<AgencyWork, DataError> refusals = new IdentityHashMap<>();
    private Map<String, List<Map<String, Object>>> agencyRows = Map.of();
    private Map<String, List<Map<String, Object>>> appropriationRows = Map.of();
    private Map<String, List<Map<String, Object>>> projectRows = Map.of();
    private List<Map<String, Object>> indicatorRows = List.of();
    private Map<String, List<Map<String, Object>>> procurementRows = Map.of();
    private Map<String, List<Map<String, Object>>> vehicleRows = Map.of();

    /** The rows of one journey: what {@link IngestStage#read} folds into its extract. */
    public record Slice(List<Map<String, Object>> agencyRows, List<Map<String, Object>> appropriationRows,
                        List<Map<String, Object>> projectRows, List<Map<String, Object>> indicatorRows,
                        List<Map<String, Object>> procurementRows, List<Map<String, Object>> vehicleRows) {
    }

    public IngestBatch(List<AgencyWork> works) {
        this.works = List.copyOf(works);
    }

    /** The journeys of the batch that started (an unusable code never does). */
    public List<AgencyWork> works() {
        return works;
    }

    public boolean isEmpty() {
        return works.isEmpty();
    }

    public int size() {
        return works.size();
    }

    /** Whether the batch holds departments, whose units are looked up first. */
    public boolean hasDepartments() {
        return works.stream().anyMatch(AgencyWork::department);
    }

    /** The department codes of the batch, for the department-units query. */
    public String[] departments() {
        return works.stream().filter(AgencyWork::department).map(AgencyWork::agency).distinct().toArray(String[]::new);
    }

    /** Every agency whose finance rows the batch reads: its units, and its departments' units. Bound as one array parameter. */
    public String[] codes() {
        Set<String> codes = new LinkedHashSet<>();
        works.stream().filter(w -> !refusals.containsKey(w)).forEach(w -> codes.addAll(w.agencies()));
        return codes.toArray(String[]::new);
    }

    /**
     * The journey cannot be read (a department without units): its own route fails it with
     * {@code error} when it reads its rows, and the rest of the batch goes on.
     */
    public void refuse(AgencyWork work, DataError error) {
        refusals.put(work, error);
    }

    /** Why the journey cannot be read, or null. */
    public DataError refusal(AgencyWork work) {
        return refusals.get(work);
    }

    /** bas_agency rows of Y and P, by agency code without surrounding white space (as agency-years.sql matches them). */
    public void agencyRows(List<Map<String, Object>> rows) {
        agencyRows = byAgency(rows, true);
    }

    /** bgt_appropriation joined with bgt_ledger, by agency code as stored (appropriations.sql matches it exactly). */
    public void appropriationRows(List<Map<String, Object>> rows) {
        appropriationRows = byAgency(rows, false);
    }

    /** bgt_project of Y named by the batch's appropriations; each journey keeps those its own appropriations name. */
    public void projectRows(List<Map<String, Object>> rows) {
        projectRows = byAgency(rows, false);
    }

    /** bgt_perf_indicator of the projects the batch's appropriations name; they name their project, not an agency. */
    public void indicatorRows(List<Map<String, Object>> rows) {
        indicatorRows = List.copyOf(rows);
    }

    public void procurementRows(List<Map<String, Object>> rows) {
        procurementRows = byAgency(rows, false);
    }

    public void vehicleRows(List<Map<String, Object>> rows) {
        vehicleRows = byAgency(rows, false);
    }

    /**
     * The rows of {@code work}'s agencies (the unit, or the department's units), as a query bound
     * to those agencies alone returns them: projects and indicators limited to the projects that
     * the appropriations of Y of those agencies name, rows in the database's order.
     */
    public Slice slice(AgencyWork work) {
        List<String> scope = work.agencies();
        List<Map<String, Object>> appropriations = rowsOf(appropriationRows, scope);
        Set<String> named = new LinkedHashSet<>();
        for (Map<String, Object> row : appropriations) {
            String project = Rows.text(row, "pro_code");
            if (project != null && Rows.integer(row, "fiscal_year") == work.year()) {
                named.add(project.trim());
            }
        }
        List<Map<String, Object>> projects = rowsOf(projectRows, scope).stream()
                .filter(row -> named.contains(Rows.text(row, "pro_code"))).toList();
        List<Map<String, Object>> indicators = indicatorRows.stream()
                .filter(row -> named.contains(Rows.text(row, "pro_code"))).toList();
        return new Slice(rowsOf(agencyRows, scope), appropriations, projects, indicators, rowsOf(procurementRows, scope),
                rowsOf(vehicleRows, scope));
    }

    private static List<Map<String, Object>> rowsOf(Map<String, List<Map<String, Object>>> byAgency, List<String> scope) {
        if (scope.size() == 1) {
            return byAgency.getOrDefault(scope.get(0), List.of());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        scope.forEach(agency -> rows.addAll(byAgency.getOrDefault(agency, List.of())));
        return rows;
    }

    private static Map<String, List<Map<String, Object>>> byAgency(List<Map<String, Object>> rows, boolean trim) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            String code = Rows.text(row, "agency_code");
            code = code == null ? "" : trim ? code.trim() : code;
            out.computeIfAbsent(code, k -> new ArrayList<>()).add(row);
        }
        return out;
    }
}
