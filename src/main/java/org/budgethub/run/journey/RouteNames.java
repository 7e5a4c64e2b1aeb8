package org.budgethub.run.journey;

/**
 * The names of the exchange properties and headers the routes (routes/*.camel.yaml) and their beans
 * share. The YAML spells them literally; Java uses only these constants, and RouteNamesTest checks
 * that each is a name the routes use.
 */
public final class RouteNames {

    // ---- exchange properties

    /** The run under way ({@code RunContext}). */
    public static final String RUN = "run";
    /** One agency's journey ({@code AgencyWork}). */
    public static final String WORK = "work";
    /** A batch of agencies read together ({@code IngestBatch}). */
    public static final String BATCH = "batch";
    /** The run's view of its sources ({@code IncrementalSync.Plan}). */
    public static final String SYNC = "sync";
    /** What a distributed consumer makes of a message ({@code DistributedRuns.Job}). */
    public static final String JOB = "job";
    /** The message off the agency queue, as read. */
    public static final String AGENCY_MESSAGE = "agencyMessage";
    /** The CMS index files of a year, to write. */
    public static final String INDEX_FILES = "indexFiles";
    /** A version being withdrawn from the CMS. */
    public static final String WITHDRAWAL = "withdrawal";
    /** The unit or department whose finance rows the authoring API reads ({@code NarrativeExtracts.Target}). */
    public static final String TARGET = "target";

    // ---- headers

    /** The package's folder on the CMS. */
    public static final String CMS_FOLDER = "cmsFolder";
    /** The suffix of the temporary name a file is uploaded under. */
    public static final String HUB_TEMP_SUFFIX = "hubTempSuffix";
    /** Why a message went to the dead-letter queue. */
    public static final String HUB_REASON = "hubReason";
    /** The agency codes a run names. */
    public static final String CODES = "codes";
    /** Whether a run builds departments. */
    public static final String DEPARTMENTS = "departments";
    /** Property: the run's failure when the broker refused its agencies, in the operator's words (run-errors). */
    public static final String BROKER_DOWN = "brokerDown";

    private RouteNames() {
    }
}
