package org.budgethub.model;

/** A numbered table of the disclosure (表一, 表二, …). */
public sealed interface DisclosureTable permits FigureTable, PerformanceTable {

    String no();

    String title();
}
