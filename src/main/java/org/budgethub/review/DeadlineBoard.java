package org.budgethub.review;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What the deadline panel (console/deadline-panel.html) shows for a year, asked by the page itself
 * ({@code ${@deadlineBoard.summary(year)}}) so that every page including it says the same.
 */
@Component("deadlineBoard")
public class DeadlineBoard {

    /** The panel's facts for one year; {@code approvalDate} null when none is set. */
    public record Summary(int year, LocalDate approvalDate, LocalDate deadline, Long daysLeft, List<String> late, List<String> atRisk) {
    }

    private final Deadlines deadlines;

    DeadlineBoard(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    public Summary summary(int year) {
        var standings = deadlines.standings(year);
        return new Summary(year, deadlines.approvalDate(year).orElse(null), deadlines.deadline(year).orElse(null),
                deadlines.daysLeft(year).orElse(null),
                standings.values().stream().filter(Deadlines.Standing::late).map(Deadlines.Standing::code).toList(),
                standings.values().stream().filter(Deadlines.Standing::atRisk).map(Deadlines.Standing::code).toList());
    }
}
