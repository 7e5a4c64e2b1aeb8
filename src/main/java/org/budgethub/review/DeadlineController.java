package org.budgethub.review;

import java.time.LocalDate;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.budgethub.security.AuditLog;
import org.budgethub.web.ConsolePages;

/** The deadlines' own pages and forms: the approval (批复) dates they count from. */
@Controller
class DeadlineController {

    private final Deadlines deadlines;
    private final AuditLog audit;

    DeadlineController(Deadlines deadlines, AuditLog audit) {
        this.deadlines = deadlines;
        this.audit = audit;
    }

    @PostMapping("/console/admin/approval-dates")
    public String setApprovalDate(@RequestParam int year, @RequestParam String date, Authentication user, RedirectAttributes flash) {
        ConsolePages.checkYear(year);
        try {
            LocalDate approved = LocalDate.parse(date);
            deadlines.setApprovalDate(year, approved, user.getName());
            audit.record("budget.approval-date", year + " 年预算批复日期设为 " + approved + "，公开截止日期 " + approved.plusDays(Deadlines.DAYS));
            flash.addFlashAttribute("message", year + " 年预算批复日期已设为 " + approved + "，公开截止日期为 "
                    + approved.plusDays(Deadlines.DAYS) + "。");
        } catch (java.time.format.DateTimeParseException e) {
            flash.addFlashAttribute("error", "日期格式应为 2026-01-20：" + date);
        }
        return "redirect:/console/admin";
    }

}
