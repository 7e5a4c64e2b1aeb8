package org.budgethub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChineseNumeralsTest {

    @Test
    void writesTableNumbersAsPrinted() {
        assertThat(ChineseNumerals.of(1)).isEqualTo("一");
        assertThat(ChineseNumerals.of(9)).isEqualTo("九");
        assertThat(ChineseNumerals.of(10)).isEqualTo("十");
        assertThat(ChineseNumerals.of(12)).isEqualTo("十二");
        assertThat(ChineseNumerals.of(20)).isEqualTo("二十");
        assertThat(ChineseNumerals.of(21)).isEqualTo("二十一");
        assertThat(ChineseNumerals.of(100)).isEqualTo("一百");
        assertThat(ChineseNumerals.of(105)).isEqualTo("一百零五");
        assertThat(ChineseNumerals.of(110)).isEqualTo("一百一十");
        assertThat(ChineseNumerals.of(1001)).isEqualTo("一千零一");
    }

    @Test
    void refusesWhatItCannotWrite() {
        assertThatThrownBy(() -> ChineseNumerals.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
