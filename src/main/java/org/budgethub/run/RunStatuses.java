package org.budgethub.run;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import org.budgethub.model.StatusLabel;
import org.budgethub.web.ConsoleFormat;

/** The console's labels of runs and tasks: their enums, which the console (below this package) cannot name. */
@Component
class RunStatuses implements ConsoleFormat.Statuses {

    @Override
    public List<? extends StatusLabel> statuses() {
        return Stream.of(RunStatus.values(), TaskStatus.values()).flatMap(Stream::of).map(StatusLabel.class::cast).toList();
    }
}
