package org.budgethub.support;

import java.util.List;

import org.budgethub.model.FigureTable;
import org.budgethub.render.DisclosureJson;

/** A figure table's rows as printed strings, to compare with what a reader sees. */
public final class Printed {

    private Printed() {
    }

    public static List<List<String>> rows(FigureTable table) {
        return table.rows().stream().map(r -> r.stream().map(DisclosureJson::printed).toList()).toList();
    }
}
