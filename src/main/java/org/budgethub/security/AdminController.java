package org.budgethub.security;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;


/**
 * Administration (admins only, see SecurityConfiguration): users and authors' agencies, the audit
 * log. The schedule settings the page shows come from config.ScheduleSettings.
 */
@Controller
class AdminController {

    private final Users users;
    private final AuditLog audit;
    private final LoginLockout lockout;
    private final UserAdministration admin;

    public AdminController(Users users, AuditLog audit, LoginLockout lockout, UserAdministration admin) {
        this.users = users;
        this.audit = audit;
        this.lockout = lockout;
        this.admin = admin;
    }

    /** @param user, action: the audit log's filter (empty: everyone, every action) */
    @GetMapping("/console/admin")
    public String admin(@RequestParam(defaultValue = "") String user, @RequestParam(defaultValue = "") String action, Model model) {
        Map<String, SortedSet<String>> scopes = users.agencies();
        Map<String, List<LoginLockout.Lock>> locks = lockout.locks();
        List<Map<String, Object>> list = users.list().stream().map(u -> {
            Map<String, Object> row = new LinkedHashMap<>(u);
            List<LoginLockout.Lock> held = locks.getOrDefault((String) u.get("username"), List.of());
            row.put("locked", !held.isEmpty());
            // Latest first: the account's lock (everywhere) or each address's.
            row.put("locks", held.stream().sorted(java.util.Comparator.comparing(LoginLockout.Lock::until).reversed())
                    .map(l -> Map.of("until", Timestamp.from(l.until()), "where", l.address() == null ? "所有地址" : "来自 " + l.address()))
                    .toList());
            Role role = Role.find((String) u.get("role")).orElse(null);
            row.put("roleLabel", role == null ? "未知角色" : role.label());
            row.put("author", role == Role.AUTHOR);
            row.put("agencies", String.join("、", scopes.getOrDefault((String) u.get("username"), new TreeSet<>())));
            return row;
        }).toList();
        model.addAttribute("users", list);
        model.addAttribute("roles", Role.values());
        model.addAttribute("minPassword", users.policy().minLength());
        model.addAttribute("passwordRule", users.policy().describe());
        model.addAttribute("audit", audit.search(user, action, null, 200));
        model.addAttribute("auditActions", audit.actions());
        model.addAttribute("auditUser", user);
        model.addAttribute("auditAction", action);
        model.addAttribute("auditFiltered", !user.isBlank() || !action.isBlank());
        return "console/admin";
    }

    /**
     * A new user, or an existing one given a password the admin chose (and the role, enabled, unlocked);
     * an author's codes when the form gives some (left empty: an existing author keeps its own).
     */
    @PostMapping("/console/admin/users")
    public String create(@RequestParam String username, @RequestParam String password, @RequestParam String role,
                         @RequestParam(defaultValue = "") String agencies, RedirectAttributes flash) {
        Role chosen;
        try {
            chosen = Role.of(role);
            List<String> codes = AgencyCodes.split(agencies);
            admin.createOrReset(username, password, chosen, codes.isEmpty() ? null : codes);
        } catch (IllegalArgumentException | AgencyCodes.Refused | Users.LastAdmin e) {
            flash.addFlashAttribute("error", "未能保存用户：" + e.getMessage());
            flash.addFlashAttribute("formUsername", username);
            flash.addFlashAttribute("formAgencies", agencies);
            return "redirect:/console/admin";
        }
        flash.addFlashAttribute("message", "已保存用户 " + username + "（" + chosen.label() + "）。");
        return "redirect:/console/admin";
    }

    /** An author's codes, exactly those of the form (empty: none for now). */
    @PostMapping("/console/admin/users/{username}/agencies")
    public String assign(@PathVariable String username, @RequestParam(defaultValue = "") String agencies, RedirectAttributes flash) {
        Optional<Users.ScopeChange> change;
        try {
            change = admin.assign(username, AgencyCodes.split(agencies), UserAdministration.Channel.CONSOLE);
        } catch (AgencyCodes.Refused | IllegalStateException e) {
            flash.addFlashAttribute("error", "未能保存用户 " + username + " 的单位范围：" + e.getMessage());
            flash.addFlashAttribute("scopeUser", username);
            flash.addFlashAttribute("scopeText", agencies);
            return "redirect:/console/admin";
        }
        if (change.isEmpty()) {
            flash.addFlashAttribute("error", "没有用户 " + username + "。");
        } else {
            flash.addFlashAttribute("message", change.get().changed()
                    ? "已将用户 " + username + " 的单位范围设为：" + AgencyCodes.list(change.get().after()) + "。"
                    : "用户 " + username + " 的单位范围没有变化：" + AgencyCodes.list(change.get().after()) + "。");
        }
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/users/{username}/disable")
    public String disable(@PathVariable String username, Authentication me, RedirectAttributes flash) {
        if (username.equals(me.getName())) {
            flash.addFlashAttribute("error", "不能停用自己的账号。如需停用，请由另一位管理员操作。");
            return "redirect:/console/admin";
        }
        try {
            if (!users.disable(username)) {
                flash.addFlashAttribute("error", "没有用户 " + username + "。请刷新本页，从用户表中选择。");
                return "redirect:/console/admin";
            }
        } catch (Users.LastAdmin e) {
            flash.addFlashAttribute("error", "未能停用：" + e.getMessage());
            return "redirect:/console/admin";
        }
        audit.record("user.disable", "停用用户 " + username + "，其已登录的会话随即结束（控制台）");
        flash.addFlashAttribute("message", "已停用用户 " + username + "，其已登录的会话随即结束。");
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/users/{username}/unlock")
    public String unlock(@PathVariable String username, RedirectAttributes flash) {
        if (!lockout.unlock(username)) {
            flash.addFlashAttribute("error", "没有用户 " + username + "。请刷新本页，从用户表中选择。");
            return "redirect:/console/admin";
        }
        audit.record("user.unlock", "解锁用户 " + username + "，登录失败次数清零（控制台）");
        flash.addFlashAttribute("message", "已解锁用户 " + username + "，可以立即登录。");
        return "redirect:/console/admin";
    }

    /** A new random password, shown to the admin on the next page only (a flash attribute), never stored or logged in clear. */
    @PostMapping("/console/admin/users/{username}/reset-password")
    public String resetPassword(@PathVariable String username, RedirectAttributes flash) {
        String password = users.resetPassword(username);
        if (password == null) {
            flash.addFlashAttribute("error", "没有用户 " + username + "。请刷新本页，从用户表中选择。");
            return "redirect:/console/admin";
        }
        audit.record("password.reset", "管理员为用户 " + username + " 生成了新密码，账户已解锁，其已登录的会话随即结束（控制台）");
        flash.addFlashAttribute("generatedFor", username);
        flash.addFlashAttribute("generatedPassword", password);
        return "redirect:/console/admin";
    }
}
