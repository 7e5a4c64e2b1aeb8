package org.budgethub.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.budgethub.config.HubProperties;

/**
 * What a console password must be ({@code hub.security.password}): long enough, of enough character
 * classes (three of four is what 等保 2.0 reviews ask for), not containing the user name, not one
 * character or a short run repeated, not an alphabet, digit or keyboard run, and not a common
 * password (the jar's list, also with digits or symbols added at either end and the usual
 * substitutions such as {@code P@ssw0rd}). The reasons are the operator's, in Chinese.
 */
public final class PasswordPolicy {

    /** Longer is never needed and costs BCrypt nothing it would notice; it bounds a form's input. */
    public static final int MAX_LENGTH = 200;

    static final String COMMON_LIST = "security/common-passwords.txt";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Runs a person types without thinking; a password that is a piece of one (or of its reverse) is trivial. */
    private static final List<String> RUNS = List.of("abcdefghijklmnopqrstuvwxyz", "01234567890123456789",
            "qwertyuiopasdfghjklzxcvbnm", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
            "qazwsxedcrfvtgbyhnujmikolp", "1234567890-=", "!@#$%^&*()_+", "`1234567890-=");

    private final int minLength;
    private final int minClasses;
    private final Set<String> common;

    public PasswordPolicy(HubProperties.Password rules, Set<String> common) {
        this.minLength = rules.minLength();
        this.minClasses = rules.minCharacterClasses();
        this.common = Set.copyOf(common);
    }

    /** The policy of the settings: the jar's list of common passwords and the configured file's. */
    public static PasswordPolicy of(HubProperties.Password rules) {
        Set<String> common = new HashSet<>(builtInList());
        if (rules.commonPasswordsFile() != null && !rules.commonPasswordsFile().isBlank()) {
            Path file = Path.of(rules.commonPasswordsFile());
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.map(PasswordPolicy::entry).filter(e -> !e.isEmpty()).forEach(common::add);
            } catch (IOException e) {
                throw new UncheckedIOException("无法读取常见密码清单 " + file.toAbsolutePath() + "（hub.security.password.common-passwords-file）："
                        + e.getMessage(), e);
            }
        }
        return new PasswordPolicy(rules, common);
    }

    static Set<String> builtInList() {
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_LIST)) {
            if (in == null) {
                throw new IllegalStateException("jar 中缺少常见密码清单 " + COMMON_LIST);
            }
            Set<String> list = new HashSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(PasswordPolicy::entry).filter(e -> !e.isEmpty())
                    .forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String entry(String line) {
        String t = line.strip();
        return t.startsWith("#") ? "" : t.toLowerCase(Locale.ROOT);
    }

    public int minLength() {
        return minLength;
    }

    /** The rule in one sentence, for the forms' help text. */
    public String describe() {
        return "至少 " + minLength + " 个字符，" + (minClasses > 1 ? "含大写字母、小写字母、数字、其他字符（符号等）中的至少 " + minClasses + " 类，" : "")
                + "不得包含用户名，不得是同一字符或一小段字符的重复、连续的字母数字或键盘序列，也不得是常见密码";
    }

    /**
     * @throws IllegalArgumentException with every reason and what to do, in Chinese, when the password breaks the policy
     */
    public void check(String username, String password) {
        List<String> problems = problems(username, password);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("密码不符合要求：" + String.join("；", problems)
                    + "。请换一个密码，例如用几个不相关的词加数字和符号组成。");
        }
    }

    /** Each rule the password breaks, in Chinese; empty when it passes. */
    public List<String> problems(String username, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("密码不能为空");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            problems.add("至少 " + minLength + " 个字符（现为 " + length + " 个）");
        }
        if (length > MAX_LENGTH) {
            problems.add("最多 " + MAX_LENGTH + " 个字符");
        }
        int classes = classes(password);
        if (classes < minClasses) {
            problems.add("须含大写字母、小写字母、数字、其他字符（符号等）中的至少 " + minClasses + " 类（现为 " + classes + " 类）");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && username.length() >= 3) {
            String name = username.toLowerCase(Locale.ROOT);
            if (lower.contains(name) || lower.contains(new StringBuilder(name).reverse())) {
                problems.add("不得包含用户名");
            }
        }
        if (repeated(lower)) {
            problems.add("不得是同一字符或一小段字符的重复");
        } else if (run(lower)) {
            problems.add("不得是连续的字母、数字或键盘上相邻的键");
        }
        if (common(lower)) {
            problems.add("这是常见密码（或常见密码加数字、符号），很容易被猜中");
        }
        return problems;
    }

    /** Upper case, lower case, digits, anything else (symbols, 汉字). */
    static int classes(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean other = false;
        for (int c : password.codePoints().toArray()) {
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    /** One character, or a run of at most half the length, repeated: aaaaaaaaaaaa, abcabcabcabc, Aa1!Aa1!Aa1!. */
    static boolean repeated(String password) {
        int n = password.length();
        for (int unit = 1; unit <= n / 2; unit++) {
            if (n % unit == 0 && password.substring(0, unit).repeat(n / unit).equals(password)) {
                return true;
            }
        }
        return false;
    }

    /** A piece of the alphabet, the digits or a keyboard row or column, forwards or backwards. */
    static boolean run(String lower) {
        return RUNS.stream().anyMatch(r -> r.contains(lower) || new StringBuilder(r).reverse().toString().contains(lower));
    }

    /** On the list as typed, with digits or symbols added before or after, or with @ for a, 0 for o and the like. */
    boolean common(String lower) {
        String plain = unleet(lower);
        // A core shorter than 4 letters ("ab" of "ab123456789!") says nothing about the password.
        return common.contains(lower) || Stream.of(core(lower), plain, core(plain)).anyMatch(c -> c.length() >= 4 && common.contains(c));
    }

    /** Without the digits and symbols at either end. */
    private static String core(String s) {
        return s.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
    }

    /** The usual substitutions: @ and $ anywhere, a digit or ! only right after a letter (so the year in Welcome2024 stays). */
    private static String unleet(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            boolean afterLetter = !b.isEmpty() && Character.isLetter(b.charAt(b.length() - 1));
            b.append(switch (c) {
                case '@' -> 'a';
                case '$' -> 's';
                case '4' -> afterLetter ? 'a' : c;
                case '0' -> afterLetter ? 'o' : c;
                case '1', '!' -> afterLetter ? 'i' : c;
                case '3' -> afterLetter ? 'e' : c;
                case '5' -> afterLetter ? 's' : c;
                case '7' -> afterLetter ? 't' : c;
                default -> c;
            });
        }
        return b.toString();
    }

    /**
     * A random password this policy accepts: URL-safe Base64 of at least 96 bits, drawn again until it
     * passes (a draw of only letters, say, lacks a class).
     */
    public String generate() {
        int length = Math.max(16, minLength);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            byte[] bytes = new byte[(length * 3 + 3) / 4];
            RANDOM.nextBytes(bytes);
            String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
            if (problems(null, candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("无法生成符合密码策略的随机密码：请检查 hub.security.password 的设置");
    }
}
