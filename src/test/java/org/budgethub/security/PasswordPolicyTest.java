package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.budgethub.config.HubProperties;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.of(new HubProperties.Password(12, 3, ""));

    @Test
    void aLongPasswordOfThreeClassesPasses() {
        assertThat(policy.problems("clerk", "Blue-river-42")).isEmpty();
        assertThat(policy.problems("clerk", "old-password-1")).isEmpty();
        assertThat(policy.problems("clerk", "预算公开-2026-chun")).as("汉字 count as other characters").isEmpty();
    }

    @Test
    void theIssuesPasswordForAnAdminIsRefusedWithEveryReasonInChinese() {
        assertThat(policy.problems("admin", "aaaaaaaaaa")).containsExactly("至少 12 个字符（现为 10 个）",
                "须含大写字母、小写字母、数字、其他字符（符号等）中的至少 3 类（现为 1 类）", "不得是同一字符或一小段字符的重复");
        assertThatThrownBy(() -> policy.check("admin", "aaaaaaaaaa")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("密码不符合要求：至少 12 个字符（现为 10 个）；")
                .hasMessageEndingWith("。请换一个密码，例如用几个不相关的词加数字和符号组成。");
    }

    @Test
    void lengthAndClassesAreCounted() {
        assertThat(policy.problems("clerk", "Ab1-x")).contains("至少 12 个字符（现为 5 个）");
        assertThat(policy.problems("clerk", "horse-battery")).contains("须含大写字母、小写字母、数字、其他字符（符号等）中的至少 3 类（现为 2 类）");
        assertThat(PasswordPolicy.classes("aB3$")).isEqualTo(4);
        assertThat(PasswordPolicy.classes("预算")).isEqualTo(1);
        assertThat(policy.problems("clerk", "x".repeat(100) + "A1-".repeat(40))).contains("最多 200 个字符");
    }

    @Test
    void theUserNameForwardsOrBackwardsInAnyCaseIsRefused() {
        assertThat(policy.problems("operator", "Operator-2026!")).contains("不得包含用户名");
        assertThat(policy.problems("operator", "rotarepo-2026!")).contains("不得包含用户名");
        assertThat(policy.problems("ab", "ab-Cd-12-34-56")).doesNotContain("不得包含用户名"); // too short a name to mean anything
    }

    @Test
    void repetitionsAndRunsAreRefused() {
        assertThat(policy.problems("clerk", "Aa1!Aa1!Aa1!")).contains("不得是同一字符或一小段字符的重复");
        assertThat(policy.problems("clerk", "abcdefghijklm")).contains("不得是连续的字母、数字或键盘上相邻的键");
        assertThat(policy.problems("clerk", "9876543210987")).contains("不得是连续的字母、数字或键盘上相邻的键");
        assertThat(policy.problems("clerk", "QWERTYUIOPASD")).contains("不得是连续的字母、数字或键盘上相邻的键");
        assertThat(policy.problems("clerk", "1qaz2wsx3edc4")).contains("不得是连续的字母、数字或键盘上相邻的键");
    }

    @Test
    void commonPasswordsAreRefusedAlsoWithAffixesAndSubstitutions() {
        String common = "这是常见密码（或常见密码加数字、符号），很容易被猜中";
        assertThat(policy.problems("clerk", "Password@123456")).contains(common);
        assertThat(policy.problems("clerk", "P@ssw0rd2024!")).contains(common);
        assertThat(policy.problems("clerk", "2026-Welcome!!")).contains(common);
        assertThat(policy.problems("clerk", "Huawei@123")).contains(common);
        assertThat(policy.problems("clerk", "WOAINI1314-ok")).doesNotContain(common);
        assertThat(policy.problems("clerk", "Woaini1314!!")).contains(common);
        assertThat(PasswordPolicy.builtInList()).hasSizeGreaterThan(200).contains("123456", "password", "5201314", "admin@123");
    }

    @Test
    void theRulesAreThoseOfTheSettings() {
        PasswordPolicy strict = new PasswordPolicy(new HubProperties.Password(16, 4, ""), Set.of("blue-river-42x"));
        assertThat(strict.problems("clerk", "Blue-river-42")).containsExactly("至少 16 个字符（现为 13 个）");
        assertThat(strict.problems("clerk", "blue-river-42x-yz")).contains("须含大写字母、小写字母、数字、其他字符（符号等）中的至少 4 类（现为 3 类）");
        assertThat(strict.problems("clerk", "BLUE-RIVER-42X")).contains("这是常见密码（或常见密码加数字、符号），很容易被猜中");
        assertThat(strict.describe()).startsWith("至少 16 个字符，含大写字母、小写字母、数字、其他字符（符号等）中的至少 4 类");
    }

    @Test
    void generatedPasswordsPassTheirOwnPolicy() {
        for (int i = 0; i < 500; i++) {
            String p = policy.generate();
            assertThat(p).hasSize(16);
            assertThat(policy.problems("admin", p)).as(p).isEmpty();
        }
        PasswordPolicy four = new PasswordPolicy(new HubProperties.Password(20, 4, ""), Set.of());
        assertThat(four.problems("admin", four.generate())).isEmpty();
    }
}
