package org.budgethub.security;

import java.util.Collection;
import java.util.Optional;
import java.util.SortedSet;

import org.springframework.stereotype.Component;

/**
 * What an admin does to users and authors' scopes, from the admin page or the API: the codes
 * checked ({@link AgencyCodes}), the change made ({@link Users}) and audited, in the same words
 * whichever way it came.
 */
@Component
class UserAdministration {

    /** Where an action came from, as the audit log says it. */
    enum Channel {
        CONSOLE("控制台"), API("API");

        private final String label;

        Channel(String label) {
            this.label = label;
        }
    }

    private final Users users;
    private final AgencyCodes codes;
    private final AuditLog audit;

    UserAdministration(Users users, AgencyCodes codes, AuditLog audit) {
        this.users = users;
        this.codes = codes;
        this.audit = audit;
    }

    /**
     * A new user, an AUTHOR with its codes; an existing user is left alone.
     *
     * @throws Users.UserExists when the name is taken
     * @throws AgencyCodes.Refused for a malformed or unknown code
     * @throws IllegalArgumentException for a bad name or password, or codes for a role other than AUTHOR
     */
    SortedSet<String> createNew(String username, String password, Role role, Collection<String> agencies, Channel channel) {
        if (role != Role.AUTHOR && !agencies.isEmpty()) {
            throw new IllegalArgumentException("只有单位填报员（AUTHOR）有单位范围；" + role.describe() + "可以查看全部单位，agencies 须为空");
        }
        SortedSet<String> checked = codes.check(agencies);
        users.createNew(username, password, role, checked);
        audit.record("user.create", "新建用户 " + username + "，角色 " + role.describe()
                + (role == Role.AUTHOR ? "，单位范围 " + AgencyCodes.list(checked) : "") + "（" + channel.label + "）");
        return checked;
    }

    /**
     * The admin page's 保存用户: a new user, or an existing one given this password and role (enabled,
     * unlocked); an AUTHOR's codes when given ({@code null}: an existing author keeps its own).
     *
     * @return true when the user is new
     */
    boolean createOrReset(String username, String password, Role role, Collection<String> agencies) {
        if (role != Role.AUTHOR && agencies != null && !agencies.isEmpty()) {
            throw new IllegalArgumentException("只有单位填报员（AUTHOR）有单位范围；" + role.describe() + "可以查看全部单位，请清空“单位范围”");
        }
        SortedSet<String> checked = agencies == null ? null : codes.check(agencies);
        Optional<Role> before = users.role(username);
        SortedSet<String> scopeBefore = users.agencies(username);
        boolean created = users.create(username, password, role);
        if (created) {
            audit.record("user.create", "新建用户 " + username + "，角色 " + role.describe() + "（控制台）");
        } else {
            audit.record("password.reset", "管理员为用户 " + username + " 设置了新密码，角色 " + role.describe()
                    + (before.isPresent() && before.get() != role ? "（原为 " + before.get().describe() + "）" : "")
                    + "，账户已启用并解锁，其已登录的会话随即结束（控制台）");
            if (before.isPresent() && before.get() == Role.AUTHOR && role != Role.AUTHOR && !scopeBefore.isEmpty()) {
                audit.record("user.scope", "用户 " + username + " 不再是单位填报员，单位范围 " + AgencyCodes.list(scopeBefore)
                        + " → （无）（控制台）");
            }
        }
        if (role == Role.AUTHOR && checked != null) {
            assign(username, checked, Channel.CONSOLE);
        }
        return created;
    }

    /**
     * An AUTHOR's codes, exactly these.
     *
     * @return the change; empty when there is no such user
     * @throws AgencyCodes.Refused for a malformed or unknown code
     * @throws IllegalStateException when the user is no AUTHOR
     */
    Optional<Users.ScopeChange> assign(String username, Collection<String> agencies, Channel channel) {
        SortedSet<String> checked = codes.check(agencies);
        Optional<Users.ScopeChange> change = users.assignAgencies(username, checked);
        change.filter(Users.ScopeChange::changed).ifPresent(c -> audit.record("user.scope", "用户 " + username + " 的单位范围："
                + AgencyCodes.list(c.before()) + " → " + AgencyCodes.list(c.after()) + "（" + channel.label + "）"));
        return change;
    }
}
