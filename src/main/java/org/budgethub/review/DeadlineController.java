package org.budgethub.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ConsolePages;

/** The deadlines page (公开期限与公开率) and the admin page's forms for the 批复 dates the deadlines count from. */
@Controller
class DeadlineController {

    private static final String ADMIN = "redirect:/console/admin#approval-heading";

    private final Deadlines deadlines;
    private final DeadlineBoard board;
    private final AgencyDirectory directory;
    private final AuditLog audit;
    private final ConsolePages console;

    DeadlineController(Deadlines deadlines, DeadlineBoard board, AgencyDirectory directory, AuditLog audit, ConsolePages console) {
        this.deadlines = deadlines;
        this.board = board;
        this.directory = directory;
        this.audit = audit;
        this.console = console;
    }

    /** Each department's 公开率 (a page of departments) and the packages in one state (a page of them). */
    @GetMapping("/console/deadlines")
    public String page(@RequestParam(required = false) Integer year, @RequestParam(required = false) DeadlineState state,
                       @RequestParam(required = false) String department, @RequestParam(required = false) String q,
                       @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer agencyPage, Model model) {
        int y = year == null ? console.defaultYear() : ConsolePages.checkYear(year);
        String dept = department == null || department.isBlank() ? null : department.strip();
        DeadlineBoard.Report report = board.report(y);
        model.addAttribute("year", y);
        model.addAttribute("years", console.years(y));
        model.addAttribute("report", report);
        model.addAttribute("states", DeadlineState.values());
        model.addAttribute("state", state);
        model.addAttribute("department", dept);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("departments", board.departments(report, q, page, null));
        model.addAttribute("agencies", board.agencies(report, state, dept, agencyPage, null));
        return "console/deadlines";
    }

    /** The year's default: the finance bureau's 批复 date for every department without its own. */
    @PostMapping("/console/admin/approval-dates")
    public String setApprovalDate(@RequestParam int year, @RequestParam String date, Authentication user, RedirectAttributes flash) {
        ConsolePages.checkYear(year);
        Optional<LocalDate> approved = parse(date, "批复日期", flash);
        if (approved == null || approved.isEmpty()) {
            if (approved != null) {
                flash.addFlashAttribute("error", "请填写批复日期，例如 2026-01-20。");
            }
            return ADMIN;
        }
        LocalDate due = deadlines.rules().due(approved.get());
        deadlines.setApprovalDate(year, approved.get(), user.getName());
        audit.record("budget.approval-date", year + " 年各部门预算批复日期（默认）设为 " + approved.get() + "，公开截止日期 " + due);
        flash.addFlashAttribute("message", year + " 年各部门预算批复日期（默认）已设为 " + approved.get() + "，部门和单位（未另设日期的）公开截止日期为 "
                + due + "。");
        return ADMIN;
    }

    /**
     * One department's own dates: the bureau's 批复 to it, and its 批复 to its units. A blank field
     * follows the default (the year's date; for the units the department's own); both blank: the
     * department follows the year's default again.
     */
    @PostMapping("/console/admin/approval-dates/department")
    public String setDepartmentDates(@RequestParam int year, @RequestParam String department, @RequestParam(defaultValue = "") String date,
                                     @RequestParam(defaultValue = "") String unitsDate, Authentication user, RedirectAttributes flash) {
        ConsolePages.checkYear(year);
        String code = department.strip();
        Optional<AgencyDirectory.Entry> entry = directory.find(year, code).filter(AgencyDirectory.Entry::isDepartment);
        if (entry.isEmpty()) {
            flash.addFlashAttribute("error", "财政系统中没有 " + year + " 年的部门 " + code + "：请填写部门代码，例如 101（单位随其部门的批复日期）。");
            return ADMIN;
        }
        Optional<LocalDate> approved = parse(date, "部门批复日期", flash);
        Optional<LocalDate> units = approved == null ? null : parse(unitsDate, "部门对所属单位的批复日期", flash);
        if (units == null) {
            return ADMIN;
        }
        if (approved.isPresent() && units.isPresent() && units.get().isBefore(approved.get())) {
            flash.addFlashAttribute("error", "部门对所属单位的批复（" + units.get() + "）不能早于财政对部门的批复（" + approved.get() + "）。");
            return ADMIN;
        }
        deadlines.setDepartmentDates(year, code, approved.orElse(null), units.orElse(null), user.getName());
        DeadlineRules.YearDates now = deadlines.yearDates(year);
        String name = entry.get().name() == null ? code : code + " " + entry.get().name();
        String said;
        if (approved.isEmpty() && units.isEmpty()) {
            said = year + " 年部门 " + name + " 不再另设批复日期，随本年度默认日期" + (now.byDefault() == null ? "（尚未设置）" : " " + now.byDefault());
        } else {
            LocalDate d = now.department(code);
            LocalDate u = now.units(code);
            said = year + " 年部门 " + name + "：财政批复 " + (d == null ? "未设置" : d + "，部门公开截止 " + deadlines.rules().due(d))
                    + "；对所属单位批复 " + (u == null ? "未设置" : u + "，单位公开截止 " + deadlines.rules().due(u));
        }
        audit.record("budget.approval-date", said);
        flash.addFlashAttribute("message", said + "。");
        return ADMIN;
    }

    /** A date from a form: empty for a blank field, null (with the error said) for one that is not a date. */
    private static Optional<LocalDate> parse(String text, String what, RedirectAttributes flash) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            flash.addFlashAttribute("error", what + "的格式应为 2026-01-20：" + text);
            return null;
        }
    }
}
