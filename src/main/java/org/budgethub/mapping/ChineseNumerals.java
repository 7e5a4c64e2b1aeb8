package org.budgethub.mapping;

/** Chinese numerals as used for table numbers and list items: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五. */
public final class ChineseNumerals {

    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    private static final String[] UNITS = {"", "十", "百", "千"};

    private ChineseNumerals() {
    }

    public static String of(int n) {
        if (n <= 0 || n > 9999) {
            throw new IllegalArgumentException("numeral out of range 1..9999: " + n);
        }
        String digits = Integer.toString(n);
        StringBuilder out = new StringBuilder();
        boolean pendingZero = false;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            int unit = digits.length() - 1 - i;
            if (d == 0) {
                pendingZero = out.length() > 0;
                continue;
            }
            if (pendingZero) {
                out.append(DIGITS[0]);
                pendingZero = false;
            }
            // 10-19 are written 十, 十一 … without a leading 一.
            if (!(d == 1 && unit == 1 && out.length() == 0)) {
                out.append(DIGITS[d]);
            }
            out.append(UNITS[unit]);
        }
        return out.toString();
    }
}
