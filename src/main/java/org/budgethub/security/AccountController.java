package org.budgethub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;


/** The logged-in user's own account: every role changes its own password here. */
@Controller
class AccountController {

    private final Users users;
    private final AuditLog audit;

    public AccountController(Users users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/console/account")
    public String account(Model model) {
        model.addAttribute("minPassword", users.policy().minLength());
        model.addAttribute("passwordRule", users.policy().describe());
        return "console/account";
    }

    @PostMapping("/console/account/password")
    public String changePassword(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
                                 @RequestParam(defaultValue = "") String confirmPassword, Authentication me, HttpServletRequest request,
                                 RedirectAttributes flash) {
        try {
            long stamp = users.changePassword(me.getName(), currentPassword, newPassword, confirmPassword);
            // This session made the change and stays; the user's others end at their next request.
            SessionRevocation.stamp(request.getSession(false), stamp);
        } catch (IllegalArgumentException e) {
            audit.record(me.getName(), "password.change.refused", "未能修改密码：" + e.getMessage() + "（来自 " + request.getRemoteAddr() + "）");
            flash.addFlashAttribute("error", "未能修改密码：" + e.getMessage());
            return "redirect:/console/account";
        }
        audit.record(me.getName(), "password.change", "修改了自己的密码（来自 " + request.getRemoteAddr() + "）");
        flash.addFlashAttribute("message", "密码已修改。下次登录请使用新密码；您在其他浏览器或电脑上的登录已结束。");
        return "redirect:/console/account";
    }
}
