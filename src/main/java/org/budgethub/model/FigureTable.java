package org.budgethub.model;

import java.util.List;

/** A table of figures (表一 to 表九): rows of cells as printed, and an optional note. */
public record FigureTable(String no, String title, List<List<Cell>> rows, String note) implements DisclosureTable {

    public FigureTable {
        rows = rows.stream().map(List::copyOf).toList();
    }
}
