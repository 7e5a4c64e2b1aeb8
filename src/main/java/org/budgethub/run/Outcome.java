package org.budgethub.run;

/** What became of one agency (or department) in a run, as the run's counts show it. */
public enum Outcome {
    /** A new package version: delivered, waiting for review, or written to the local folder. */
    NEW_VERSION,
    /** Nothing new: the same content is already on the website (or waits, or was rejected). */
    UNCHANGED,
    /** Held back by the validation gate or bad finance data: no package until the data is mended. */
    HELD_BACK,
    /** The machinery failed (a database, a disk, the CMS) after its retries. */
    FAILED
}
