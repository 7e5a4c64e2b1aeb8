package org.budgethub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void cellsAreWanRoundedHalfUpWithThousandsSeparators() {
        assertThat(Money.cell(new BigDecimal("15878799.00"))).isEqualTo("1,587.88");
        assertThat(Money.cell(new BigDecimal("703620.00"))).isEqualTo("70.36");
        assertThat(Money.cell(new BigDecimal("10000000"))).isEqualTo("1,000.00");
        assertThat(Money.cell(new BigDecimal("50"))).isEqualTo("0.01");
        assertThat(Money.cell(new BigDecimal("49.99"))).isEqualTo("");
        assertThat(Money.cell(BigDecimal.ZERO)).isEqualTo("");
        assertThat(Money.cell(new BigDecimal("-12345678.90"))).isEqualTo("-1,234.57");
    }

    @Test
    void narrativeFiguresStripTrailingZeros() {
        assertThat(Money.narrative(new BigDecimal("15878799.00"))).isEqualTo("1587.88");
        assertThat(Money.narrative(new BigDecimal("10000000.00"))).isEqualTo("1000");
        assertThat(Money.narrative(new BigDecimal("879000"))).isEqualTo("87.9");
        assertThat(Money.narrative(new BigDecimal("12"))).isEqualTo("0");
        assertThat(Money.narrative(BigDecimal.ZERO)).isEqualTo("0");
    }

    @Test
    void halfUpAtTheBoundary() {
        assertThat(Money.toWan(new BigDecimal("4823250.00"))).isEqualByComparingTo("482.33");
        assertThat(Money.toWan(new BigDecimal("4823249.99"))).isEqualByComparingTo("482.32");
    }

    /** toWan moves the decimal point; it gives what the exact division by 10000 gave, scale included. */
    @Test
    void toWanIsTheExactDivisionRounded() {
        for (String yuan : new String[] {"0", "0.00", "-0.01", "49.99", "50", "-50", "4823250.00", "4823249.995", "15878799",
                "1E+5", "1E+9", "-12345678901234.5678", "0.000049", "99999.999999", "123456789012345678901234567890.12"}) {
            BigDecimal y = new BigDecimal(yuan);
            BigDecimal divided = y.divide(BigDecimal.valueOf(10_000)).setScale(2, RoundingMode.HALF_UP);
            assertThat(Money.toWan(y)).as(yuan).isEqualTo(divided);
            assertThat(Money.toWan(y).scale()).isEqualTo(2);
        }
    }

    @Test
    void changesAreWrittenFromExactYuanNotFromRoundedFigures() {
        Change down = Change.between(new BigDecimal("15878799"), new BigDecimal("23698099"));
        assertThat(down.increase()).isFalse();
        assertThat(down.amount()).isEqualTo("781.93");

        Change up = Change.between(new BigDecimal("70000"), new BigDecimal("10000"));
        assertThat(up.increase()).isTrue();
        assertThat(up.amount()).isEqualTo("6");

        Change none = Change.between(new BigDecimal("10000"), new BigDecimal("10000"));
        assertThat(none.increase()).as("zero is written 增加 0").isTrue();
        assertThat(none.amount()).isEqualTo("0");

        Change tinyDecrease = Change.between(new BigDecimal("10000"), new BigDecimal("10030"));
        assertThat(tinyDecrease.increase()).as("any decrease in yuan is 减少, even when it rounds to 0").isFalse();
        assertThat(tinyDecrease.amount()).isEqualTo("0");
    }
}
