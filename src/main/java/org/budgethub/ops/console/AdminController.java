package org.budgethub.ops.console;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.budgethub.ops.api.AuditLog;
import org.budgethub.ops.api.Users;

import org.budgethub.ops.HubProperties;

/** Administration (admins only, see SecurityConfiguration): users, the audit log and the schedule settings. */
@Controller
public class AdminController {

    private final Users users;
    private final AuditLog audit;
    private final Map<String, String> schedule = new LinkedHashMap<>();

    public AdminController(Users users, AuditLog audit, HubProperties hub) {
        this.users = users;
        this.audit = audit;
        HubProperties.Schedule s = hub.schedule();
        schedule.put("hub.schedule.enabled", Boolean.toString(s.enabled()));
        schedule.put("hub.schedule.cron", s.cron());
        schedule.put("hub.schedule.zone", s.zone());
        schedule.put("hub.schedule.years", s.years().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        schedule.put("hub.schedule.agencies", String.join(",", s.agencies()));
    }

    @GetMapping("/console/admin")
    public String admin(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Users.ROLES);
        model.addAttribute("audit", audit.latest(200));
        model.addAttribute("schedule", schedule);
        return "console/admin";
    }

    @PostMapping("/console/admin/users")
    public String create(@RequestParam String username, @RequestParam String password, @RequestParam String role,
                         RedirectAttributes flash) {
        try {
            users.create(username, password, role);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", "未能保存用户：" + e.getMessage());
            flash.addFlashAttribute("formUsername", username);
            return "redirect:/console/admin";
        }
        audit.record("user.create", "user " + username + ", role " + role + " (console)");
        flash.addFlashAttribute("message", "已保存用户 " + username + "（" + role + "）。");
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/users/{username}/disable")
    public String disable(@PathVariable String username, Authentication me, RedirectAttributes flash) {
        if (username.equals(me.getName())) {
            flash.addFlashAttribute("error", "不能停用自己的账号。");
            return "redirect:/console/admin";
        }
        users.disable(username);
        audit.record("user.disable", "user " + username + " (console)");
        flash.addFlashAttribute("message", "已停用用户 " + username + "。");
        return "redirect:/console/admin";
    }
}
