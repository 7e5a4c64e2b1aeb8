package org.budgethub.authoring;

/**
 * A person saved new words for (code, year) through the API or the console: the run feature hears
 * it ({@code run.WordsRerun}) and rebuilds that unit and its department, or that department, as an
 * operator's rerun would; the new version then awaits review like any other. Published after the
 * version is stored. An import publishes none: the run that imports builds what changed.
 *
 * @param code   the unit's or the department's code
 * @param by     the user who saved them
 */
public record WordsSaved(int year, String code, int version, String by) {
}
