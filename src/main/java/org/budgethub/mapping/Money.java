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

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private Money() {
    }

    /** yuan / 10000, HALF_UP to 2 decimals. */
    public static BigDecimal toWan(BigDecimal yuan) {
        return yuan.divide(TEN_THOUSAND).setScale(2, RoundingMode.HALF_UP);
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
