package org.budgethub.authoring;

import java.util.List;

import org.springframework.stereotype.Component;

import org.budgethub.model.StatusLabel;
import org.budgethub.web.ConsoleFormat;

/** The console's labels of the words' statuses (草稿, 已确认): their enum, which the console (below this package) cannot name. */
@Component
class WordStatuses implements ConsoleFormat.Statuses {

    @Override
    public List<? extends StatusLabel> statuses() {
        return List.of(WordStatus.values());
    }
}
