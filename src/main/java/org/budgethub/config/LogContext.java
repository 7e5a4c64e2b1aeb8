package org.budgethub.config;

import org.slf4j.MDC;

/**
 * What a log line is about, in the log's MDC (Mapped Diagnostic Context): the run ({@value #RUN}, its
 * number in the run history) and the agency ({@value #AGENCY}, a unit's or a department's code). The
 * default log pattern shows them as {@code [run=42 agency=101023]} (application.yaml,
 * {@code logging.pattern.correlation}); structured (JSON) logs carry them as fields.
 *
 * <p>Open one around the work of a run or an agency and close it after (try-with-resources): closing
 * puts back what the thread had before, so nested contexts and pooled threads never keep a stale
 * value. Inside Camel routes {@code run.RouteLogContext} sets them from the exchange, on whatever
 * thread a step runs.
 */
public final class LogContext implements AutoCloseable {

    /** The MDC key of the run's number (run history, console, {@code /api/runs/{id}}). */
    public static final String RUN = "run";
    /** The MDC key of the agency's code (a unit or a department). */
    public static final String AGENCY = "agency";

    private static final LogContext NOTHING = new LogContext(null, null, false);

    private final String previousRun;
    private final String previousAgency;
    private final boolean restores;

    private LogContext(String previousRun, String previousAgency, boolean restores) {
        this.previousRun = previousRun;
        this.previousAgency = previousAgency;
        this.restores = restores;
    }

    /**
     * Sets the keys given (a null leaves that key as it is) until {@link #close()}.
     *
     * @param run    the run's number, or null
     * @param agency the agency's code, or null
     */
    public static LogContext of(Long run, String agency) {
        if (run == null && agency == null) {
            return NOTHING;
        }
        LogContext context = new LogContext(MDC.get(RUN), MDC.get(AGENCY), true);
        if (run != null) {
            MDC.put(RUN, Long.toString(run));
        }
        if (agency != null) {
            MDC.put(AGENCY, agency);
        }
        return context;
    }

    public static LogContext run(long run) {
        return of(run, null);
    }

    public static LogContext agency(String agency) {
        return of(null, agency);
    }

    /** Puts back the values the thread had when this context was opened. */
    @Override
    public void close() {
        if (restores) {
            restore(RUN, previousRun);
            restore(AGENCY, previousAgency);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
