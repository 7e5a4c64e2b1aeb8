package org.budgethub.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.Stage;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.Fixtures;

/** The validation stage bean on a built work item, without Camel. */
class ValidationStageTest {

    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    private static AgencyWork built(Fixtures data, NarrativeInput narrative) {
        AgencyWork work = new AgencyWork(new DisclosureId(2026, "900001"), null, null, false);
        work.setExtract(data.extract());
        work.setNarrative(narrative);
        work.setDisclosure(BUILDER.build(work.extract(), narrative));
        return work;
    }

    @Test
    void aPassingAgencyCarriesItsFindingsOnItsDisclosure() {
        AgencyWork work = built(new Fixtures().basic("2010301", "30101", "100000.00"), Fixtures.narrative(Map.of(), List.of()));

        new Validator().check(work);

        assertThat(work.findings()).extracting(Finding::rule).contains("input.previous-year-absent");
        assertThat(work.findings()).noneMatch(Finding::isFatal);
    }

    @Test
    void aFatalInputFindingStopsTheAgencyWithEveryFindingAndNoTableRuleNoise() {
        // An unknown functional code: the tables built from it would break identities too, which would only add noise.
        AgencyWork work = built(new Fixtures().basic("2999999", "30101", "100000.00"), Fixtures.narrative(Map.of(), List.of()));

        assertThatThrownBy(() -> new Validator().check(work))
                .isInstanceOfSatisfying(DataError.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.VALIDATE);
                    assertThat(e.findings()).extracting(Finding::rule).contains("input.code-unknown")
                            .allMatch(rule -> rule.startsWith("input."));
                })
                .hasMessageContaining("2999999");
    }

    @Test
    void aMissingNarrativeIsFatal() {
        AgencyWork work = built(new Fixtures().basic("2010301", "30101", "100000.00"), null);

        assertThatThrownBy(() -> new Validator().check(work)).isInstanceOf(DataError.class)
                .hasMessageContaining("input.narrative-missing");
    }

    @Test
    void wordsNobodyConfirmedCarryAWarningAndConfirmedOnesNone() {
        AgencyWork drafted = built(new Fixtures().basic("2010301", "30101", "100000.00"), Fixtures.narrative(Map.of(), List.of()));
        drafted.setNarrative(drafted.narrative(), true);
        new Validator().check(drafted);
        assertThat(drafted.findings()).filteredOn(f -> f.rule().equals("narrative.unconfirmed")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.WARN);
                    assertThat(f.message()).contains("草稿", "900001");
                });

        AgencyWork confirmed = built(new Fixtures().basic("2010301", "30101", "100000.00"), Fixtures.narrative(Map.of(), List.of()));
        new Validator().check(confirmed);
        assertThat(confirmed.findings()).noneMatch(f -> f.rule().equals("narrative.unconfirmed"));
        assertThat(new Validator(Map.of("narrative.unconfirmed", Finding.Severity.FATAL))).as("its severity is configurable").isNotNull();
    }
}
