package org.budgethub.security;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The operation log's actions in the words of the people who read it: the log stores a stable code
 * (login.failed, review.approve …, what the API filters by), pages show these labels. Pages ask this
 * bean itself ({@code ${@auditWords.label(code)}}).
 */
@Component("auditWords")
public class AuditWords {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("login", "登录"),
            Map.entry("login.failed", "登录失败"),
            Map.entry("login.lockout", "账户锁定"),
            Map.entry("session.ended", "会话被结束"),
            Map.entry("refused", "拒绝访问"),
            Map.entry("user.create", "新建用户"),
            Map.entry("user.disable", "停用用户"),
            Map.entry("user.enable", "启用用户"),
            Map.entry("user.role", "更改角色"),
            Map.entry("user.scope", "更改单位范围"),
            Map.entry("user.unlock", "解锁账户"),
            Map.entry("password.reset", "重设密码"),
            Map.entry("password.change", "修改密码"),
            Map.entry("password.change.refused", "修改密码被拒绝"),
            Map.entry("run.start", "启动运行"),
            Map.entry("run.resume", "继续运行"),
            Map.entry("review.approve", "批准发布"),
            Map.entry("review.reject", "退回"),
            Map.entry("review.refused", "审核操作被拒绝"),
            Map.entry("package.withdraw", "撤回公开包"),
            Map.entry("budget.approval-date", "设置批复日期"),
            Map.entry("narrative.save", "保存说明"),
            Map.entry("narrative.import", "导入说明文件"));

    /** The label of an action code; a code without one (a newer hub's, say) is "其他操作". */
    public String label(String code) {
        return code == null ? "" : LABELS.getOrDefault(code, "其他操作");
    }

    /** Whether every code has words: what a test holds the hub's own codes to. */
    public static boolean knows(String code) {
        return LABELS.containsKey(code);
    }
}
