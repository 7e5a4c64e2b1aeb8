package org.budgethub.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request the API refuses, thrown by a feature's controller: its kind, the reason in the
 * operator's words, and where the console has more (the run, the page). {@link ApiErrors} answers
 * it as {@code application/problem+json}.
 */
public class ApiRefusal extends ErrorResponseException {

    public ApiRefusal(ProblemType kind, String detail) {
        this(kind, kind.status(), detail);
    }

    public ApiRefusal(ProblemType kind, HttpStatus status, String detail) {
        super(status, kind.problem(status, detail), null);
    }

    /** The run that blocks the request or that it is about. */
    public ApiRefusal run(long id) {
        getBody().setProperty("run", id);
        return this;
    }

    /** The console page to go to. */
    public ApiRefusal href(String href) {
        getBody().setProperty("href", href);
        return this;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
