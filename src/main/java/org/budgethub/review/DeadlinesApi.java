package org.budgethub.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.budgethub.model.DisclosureId;

/** The legal deadlines of a year's disclosures and where each department and unit stands: the deadlines page's facts as JSON. */
@RestController
@Tag(name = "deadlines", description = "Disclosure deadlines (预算法实施条例 第六条) and each department's 公开率")
class DeadlinesApi {

    private final DeadlineBoard board;

    DeadlinesApi(DeadlineBoard board) {
        this.board = board;
    }

    @GetMapping("/api/deadlines")
    @Operation(summary = "Where each department and unit of the year stands against its deadline (due N days after its 批复: a "
            + "department's from the finance bureau's, a unit's from its department's). Lists of code, name, department, dueOn: "
            + "late (past due, never on the website), publishedLate (first on the website after its due date), atRisk (not approved, "
            + "few days left), due (not yet due), onTime (first on the website in time). Only the first delivery counts: a correction "
            + "or a withdrawal never makes a disclosure late. departments: each department's own state and its units' 公开率 "
            + "(unitsPublished / unitsDue, whole percent). Empty lists when no 批复 date is set")
    public Map<String, Object> deadlines(@RequestParam int year) {
        DisclosureId.checkYear(year);
        DeadlineBoard.Report r = board.report(year);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("year", year);
        out.put("approvalDate", r.approvalDate());
        out.put("dueOn", r.deadline());
        out.put("days", r.days());
        out.put("atRiskDays", r.atRiskDays());
        Map<String, Integer> counts = new LinkedHashMap<>();
        r.byState().forEach((state, list) -> counts.put(key(state), list.size()));
        out.put("counts", counts);
        r.byState().forEach((state, list) -> out.put(key(state), list.stream().map(DeadlinesApi::item).toList()));
        List<Map<String, Object>> departments = new ArrayList<>();
        for (DeadlineBoard.DepartmentRate d : r.departments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", d.code().isEmpty() ? null : d.code());
            m.put("name", d.name());
            m.put("approvedOn", d.approvedOn());
            m.put("dueOn", d.own() == null ? null : d.own().dueOn());
            m.put("state", d.own() == null ? null : d.own().state());
            m.put("unitsApprovedOn", d.unitsApprovedOn());
            m.put("unitsDueOn", d.unitsDueOn());
            m.put("unitsDue", d.unitsDue());
            m.put("unitsPublished", d.unitsPublished());
            m.put("unitsOnTime", d.unitsOnTime());
            m.put("unitsPublishedLate", d.unitsPublishedLate());
            m.put("unitsLate", d.unitsLate());
            m.put("unitsAtRisk", d.unitsAtRisk());
            m.put("rate", d.rate());
            departments.add(m);
        }
        out.put("departments", departments);
        return out;
    }

    /** The JSON key of a state's list: late, publishedLate, atRisk, due, onTime. */
    static String key(DeadlineState state) {
        return switch (state) {
            case LATE -> "late";
            case PUBLISHED_LATE -> "publishedLate";
            case AT_RISK -> "atRisk";
            case DUE -> "due";
            case ON_TIME -> "onTime";
        };
    }

    private static Map<String, Object> item(Deadlines.Standing s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", s.code());
        m.put("name", s.name());
        m.put("department", s.department());
        m.put("dueOn", s.dueOn());
        if (s.firstDeliveredOn() != null) {
            m.put("firstDeliveredOn", s.firstDeliveredOn());
        }
        return m;
    }
}
