package org.budgethub.model;

import java.util.regex.Pattern;

/**
 * Which disclosure: a budget year and an agency code. Codes become folder names on disk and on
 * the CMS, so every code from a user or from the finance data is checked here before it is used.
 */
public record DisclosureId(int year, String code) {

    /** Only these characters ever reach a path. */
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 9999;

    public DisclosureId {
        checkYear(year);
        checkCode(code);
    }

    /** @throws IllegalArgumentException naming the rule, for a year outside 1900–9999 */
    public static int checkYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("年度超出范围（" + FIRST_YEAR + "–" + LAST_YEAR + "）：" + year);
        }
        return year;
    }

    /** @throws IllegalArgumentException for a code that is not 1–32 letters, digits, '-' or '_' */
    public static String checkCode(String code) {
        if (!isSafeCode(code)) {
            throw new IllegalArgumentException("单位代码须为 1–32 位字母、数字、“-”或“_”：" + code);
        }
        return code;
    }

    public static boolean isSafeCode(String code) {
        return code != null && SAFE_CODE.matcher(code).matches();
    }

    @Override
    public String toString() {
        return year + "/" + code;
    }
}
