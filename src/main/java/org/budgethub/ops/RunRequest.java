package org.budgethub.ops;

/** What a run covers: a budget year and one agency, or every agency when {@code agency} is null. */
public record RunRequest(int year, String agency, String trigger) {

    public static RunRequest allAgencies(int year, String trigger) {
        return new RunRequest(year, null, trigger);
    }
}
