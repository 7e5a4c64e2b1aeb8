package org.budgethub.disclosure;

import java.util.List;
import java.util.Map;

import org.budgethub.mapping.DisclosureTables;
import org.budgethub.mapping.NarrativeFigures;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.Disclosure;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeLibrary;
import org.budgethub.narrative.NarrativeRenderer;

/**
 * The model stage: one agency's extract and authored words in, its disclosure (tables and 说明)
 * out. It builds from whatever the input holds (a missing narrative leaves the authored places
 * empty, an unknown code an empty name); the validation stage then decides what may be published.
 */
public final class DisclosureBuilder {

    private final NarrativeRenderer renderer;

    public DisclosureBuilder(NarrativeRenderer renderer) {
        this.renderer = renderer;
    }

    /** Finds the agency's narrative in a folder's library and builds the disclosure; returns the work. */
    public AgencyWork build(AgencyWork work, NarrativeLibrary narratives) {
        NarrativeInput narrative = narratives.find(work.agency(), work.year()).orElse(null);
        work.setNarrative(narrative);
        work.setDisclosure(build(work.extract(), narrative));
        return work;
    }

    /** The stage's entry in a run: the words are already on the work item (null: none); returns the work. */
    public AgencyWork build(AgencyWork work) {
        work.setDisclosure(build(work.extract(), work.narrative()));
        return work;
    }

    /** A unit's 单位预算, or a department's 部门预算 (its extract has units) with the department template. */
    public Disclosure build(AgencyExtract extract, NarrativeInput narrative) {
        NarrativeInput words = narrative != null ? narrative : empty(extract.agency().code(), extract.year());
        String template = extract.isDepartment() ? NarrativeRenderer.DEPARTMENT_TEMPLATE : NarrativeRenderer.TEMPLATE;
        NarrativeRenderer.Rendered text = renderer.render(template, new NarrativeFigures(extract).asMap(), words);
        List<Disclosure.Unit> units = extract.units().stream().map(u -> new Disclosure.Unit(u.code(), u.name())).toList();
        return new Disclosure(extract.year(), extract.agency().code(), extract.agency().name(), text.title(),
                new DisclosureTables(extract).all(), text.sections(), List.of(), units);
    }

    private static NarrativeInput empty(String agency, int year) {
        return new NarrativeInput(agency, year, "", "", Map.of(), List.of(), "", "");
    }
}
