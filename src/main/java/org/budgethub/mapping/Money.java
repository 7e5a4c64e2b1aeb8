package org.budgethub.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Rounding and formats of the contract: figures are computed in yuan, exactly, and only rounded
 * when shown, in 万元, HALF_UP to 2 decimals. Never sum rounded figures.
 */
public final class Money {

    private Money() {
    }

    /**
     * yuan / 10000, HALF_UP to 2 decimals. Moving the point is the exact division without the
     * division's precision arithmetic; the rounding then gives the same value and scale 2.
     */
    public static BigDecimal toWan(BigDecimal yuan) {
        return yuan.movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
    }

    /** Table cell: thousands separator, 2 decimals, empty when it rounds to 0.00 ({@code 1,587.88}). */
    public static String cell(BigDecimal yuan) {
        BigDecimal wan = toWan(yuan);
        if (wan.signum() == 0) {
            return "";
        }
        // DecimalFormat is not thread-safe: one per call keeps this usable from parallel agencies.
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(wan);
    }

    /** Narrative figure: the cell rounding, then trailing zeros stripped ({@code 1000}, {@code 87.9}, {@code 0}). */
    public static String narrative(BigDecimal yuan) {
        BigDecimal wan = toWan(yuan);
        return wan.signum() == 0 ? "0" : wan.stripTrailingZeros().toPlainString();
    }
}
