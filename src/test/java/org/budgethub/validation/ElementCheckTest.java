package org.budgethub.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.budgethub.model.AgencyFailure;
import org.budgethub.model.Appropriation;
import org.budgethub.model.LedgerEntry;
import org.budgethub.support.Fixtures;

class ElementCheckTest {

    @Test
    void knownCodesPass() {
        assertThatCode(() -> ElementCheck.requireKnownCodes(new Fixtures().basic("2010301", "30101", "1").extract()))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingItemSectionOrClassOfTheFunctionalCodeFails() {
        var extract = new Fixtures().basic("2010399", "30101", "1").withoutFunctional("20805").basic("2080505", "30101", "1").extract();
        assertThat(ElementCheck.missingCodes(extract)).containsExactly(
                "2026 功能分类 2010399 (A1)", "2026 功能分类 20805 (A2)");
        assertThatThrownBy(() -> ElementCheck.requireKnownCodes(extract))
                .isInstanceOf(AgencyFailure.class)
                .hasMessageContaining("2010399").hasMessageContaining("A1");
    }

    @Test
    void previousYearAndEconomicClassesAreCheckedToo() {
        var extract = new Fixtures().add(2025, "2010301", "39999", "11", "B", "N", null, "1").extract();
        assertThat(ElementCheck.missingCodes(extract)).containsExactly("2025 经济分类 399 (A1)", "2025 经济分类 39999 (A1)");
    }

    @Test
    void softDeletedAppropriationsDoNotCount() {
        var extract = new Fixtures().appropriation(new Appropriation("X", 2026, "900001", "9999999", "99999", "11", "B", "N",
                null, true, List.of(new LedgerEntry("X-1", "INITIAL", BigDecimal.ONE)))).extract();
        assertThat(ElementCheck.missingCodes(extract)).isEmpty();
    }
}
