package org.budgethub.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.budgethub.mapping.Fund;
import org.budgethub.model.Agency;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.DataError;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.Indicator;
import org.budgethub.model.InputProblem;
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
    private final List<InputProblem> problems = new ArrayList<>();

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
                CheckedRow checked = new CheckedRow(row, "bas_agency", year + " 年单位 " + agencyCode + " 的行",
                        List.of(new RowRef("bas_agency", agencyCode)), problems);
                checked.required("agency_name");
                checked.bool("in_admin_cost_scope");
                // An empty name is a recorded problem; the 说明 is still built (never published) with no name.
                Agency listed = new Agency(year, trim(Rows.text(row, "agency_code")), Objects.toString(Rows.text(row, "agency_name"), ""),
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
        return Objects.equals(Rows.text(a, "bgt_id"), Rows.text(b, "bgt_id"))
                && Objects.equals(Rows.value(a, "fiscal_year"), Rows.value(b, "fiscal_year"));
    }

    private static final Set<String> EXP_KINDS = Set.of(Appropriation.BASIC, Appropriation.PROJECT);
    private static final Set<String> SOURCES = Set.of(Appropriation.NEW_MONEY, Appropriation.CARRY_OVER);
    private static final Set<String> STAGES = Set.of(LedgerEntry.INITIAL, LedgerEntry.ADJUST);
    private static final Set<String> FUNDS = Arrays.stream(Fund.values()).map(Fund::code).collect(Collectors.toSet());
    private static final String FUND_CODES = "资金性质代码 " + String.join("、", Arrays.stream(Fund.values()).map(Fund::code).toList());

    /**
     * One appropriation and its ledger rows. A value it cannot use (an empty amount, a malformed code,
     * an empty key) is recorded as a problem and the row is left out: never counted as zero, never
     * thrown. A soft-deleted appropriation never counts, so its values are not checked.
     */
    private void addGroup(List<Map<String, ?>> group) {
        Map<String, ?> head = group.get(0);
        String bgtId = trim(Rows.text(head, "bgt_id"));
        List<InputProblem> found = new ArrayList<>();
        if (bgtId == null || bgtId.isEmpty()) {
            String where = "单位 " + agencyCode + " 的一条指标（支出功能分类科目 " + Rows.text(head, "exp_func_code") + "）";
            new CheckedRow(head, "bgt_appropriation", where, List.of(), problems).required("bgt_id");
            return;
        }
        List<RowRef> appropriationRef = List.of(RowRef.appropriation(bgtId));
        CheckedRow checked = new CheckedRow(head, "bgt_appropriation", "bgt_id 为 " + bgtId + " 的行", appropriationRef, found);
        Boolean deleted = checked.bool("is_deleted");
        Map<String, Integer> perEntry = new LinkedHashMap<>();
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        int withoutEntry = 0;
        for (Map<String, ?> row : group) {
            String entryId = trim(Rows.text(row, "entry_id"));
            if (entryId == null || entryId.isEmpty()) {
                withoutEntry++;
                if (Rows.value(row, "stage") != null || Rows.value(row, "amount") != null) {
                    // The join found a ledger row, but it has no id: a row of bgt_ledger, not an appropriation without entries.
                    new CheckedRow(row, "bgt_ledger", "指标 " + bgtId + " 的一条指标账", appropriationRef, found).required("entry_id");
                }
                continue;
            }
            CheckedRow ledger = new CheckedRow(row, "bgt_ledger", "entry_id 为 " + entryId + " 的行（指标 " + bgtId + "）",
                    List.of(RowRef.appropriation(bgtId), RowRef.ledger(entryId)), found);
            String stage = ledger.oneOf("stage", STAGES, LedgerEntry.INITIAL + " 或 " + LedgerEntry.ADJUST);
            BigDecimal amount = ledger.amount("amount");
            if (ledger.usable()) {
                entries.putIfAbsent(entryId, new LedgerEntry(entryId, stage, amount));
            }
            perEntry.merge(entryId, 1, Integer::sum);
        }
        Object idRows = Rows.value(head, "bgt_rows");
        int copies = 1;
        if (idRows != null && Rows.integer(head, "bgt_rows") > 1) {
            copies = Math.max(withoutEntry, perEntry.values().stream().max(Integer::compare).orElse(1));
        }
        List<LedgerEntry> ledger = new ArrayList<>();
        for (Map.Entry<String, Integer> e : perEntry.entrySet()) {
            // Without a duplicated id, an entry seen twice is a duplicated ledger row: keep both.
            for (int i = 0; i < Math.max(1, e.getValue() / copies) && entries.containsKey(e.getKey()); i++) {
                ledger.add(entries.get(e.getKey()));
            }
        }
        Appropriation appropriation = Boolean.FALSE.equals(deleted) ? appropriation(head, bgtId, checked, ledger)
                : deletedAppropriation(head, bgtId, ledger);
        if (deleted == null || !deleted) {
            problems.addAll(found);
        }
        if (appropriation == null) {
            return;
        }
        for (int i = 0; i < copies; i++) {
            appropriations.add(appropriation);
        }
    }

    /** A counted appropriation, or null when a code it is placed by cannot be used (the problem is recorded). */
    private static Appropriation appropriation(Map<String, ?> row, String bgtId, CheckedRow checked, List<LedgerEntry> entries) {
        String func = checked.digits("exp_func_code", "7 位数字的项级科目");
        String eco = checked.digits("dep_bgt_eco_code", "5 位数字的款级科目");
        String fund = checked.oneOf("fund_type_code", FUNDS, FUND_CODES);
        String kind = checked.oneOf("exp_kind", EXP_KINDS, "B（基本支出）或 P（项目支出）");
        String source = checked.oneOf("source", SOURCES, "N（当年预算）或 C（上年结转）");
        if (func == null || eco == null || fund == null || kind == null || source == null) {
            return null;
        }
        return new Appropriation(bgtId, Rows.integer(row, "fiscal_year"), trim(Rows.text(row, "agency_code")), func, eco, fund, kind,
                source, trim(Rows.text(row, "pro_code")), false, entries);
    }

    /** A soft-deleted appropriation (or one whose is_deleted is empty, recorded): it never counts, its codes as they are. */
    private static Appropriation deletedAppropriation(Map<String, ?> row, String bgtId, List<LedgerEntry> entries) {
        return new Appropriation(bgtId, Rows.integer(row, "fiscal_year"), trim(Rows.text(row, "agency_code")),
                trim(Rows.text(row, "exp_func_code")), trim(Rows.text(row, "dep_bgt_eco_code")),
                trim(Rows.text(row, "fund_type_code")), trim(Rows.text(row, "exp_kind")), trim(Rows.text(row, "source")),
                trim(Rows.text(row, "pro_code")), true, entries);
    }

    public void projectRows(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            String code = trim(Rows.text(row, "pro_code"));
            CheckedRow checked = new CheckedRow(row, "bgt_project", "pro_code 为 " + code + " 的行",
                    List.of(new RowRef("bgt_project", String.valueOf(code))), problems);
            checked.required("pro_code");
            checked.required("pro_name");
            if (checked.usable()) {
                projects.put(Rows.text(row, "pro_code"), new ProjectRow(row));
            }
        }
    }

    public void indicatorRows(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            ProjectRow project = projects.get(Rows.text(row, "pro_code"));
            if (project != null) {
                String id = Rows.text(row, "pro_code") + " 第 " + Rows.text(row, "seq") + " 项";
                CheckedRow checked = new CheckedRow(row, "bgt_perf_indicator", "项目 " + id + " 绩效指标",
                        List.of(new RowRef("bgt_perf_indicator", Rows.text(row, "pro_code") + "#" + Rows.text(row, "seq"))), problems);
                Integer seq = checked.integer("seq");
                String name = checked.required("name");
                Integer weight = checked.integer("weight");
                String nature = checked.required("nature");
                String target = checked.required("target");
                if (checked.usable()) {
                    project.indicators.add(new Indicator(seq, name, weight, Rows.text(row, "unit"), nature, target));
                }
            }
        }
    }

    public void procurementRows(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            String item = trim(Rows.text(row, "item_code"));
            CheckedRow checked = new CheckedRow(row, "bgt_procurement", "item_code 为 " + item + " 的行",
                    List.of(new RowRef("bgt_procurement", String.valueOf(item))), problems);
            checked.required("item_code");
            String category = checked.oneOf("category", CATEGORIES, "A（货物）、B（工程）或 C（服务）");
            String fund = checked.oneOf("fund_type_code", FUNDS, FUND_CODES);
            BigDecimal amount = checked.amount("amount");
            if (checked.usable()) {
                procurement.add(new ProcurementLine(Rows.text(row, "item_code"), Rows.text(row, "item_name"), category, fund, amount,
                        agencyCode));
            }
        }
    }

    private static final Set<String> CATEGORIES = Set.of("A", "B", "C");

    public void vehicleRows(List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            Map<String, Object> row = rows.get(0);
            CheckedRow checked = new CheckedRow(row, "ast_vehicle", "单位 " + agencyCode + " 的行",
                    List.of(new RowRef("ast_vehicle", agencyCode)), problems);
            Integer generalHeld = checked.integer("general_held");
            Integer enforcementHeld = checked.integer("enforcement_held");
            Integer generalPlanned = checked.integer("general_planned");
            Integer enforcementPlanned = checked.integer("enforcement_planned");
            if (checked.usable()) {
                vehicles = new Vehicles(generalHeld, enforcementHeld, generalPlanned, enforcementPlanned);
            }
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
        return new AgencyExtract(year, agency, appropriations, elements, previousElements, projectList, procurement, vehicles,
                List.of(), problems.stream().distinct().toList());
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
