package org.budgethub.model;

import java.util.List;

/** One section of the 说明: its heading and its paragraphs. */
public record NarrativeSection(String heading, List<String> paragraphs) {

    public NarrativeSection {
        paragraphs = List.copyOf(paragraphs);
    }
}
