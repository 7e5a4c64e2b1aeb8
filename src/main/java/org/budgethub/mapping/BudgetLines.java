package org.budgethub.mapping;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.budgethub.model.Appropriation;
import org.budgethub.model.Cell;

/**
 * The counted appropriations of one budget year (not soft-deleted), each with its exact amount.
 * Every figure of a disclosure is a {@link #total()} of some {@link #where(Predicate) selection}.
 */
public final class BudgetLines {

    private record Line(Appropriation appropriation, BigDecimal amount) {
    }

    private final List<Line> lines;

    private BudgetLines(List<Line> lines) {
        this.lines = lines;
    }

    public static BudgetLines of(Collection<Appropriation> appropriations, int fiscalYear) {
        return new BudgetLines(appropriations.stream()
                .filter(a -> a.fiscalYear() == fiscalYear && a.counted())
                .map(a -> new Line(a, a.amount()))
                .toList());
    }

    public BudgetLines where(Predicate<Appropriation> condition) {
        return new BudgetLines(lines.stream().filter(l -> condition.test(l.appropriation())).toList());
    }

    public BigDecimal total() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public boolean isZero() {
        return total().signum() == 0;
    }

    /** The total as a table cell that remembers which appropriations it sums. */
    public Cell amountCell() {
        return new Cell.Amount(total(), lines.stream()
                .filter(l -> l.amount().signum() != 0)
                .map(l -> l.appropriation().bgtId())
                .toList());
    }

    public Stream<Appropriation> appropriations() {
        return lines.stream().map(Line::appropriation);
    }
}
