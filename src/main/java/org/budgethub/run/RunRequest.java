package org.budgethub.run;

import java.util.List;

import org.budgethub.config.Departments;
import org.budgethub.model.DisclosureId;

/**
 * What a run covers: a budget year and one agency, a list of agencies, or every agency of the year.
 * {@code force} sends packages to the CMS even when their content was already delivered;
 * {@code resumedFrom} names the interrupted run that this one completes; {@code departments} says
 * which departments' packages (部门预算) come with it, null for the hub's default
 * ({@code hub.run.departments}); {@code full} rebuilds every agency in scope, where the run would
 * otherwise skip the agencies whose finance rows and narrative have not changed since they were
 * last built (incremental sync: runs of every agency, and the schedule's runs).
 */
public record RunRequest(int year, String agency, List<String> agencies, String trigger, boolean force, Long resumedFrom,
                         Long runId, Departments departments, boolean full) {

    /** The trigger of the nightly schedule's runs. */
    public static final String SCHEDULE = "schedule";


    public RunRequest {
        agencies = agencies == null ? null : List.copyOf(agencies);
    }

    public RunRequest(int year, String agency, List<String> agencies, String trigger, boolean force, Long resumedFrom,
                      Long runId, Departments departments) {
        this(year, agency, agencies, trigger, force, resumedFrom, runId, departments, false);
    }

    public RunRequest(int year, String agency, List<String> agencies, String trigger, boolean force, Long resumedFrom) {
        this(year, agency, agencies, trigger, force, resumedFrom, null, null);
    }

    public RunRequest(int year, String agency, String trigger, boolean force) {
        this(year, agency, null, trigger, force, null);
    }

    /** The same request, its run already recorded under {@code id}. */
    public RunRequest withRunId(long id) {
        return new RunRequest(year, agency, agencies, trigger, force, resumedFrom, id, departments, full);
    }

    /** The same request, with its departments settled. */
    public RunRequest withDepartments(Departments which) {
        return new RunRequest(year, agency, agencies, trigger, force, resumedFrom, runId, which, full);
    }

    /** The same request, rebuilding every agency in scope ({@code true}) or only those whose sources changed. */
    public RunRequest withFull(boolean rebuildAll) {
        return new RunRequest(year, agency, agencies, trigger, force, resumedFrom, runId, departments, rebuildAll);
    }

    /**
     * Whether the run keeps the sync record (what each agency was built from): a run of every agency,
     * or a scheduled run of the configured agencies. One agency, a rerun of the failed ones and a
     * resume leave it as it is.
     */
    public boolean syncTracked() {
        return agency == null && resumedFrom == null && (agencies == null || SCHEDULE.equals(trigger));
    }

    /**
     * Whether the run skips the agencies whose sources did not change since they were last built: a
     * tracked run, unless it asks for a full rebuild or forces delivery.
     */
    public boolean incremental() {
        return syncTracked() && !full && !force;
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

    /** "2026 年（全部单位）", "2026 年（101023）": how logs and summaries name the run. */
    public String describe() {
        return year + " 年（" + (agency != null ? agency : agencies != null ? "指定的 " + agencies.size() + " 个单位" : "全部单位") + "）";
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

    /**
     * Whether delivery is forced for {@code code}: only for the agencies the request names (its agency,
     * its list), or every agency of a run of all; a department rebuilt alongside a named unit is not forced.
     */
    public boolean forces(String code) {
        if (!force) {
            return false;
        }
        if (agency == null && agencies == null) {
            return true;
        }
        return code.equals(agency) || agencies != null && agencies.contains(code);
    }
}
