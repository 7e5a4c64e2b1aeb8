package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The roles, what each grants, and how a bad name is refused. */
class RoleTest {

    @Test
    void anAuthorIsNoViewerAndNoOtherRoleIsAnAuthor() {
        assertThat(Role.AUTHOR.grants()).containsExactly(Role.AUTHOR);
        for (Role role : Role.values()) {
            if (role != Role.AUTHOR) {
                assertThat(role.grants()).as(role.name()).contains(Role.VIEWER, role).doesNotContain(Role.AUTHOR);
            }
        }
        assertThat(Role.ADMIN.grants()).containsExactly(Role.VIEWER, Role.OPERATOR, Role.REVIEWER, Role.ADMIN);
        assertThat(Role.OPERATOR.grants()).containsExactly(Role.VIEWER, Role.OPERATOR);
        assertThat(Role.REVIEWER.grants()).containsExactly(Role.VIEWER, Role.REVIEWER);
    }

    @Test
    void rolesAreStoredByNameAndReadInChinese() {
        assertThat(Role.of("AUTHOR")).isEqualTo(Role.AUTHOR);
        assertThat(Role.AUTHOR.label()).isEqualTo("单位填报员");
        assertThat(Role.AUTHOR.describe()).isEqualTo("单位填报员（AUTHOR）");
        assertThat(Role.find("author")).isEmpty();
        assertThat(Role.find(null)).isEmpty();
        assertThatThrownBy(() -> Role.of("EDITOR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("角色须为 VIEWER（查看员）、AUTHOR（单位填报员）、OPERATOR（操作员）、REVIEWER（审核员）、ADMIN（管理员） 之一：EDITOR");
        // What Users grants a stored role, and nothing for one that is no role.
        assertThat(Users.grants("a", "AUTHOR")).containsExactly("AUTHOR");
        assertThat(Users.grants("a", "OPERATOR")).containsExactly("VIEWER", "OPERATOR");
        assertThat(Users.grants("a", "EDITOR")).isEmpty();
    }
}
