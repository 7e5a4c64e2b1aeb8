package org.budgethub.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.budgethub.model.Agency;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.DataError;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Indicator;
import org.budgethub.model.LedgerEntry;
import org.budgethub.model.ProcurementLine;
import org.budgethub.model.Project;
import org.budgethub.model.Stage;
import org.budgethub.model.Vehicles;

/**
 * Folds the finance system's result rows of one agency into an {@link AgencyExtract}. The routes
 * run the queries; this class only maps rows, so it is tested without a database.
 */
public final class ExtractBuilder {

    private final String agencyCode;
    private final int year;
    private final ElementTables elements;
    private final ElementTables previousElements;
    private Agency agency;
    private final List<Appropriation> appropriations = new ArrayList<>();
    private final Map<String, ProjectRow> projects = new LinkedHashMap<>();
    private final List<ProcurementLine> procurement = new ArrayList<>();
    private Vehicles vehicles = Vehicles.NONE;

    private static final class ProjectRow {
        final Map<String, ?> row;
        final List<Indicator> indicators = new ArrayList<>();

        ProjectRow(Map<String, ?> row) {
            this.row = row;
        }
    }

    public ExtractBuilder(String agencyCode, int year, ElementTables elements, ElementTables previousElements) {
        this.agencyCode = agencyCode;
        this.year = year;
        this.elements = elements;
        this.previousElements = previousElements;
    }

    public String agencyCode() {
        return agencyCode;
    }

    public int year() {
        return year;
    }

    /**
     * bas_agency rows of Y and P; the disclosure uses Y's. Codes are compared without surrounding
     * white space, so a padded code may list the agency twice: identical rows are one agency, rows
     * that disagree cannot be disclosed until the finance system settles which is right.
     */
    public void agencyRows(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            if (Rows.integer(row, "fiscal_year") == year) {
                Agency listed = new Agency(year, trim(Rows.text(row, "agency_code")), Rows.text(row, "agency_name"),
                        trim(Rows.text(row, "parent_agency_code")), Rows.text(row, "agency_kind"),
                        Rows.bool(row, "in_admin_cost_scope"), Rows.text(row, "supervisor_name"));
                if (agency != null && !agency.equals(listed)) {
                    throw new DataError(Stage.INGEST, "bas_agency 中 " + year + " 年单位 " + agencyCode + " 有两行且内容不同，"
                            + "须由预算管理一体化系统确定哪一行正确：" + agency + " / " + listed);
                }
                agency = listed;
            }
        }
    }

    /**
     * Appropriation rows joined with their ledger entries, ordered by appropriation. Column
     * {@code bgt_rows} says how many bgt_appropriation rows share the id: a duplicated id joins its
     * ledger once per copy, so the copies are kept as copies (validation names the duplicate id)
     * rather than folded into one appropriation with every entry twice.
     */
    public void appropriationRows(Iterator<? extends Map<String, ?>> rows) {
        List<Map<String, ?>> group = new ArrayList<>();
        while (rows.hasNext()) {
            Map<String, ?> row = rows.next();
            if (!group.isEmpty() && !sameAppropriation(group.get(0), row)) {
                addGroup(group);
                group = new ArrayList<>();
            }
            group.add(row);
        }
        if (!group.isEmpty()) {
            addGroup(group);
        }
    }

    private static boolean sameAppropriation(Map<String, ?> a, Map<String, ?> b) {
        return Rows.text(a, "bgt_id").equals(Rows.text(b, "bgt_id")) && Rows.integer(a, "fiscal_year") == Rows.integer(b, "fiscal_year");
    }

    private void addGroup(List<Map<String, ?>> group) {
        Map<String, Integer> perEntry = new LinkedHashMap<>();
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        int withoutEntry = 0;
        for (Map<String, ?> row : group) {
            String entryId = Rows.text(row, "entry_id");
            if (entryId == null) {
                withoutEntry++;
                continue;
            }
            BigDecimal amount = Rows.decimal(row, "amount");
            entries.putIfAbsent(entryId, new LedgerEntry(entryId, Rows.text(row, "stage"), amount == null ? BigDecimal.ZERO : amount));
            perEntry.merge(entryId, 1, Integer::sum);
        }
        Map<String, ?> head = group.get(0);
        Object idRows = Rows.value(head, "bgt_rows");
        int copies = 1;
        if (idRows != null && Rows.integer(head, "bgt_rows") > 1) {
            copies = Math.max(withoutEntry, perEntry.values().stream().max(Integer::compare).orElse(1));
        }
        List<LedgerEntry> ledger = new ArrayList<>();
        for (Map.Entry<String, Integer> e : perEntry.entrySet()) {
            // Without a duplicated id, an entry seen twice is a duplicated ledger row: keep both.
            for (int i = 0; i < Math.max(1, e.getValue() / copies); i++) {
                ledger.add(entries.get(e.getKey()));
            }
        }
        for (int i = 0; i < copies; i++) {
            appropriations.add(appropriation(head, ledger));
        }
    }

    private static Appropriation appropriation(Map<String, ?> row, List<LedgerEntry> entries) {
        return new Appropriation(Rows.text(row, "bgt_id"), Rows.integer(row, "fiscal_year"), trim(Rows.text(row, "agency_code")),
                trim(Rows.text(row, "exp_func_code")), trim(Rows.text(row, "dep_bgt_eco_code")),
                trim(Rows.text(row, "fund_type_code")), trim(Rows.text(row, "exp_kind")), trim(Rows.text(row, "source")),
                trim(Rows.text(row, "pro_code")), Rows.bool(row, "is_deleted"), entries);
    }

    public void projectRows(List<Map<String, Object>> rows) {
        rows.forEach(row -> projects.put(Rows.text(row, "pro_code"), new ProjectRow(row)));
    }

    public void indicatorRows(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            ProjectRow project = projects.get(Rows.text(row, "pro_code"));
            if (project != null) {
                project.indicators.add(new Indicator(Rows.integer(row, "seq"), Rows.text(row, "name"),
                        Rows.integer(row, "weight"), Rows.text(row, "unit"), Rows.text(row, "nature"), Rows.text(row, "target")));
            }
        }
    }

    public void procurementRows(List<Map<String, Object>> rows) {
        rows.forEach(row -> procurement.add(new ProcurementLine(Rows.text(row, "item_code"), Rows.text(row, "item_name"),
                trim(Rows.text(row, "category")), trim(Rows.text(row, "fund_type_code")), Rows.decimal(row, "amount"), agencyCode)));
    }

    public void vehicleRows(List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            Map<String, Object> row = rows.get(0);
            vehicles = new Vehicles(Rows.integer(row, "general_held"), Rows.integer(row, "enforcement_held"),
                    Rows.integer(row, "general_planned"), Rows.integer(row, "enforcement_planned"));
        }
    }

    public AgencyExtract build() {
        if (agency == null) {
            throw new DataError(Stage.INGEST, "bas_agency 中没有 " + year + " 年的单位 " + agencyCode);
        }
        List<Project> projectList = projects.values().stream()
                .map(p -> new Project(Rows.text(p.row, "pro_code"), Rows.text(p.row, "pro_name"), Rows.text(p.row, "pro_summary"),
                        Rows.text(p.row, "pro_basis"), Rows.text(p.row, "perf_goal"), p.indicators, agencyCode))
                .toList();
        return new AgencyExtract(year, agency, appropriations, elements, previousElements, projectList, procurement, vehicles);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
