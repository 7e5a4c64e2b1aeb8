package org.budgethub.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.mapping.Consolidation;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.Project;
import org.budgethub.model.Vehicles;
import org.budgethub.support.Fixtures;
import org.budgethub.validation.Validator;

/** The hub's draft of the words, from hand-made extracts: no database, no Spring. */
class NarrativeDrafterTest {

    private static final int Y = Fixtures.YEAR;
    private static final int P = Y - 1;
    private static final NarrativeDrafter DRAFTER = new NarrativeDrafter();
    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    /** Basic money of both years (personnel 100 → 120 万元, public 20 → 15 万元) and projects given as code, 2025 and 2026 yuan. */
    private static Fixtures unit(String[]... projects) {
        Fixtures f = new Fixtures()
                .add(P, "2010301", "30101", "11", "B", "N", null, "1000000").add(Y, "2010301", "30101", "11", "B", "N", null, "1200000")
                .add(P, "2010301", "30201", "11", "B", "N", null, "200000").add(Y, "2010301", "30201", "11", "B", "N", null, "150000");
        for (String[] p : projects) {
            if (!p[1].equals("0")) {
                f.add(P, "2010301", "30201", "11", "P", "N", p[0], p[1]);
            }
            if (!p[2].equals("0")) {
                f.add(Y, "2010301", "30201", "11", "P", "N", p[0], p[2]);
            }
            f.project(new Project(p[0], "项目" + p[0], null, null, null, List.of()));
        }
        return f;
    }

    private static Map<String, String> reasons(AgencyExtract extract) {
        return DRAFTER.draft(extract, null).reasons();
    }

    /** The draft, built into a disclosure and validated: no 表文一致 finding. */
    private static void assertNoTextFigureFinding(AgencyExtract extract, NarrativeInput draft) {
        List<Finding> findings = new Validator().checkDisclosure(extract, draft, BUILDER.build(extract, draft));
        assertThat(findings).extracting(Finding::rule).doesNotContain("narrative.figure-mismatch");
    }

    @Test
    void withoutEarlierWordsOnlyTheReasonsAreDrafted() {
        AgencyExtract extract = unit(new String[] {"PA", "3000000", "1000000"}).extract();

        NarrativeInput draft = DRAFTER.draft(extract, null);

        assertThat(draft.agency()).isEqualTo("900001");
        assertThat(draft.year()).isEqualTo(Y);
        assertThat(draft.duties()).isEmpty();
        assertThat(draft.composition()).isEmpty();
        assertThat(draft.notes()).isEmpty();
        assertThat(draft.contactName()).isEmpty();
        assertThat(draft.contactPhone()).isEmpty();
        // 基本 +15 (120+15 − 100−20), 项目 −200 over all funds; 三 (fund 11) is the same money here.
        assertThat(draft.reasons()).containsEntry("expenditure", "主要是基本支出预算增加 15 万元，项目支出预算减少 200 万元")
                .containsEntry("income", "主要是基本支出预算增加 15 万元，项目支出预算减少 200 万元")
                .containsEntry("basic", "主要是人员经费增加 20 万元，日常公用经费减少 5 万元")
                .containsEntry("project", "主要是项目PA项目减少 200 万元");
        assertNoTextFigureFinding(extract, draft);
    }
}
