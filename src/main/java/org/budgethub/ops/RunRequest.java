package org.budgethub.ops;

/**
 * What a run covers: a budget year and one agency, or every agency when {@code agency} is null.
 * {@code force} sends packages to the CMS even when their content was already delivered.
 */
public record RunRequest(int year, String agency, String trigger, boolean force) {

    public RunRequest(int year, String agency, String trigger) {
        this(year, agency, trigger, false);
    }

    public static RunRequest allAgencies(int year, String trigger) {
        return new RunRequest(year, null, trigger);
    }
}
