package org.budgethub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.NarrativeSection;
import org.budgethub.narrative.NarrativeLibrary;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.Fixtures;

/** The model stage bean: the extract and the run's narratives in, the disclosure out; without Camel. */
class DisclosureBuilderTest {

    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));

    @TempDir
    Path narratives;

    private static AgencyWork work() {
        AgencyWork work = new AgencyWork(new DisclosureId(2026, "900001"), null, null, false);
        work.setExtract(new Fixtures().basic("2010301", "30101", "100000.00").extract());
        return work;
    }

    @Test
    void buildsTheDisclosureWithTheAgencysAuthoredWords() throws Exception {
        Files.writeString(narratives.resolve("any-name.yaml"), "agency: \"900001\"\nyear: 2026\nduties: 负责测试工作。\n");
        AgencyWork work = work();

        BUILDER.build(work, NarrativeLibrary.scan(narratives));

        assertThat(work.narrative()).isNotNull();
        assertThat(work.disclosure().title()).isEqualTo("测试单位2026 年单位预算情况说明");
        assertThat(work.disclosure().narrative().get(0).paragraphs()).contains("负责测试工作。");
        assertThat(work.disclosure().tables()).hasSize(9);
    }

    @Test
    void withoutANarrativeTheAuthoredPlacesStayEmptyAndValidationDecides() {
        AgencyWork work = work();

        BUILDER.build(work, NarrativeLibrary.scan(narratives));

        assertThat(work.narrative()).isNull();
        NarrativeSection first = work.disclosure().narrative().get(0);
        assertThat(first.paragraphs()).containsExactly("（一）职能职责", "（二）单位构成");
    }
}
