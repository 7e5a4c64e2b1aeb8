package org.budgethub.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A console user's role, stored by name in {@code app_user.role}: each user has one. A role grants
 * Spring Security roles ({@code ROLE_*}) of its own and of those it includes: every role but AUTHOR
 * includes VIEWER, and ADMIN includes every role but AUTHOR. An AUTHOR is no VIEWER: it sees only
 * the words of the agencies and departments an admin assigned it ({@link AuthorScope}).
 */
public enum Role {

    VIEWER("查看员"),
    /** 单位填报员: the words (说明) of its own agencies and departments, and its account; nothing else. */
    AUTHOR("单位填报员"),
    OPERATOR("操作员"),
    REVIEWER("审核员"),
    ADMIN("管理员");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** The role's Chinese name, as the console and the audit log print it. */
    public String label() {
        return label;
    }

    /** How the console and the audit log name the role: {@code 单位填报员（AUTHOR）}. */
    public String describe() {
        return label + "（" + name() + "）";
    }

    /** The Spring Security roles a user of this role holds (without the {@code ROLE_} prefix). */
    public List<Role> grants() {
        return switch (this) {
            case VIEWER -> List.of(VIEWER);
            case AUTHOR -> List.of(AUTHOR);
            case OPERATOR -> List.of(VIEWER, OPERATOR);
            case REVIEWER -> List.of(VIEWER, REVIEWER);
            case ADMIN -> List.of(VIEWER, OPERATOR, REVIEWER, ADMIN);
        };
    }

    /** The role of this name, or empty for a name that is no role (blank, lower case, unknown). */
    public static Optional<Role> find(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * The role of this name, as a person or a script wrote it.
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("角色须为 " + all() + " 之一" + (name == null ? "" : "：" + name)));
    }

    /** Every role as the refusals list them: {@code VIEWER（查看员）、AUTHOR（单位填报员）、…}. */
    static String all() {
        return Arrays.stream(values()).map(r -> r.name() + "（" + r.label + "）").collect(Collectors.joining("、"));
    }
}
