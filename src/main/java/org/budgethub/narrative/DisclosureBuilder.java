package org.budgethub.narrative;

import java.util.List;

import org.budgethub.mapping.DisclosureTables;
import org.budgethub.mapping.NarrativeFigures;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Disclosure;
import org.budgethub.model.NarrativeInput;

/** One agency's extract and authored words in, its disclosure (tables and 说明) out. */
public final class DisclosureBuilder {

    private final NarrativeRenderer renderer;

    public DisclosureBuilder(NarrativeRenderer renderer) {
        this.renderer = renderer;
    }

    public Disclosure build(AgencyExtract extract, NarrativeInput narrative) {
        NarrativeRenderer.Rendered text = renderer.render(new NarrativeFigures(extract).asMap(), narrative);
        return new Disclosure(extract.year(), extract.agency().code(), extract.agency().name(), text.title(),
                new DisclosureTables(extract).all(), text.sections(), List.of());
    }
}
