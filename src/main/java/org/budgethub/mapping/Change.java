package org.budgethub.mapping;

import java.math.BigDecimal;

/**
 * A year-on-year change, current minus previous, both in yuan: written 增加 when ≥ 0 and 减少 when
 * < 0, with the absolute value in narrative format. The words themselves live in the template.
 */
public record Change(BigDecimal deltaYuan) {

    public static Change between(BigDecimal current, BigDecimal previous) {
        return new Change(current.subtract(previous));
    }

    public boolean increase() {
        return deltaYuan.signum() >= 0;
    }

    /** Whether the change prints as 0 (less than half a hundredth of a 万元 either way): nothing to explain. */
    public boolean isZero() {
        return Money.toWan(deltaYuan).signum() == 0;
    }

    /** Absolute value in narrative format, e.g. {@code 781.93}. */
    public String amount() {
        return Money.narrative(deltaYuan.abs());
    }
}
