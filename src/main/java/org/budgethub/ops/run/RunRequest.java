package org.budgethub.ops.run;

import java.util.List;

import org.budgethub.model.DisclosureId;

/**
 * What a run covers: a budget year and one agency, a list of agencies, or every agency of the year.
 * {@code force} sends packages to the CMS even when their content was already delivered;
 * {@code resumedFrom} names the interrupted run that this one completes.
 */
public record RunRequest(int year, String agency, List<String> agencies, String trigger, boolean force, Long resumedFrom,
                         Long runId) {

    public RunRequest {
        agencies = agencies == null ? null : List.copyOf(agencies);
    }

    public RunRequest(int year, String agency, List<String> agencies, String trigger, boolean force, Long resumedFrom) {
        this(year, agency, agencies, trigger, force, resumedFrom, null);
    }

    public RunRequest(int year, String agency, String trigger, boolean force) {
        this(year, agency, null, trigger, force, null);
    }

    /** The same request, its run already recorded under {@code id}. */
    public RunRequest withRunId(long id) {
        return new RunRequest(year, agency, agencies, trigger, force, resumedFrom, id);
    }

    public RunRequest(int year, String agency, String trigger) {
        this(year, agency, trigger, false);
    }

    public static RunRequest allAgencies(int year, String trigger) {
        return new RunRequest(year, null, trigger);
    }

    public static RunRequest agencies(int year, List<String> agencies, String trigger, boolean force, Long resumedFrom) {
        return new RunRequest(year, null, agencies, trigger, force, resumedFrom);
    }

    /**
     * @throws IllegalArgumentException for a year outside 1900–9999 or an agency code that could not
     *                                  be a folder name
     */
    public void check() {
        DisclosureId.checkYear(year);
        if (agency != null) {
            DisclosureId.checkCode(agency);
        }
        if (agencies != null) {
            agencies.forEach(DisclosureId::checkCode);
        }
    }

    /** "2026 (all agencies)", "2026 (agency 101023)": how logs and summaries name the run. */
    public String describe() {
        return year + (agency == null ? " (all agencies)" : " (agency " + agency + ")");
    }

    /** ALL, AGENCY, LIST (failed agencies) or RESUME, as the run history shows it. */
    public String scope() {
        if (resumedFrom != null) {
            return "RESUME";
        }
        if (agencies != null) {
            return "LIST";
        }
        return agency == null ? "ALL" : "AGENCY";
    }
}
