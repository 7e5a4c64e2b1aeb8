package org.budgethub.run;

/**
 * How a run whose agencies other instances also work on is finished (run.distributed implements it):
 * {@link RunService} asks, and waits, without depending on how the instances are connected.
 */
public interface RemoteCompletion {

    /** Whether the run's agencies went to the shared queue. */
    boolean distributed(RunContext run);

    /** Waits until the last outcome is recorded, by whichever instance, and returns the run's report. */
    RunReport awaitRun(RunContext run);
}
