package org.budgethub.narrative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.budgethub.mapping.Change;
import org.budgethub.mapping.ChangeDrivers;
import org.budgethub.mapping.ChangeDrivers.Driver;
import org.budgethub.mapping.ChangeDrivers.Reason;
import org.budgethub.mapping.Scopes;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.NarrativeInput;

/**
 * The hub's first draft of an agency's or a department's words for a year (issue 21), from what the
 * hub already knows: the figures of the extract (this year and the previous) and the latest words a
 * person confirmed for an earlier year. Plain Java: no database, no Spring.
 *
 * <p>Duties, composition, notes and contact are carried forward from the earlier words; the reasons
 * are drafted from the figures, each in the scope of the sentence it ends (see {@link ChangeDrivers}),
 * naming only amounts that are figures of the disclosure, so 表文一致 holds. A change that prints as 0,
 * a year without previous-year money, or a change with nothing to name gets no reason: a person
 * writes the why, the draft only says what moved.
 */
public final class NarrativeDrafter {

    /**
     * Projects and economic 款 named in a reason, largest absolute change first, equal changes in code
     * order; more changed ones end the list with 等.
     */
    static final int MAX_NAMED = 3;

    /** The 三公 items: reason key, economic code, and the name §4's sentence gives them. */
    private record SangongItem(String key, String code, String name) {
    }

    private static final List<SangongItem> SANGONG_ITEMS = List.of(
            new SangongItem("sangongAbroad", Scopes.ABROAD, "因公出国（境）费用"),
            new SangongItem("sangongReception", Scopes.RECEPTION, "公务接待费"),
            new SangongItem("sangongVehicleOperation", Scopes.VEHICLE_OPERATION, "公务用车运行维护费"),
            new SangongItem("sangongVehiclePurchase", Scopes.VEHICLE_PURCHASE, "公务用车购置费"));

    /**
     * @param extract the agency's (or, consolidated, the department's) extract of the year and the previous year
     * @param earlier the latest confirmed words of an earlier year, or null when there are none
     * @return words with the contract's keys (never null); a reason that cannot be drafted is absent
     */
    public NarrativeInput draft(AgencyExtract extract, NarrativeInput earlier) {
        String code = extract.agency().code();
        Map<String, String> reasons = reasons(extract);
        if (earlier == null) {
            return new NarrativeInput(code, extract.year(), "", "", reasons, List.of(), "", "");
        }
        // Reasons are the year's own; everything else a person wrote still holds until they change it.
        return new NarrativeInput(code, extract.year(), nz(earlier.duties()), nz(earlier.composition()), reasons, earlier.notes(),
                nz(earlier.contactName()), nz(earlier.contactPhone()));
    }

    /** The drafted reasons, keyed as in CONTRACT.md §1; only those with something to say. */
    static Map<String, String> reasons(AgencyExtract extract) {
        ChangeDrivers drivers = new ChangeDrivers(extract);
        Map<String, String> out = new LinkedHashMap<>();
        if (!drivers.hasPreviousYear()) {
            return out;
        }
        Optional<String> allFunds = sentence(drivers.allFunds(), NarrativeDrafter::basicOrProject, Integer.MAX_VALUE);
        allFunds.ifPresent(r -> out.put("income", r));
        allFunds.ifPresent(r -> out.put("expenditure", r));
        sentence(drivers.generalPublicBasic(), NarrativeDrafter::personnelOrPublicUse, Integer.MAX_VALUE).ifPresent(r -> out.put("basic", r));
        sentence(drivers.generalPublicProject(), NarrativeDrafter::project, MAX_NAMED).ifPresent(r -> out.put("project", r));
        governmentFund(drivers.governmentFund()).ifPresent(r -> out.put("fund", r));
        if (extract.agency().inAdminCostScope()) {
            sentence(drivers.adminCost(), NarrativeDrafter::economic, MAX_NAMED).ifPresent(r -> out.put("adminCost", r));
        }
        sentence(drivers.sangong(), d -> itemName(d.code()) + change(d.change()), Integer.MAX_VALUE).ifPresent(r -> out.put("sangong", r));
        for (SangongItem item : SANGONG_ITEMS) {
            sangongItem(extract, item, drivers.sangongItem(item.code())).ifPresent(r -> out.put(item.key(), r));
        }
        return out;
    }

    /** "主要是A，B，C等": the first {@code max} drivers worded, 等 when more changed; absent when nothing moved. */
    private static Optional<String> sentence(Reason reason, Function<Driver, String> word, int max) {
        if (reason.change().isZero() || reason.drivers().isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = reason.drivers().stream().limit(max).map(word).toList();
        String more = reason.drivers().size() > max ? "等" : "";
        return Optional.of("主要是" + String.join("，", parts) + more);
    }

    /** Fund 12: its basic money first, then its projects, the projects limited as 三's project sentence. */
    private static Optional<String> governmentFund(Reason reason) {
        if (reason.change().isZero() || reason.drivers().isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        List<Driver> projects = reason.drivers().stream().filter(d -> d.kind() == ChangeDrivers.Kind.PROJECT_ITEM).toList();
        reason.drivers().stream().filter(d -> d.kind() == ChangeDrivers.Kind.BASIC).forEach(d -> parts.add("基本支出" + change(d.change())));
        projects.stream().limit(MAX_NAMED).forEach(d -> parts.add(project(d)));
        return Optional.of("主要是" + String.join("，", parts) + (projects.size() > MAX_NAMED ? "等" : ""));
    }

    /**
     * One 三公 item: where it moved (basic or project money), whether it is new or gone, and for the
     * vehicle items the vehicles the 说明 counts in 五 (四).
     */
    private static Optional<String> sangongItem(AgencyExtract extract, SangongItem item, Reason reason) {
        if (reason.change().isZero()) {
            return Optional.empty();
        }
        Driver whole = reason.drivers().get(0);
        List<String> parts = new ArrayList<>();
        parts.add(item.name() + change(reason.change()));
        if (whole.appears()) {
            parts.add("上年无此预算");
        } else if (whole.disappears()) {
            parts.add("本年未安排此项预算");
        }
        String self = extract.isDepartment() ? "本部门" : "本单位";
        var v = extract.vehicles();
        if (item.code().equals(Scopes.VEHICLE_OPERATION) && v.generalHeld() + v.enforcementHeld() > 0) {
            parts.add("截止 " + extract.previousYear() + " 年 12 月" + self + "共有车辆 " + (v.generalHeld() + v.enforcementHeld()) + " 辆");
        }
        if (item.code().equals(Scopes.VEHICLE_PURCHASE) && v.generalPlanned() + v.enforcementPlanned() > 0) {
            parts.add(extract.year() + " 年一般公共预算安排购置车辆 " + (v.generalPlanned() + v.enforcementPlanned()) + " 辆");
        }
        return Optional.of("主要是" + String.join("，", parts));
    }

    private static String basicOrProject(Driver d) {
        return (d.kind() == ChangeDrivers.Kind.BASIC ? "基本支出预算" : "项目支出预算") + change(d.change());
    }

    private static String personnelOrPublicUse(Driver d) {
        return (d.kind() == ChangeDrivers.Kind.PERSONNEL ? "人员经费" : "日常公用经费") + change(d.change());
    }

    /** "XX项目减少 300 万元", with 本年新增 / 本年未安排 for a project of one year only. */
    private static String project(Driver d) {
        String name = d.name() == null ? "编码为 " + d.code() + " 的项目" : d.name().endsWith("项目") ? d.name() : d.name() + "项目";
        String note = d.appears() ? "（本年新增）" : d.disappears() ? "（本年未安排）" : "";
        return name + change(d.change()) + note;
    }

    private static String economic(Driver d) {
        return (d.name() == null ? "经济分类科目 " + d.code() : d.name()) + change(d.change());
    }

    private static String itemName(String code) {
        return SANGONG_ITEMS.stream().filter(i -> i.code().equals(code)).map(SangongItem::name).findFirst().orElseThrow();
    }

    /** CONTRACT.md §2: "增加 X 万元" when ≥ 0, "减少 X 万元" when < 0. */
    static String change(Change c) {
        return (c.increase() ? "增加 " : "减少 ") + c.amount() + " 万元";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
