package org.budgethub.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.budgethub.model.Agency;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.ElementTables;
import org.budgethub.model.LedgerEntry;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.ProcurementLine;
import org.budgethub.model.Project;
import org.budgethub.model.Vehicles;

/** Small hand-made extracts for unit tests of the core: no database, no Camel, no Spring. */
public final class Fixtures {

    public static final int YEAR = 2026;

    private final List<Appropriation> appropriations = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private final List<ProcurementLine> procurement = new ArrayList<>();
    private final Map<String, String> functional = new HashMap<>();
    private final Map<String, String> economic = new HashMap<>();
    private Vehicles vehicles = Vehicles.NONE;
    private boolean inAdminCostScope;
    private int sequence;
    private String agencyCode = "900001";
    private String agencyName = "测试单位";
    private String supervisor = "测试主管部门";

    public Fixtures() {
        functional.putAll(Map.of(
                "201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务",
                "2010301", "行政运行", "2010350", "事业运行",
                "208", "社会保障和就业支出", "20805", "行政事业单位养老支出", "2080505", "机关事业单位基本养老保险缴费支出",
                "212", "城乡社区支出", "21208", "国有土地使用权出让收入安排的支出", "2120803", "城市建设支出"));
        economic.putAll(Map.of(
                "301", "工资福利支出", "30101", "基本工资", "30108", "机关事业单位基本养老保险缴费",
                "302", "商品和服务支出", "30201", "办公费", "30212", "因公出国（境）费用", "30217", "公务接待费",
                "30231", "公务用车运行维护费", "303", "对个人和家庭的补助", "30302", "退休费"));
        economic.putAll(Map.of("310", "资本性支出", "31013", "公务用车购置"));
    }

    /** The agency the data is of (default 900001 测试单位 under 测试主管部门), for a department's units. */
    public Fixtures agency(String code, String name, String supervisorName) {
        this.agencyCode = code;
        this.agencyName = name;
        this.supervisor = supervisorName;
        return this;
    }

    /** A basic, fund-11, new-money appropriation of {@code yuan} in the budget year. */
    public Fixtures basic(String func, String eco, String yuan) {
        return add(YEAR, func, eco, "11", "B", "N", null, yuan);
    }

    public Fixtures add(int year, String func, String eco, String fund, String kind, String source, String project, String... entries) {
        // Ids stay unique across a department's units: another unit's are prefixed with its code.
        String id = (agencyCode.equals("900001") ? "" : agencyCode + "-") + "A" + (++sequence);
        List<LedgerEntry> ledger = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            ledger.add(new LedgerEntry(id + "-" + (i + 1), LedgerEntry.INITIAL, new BigDecimal(entries[i])));
        }
        appropriations.add(new Appropriation(id, year, agencyCode, func, eco, fund, kind, source, project, false, ledger));
        return this;
    }

    public Fixtures appropriation(Appropriation appropriation) {
        appropriations.add(appropriation);
        return this;
    }

    public Fixtures project(Project project) {
        projects.add(project);
        return this;
    }

    public Fixtures procurement(String item, String name, String category, String fund, String yuan) {
        procurement.add(new ProcurementLine(item, name, category, fund, new BigDecimal(yuan), agencyCode));
        return this;
    }

    public Fixtures vehicles(Vehicles v) {
        this.vehicles = v;
        return this;
    }

    public Fixtures inAdminCostScope() {
        this.inAdminCostScope = true;
        return this;
    }

    public Fixtures functionalName(String code, String name) {
        functional.put(code, name);
        return this;
    }

    public Fixtures withoutFunctional(String code) {
        functional.remove(code);
        return this;
    }

    public AgencyExtract extract() {
        Agency agency = new Agency(YEAR, agencyCode, agencyName, "900", "1", inAdminCostScope, supervisor);
        return new AgencyExtract(YEAR, agency, appropriations, new ElementTables(YEAR, functional, economic),
                new ElementTables(YEAR - 1, functional, economic), projects, procurement, vehicles);
    }

    public static NarrativeInput narrative(Map<String, String> reasons, List<String> notes) {
        return new NarrativeInput("900001", YEAR, "1.职责一。\n2.职责二。", "单位构成。", reasons, notes, "张三", "023-1234");
    }
}
