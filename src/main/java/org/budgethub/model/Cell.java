package org.budgethub.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One cell of a disclosure table: a label, or an amount kept exactly in yuan (formatted only when
 * rendered) with the appropriations behind it, so checks can work on exact figures.
 */
public sealed interface Cell {

    record Text(String text) implements Cell {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    record Amount(BigDecimal yuan, List<String> sources) implements Cell {
        public Amount {
            Objects.requireNonNull(yuan, "yuan");
            sources = List.copyOf(sources);
        }
    }

    Text EMPTY = new Text("");

    static Cell text(String text) {
        return text == null || text.isEmpty() ? EMPTY : new Text(text);
    }

    static Cell amount(BigDecimal yuan) {
        return new Amount(yuan, List.of());
    }
}
