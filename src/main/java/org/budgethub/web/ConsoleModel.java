package org.budgethub.web;

import java.time.ZoneId;
import java.util.List;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import org.budgethub.config.HubProperties;

/** What every console page gets: the formatter ({@code fmt}) in the hub's zone. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ConsoleModel {

    private final ConsoleFormat format;

    /** @param statuses the statuses the features above the console show (runs, tasks) */
    public ConsoleModel(HubProperties hub, List<ConsoleFormat.Statuses> statuses) {
        this.format = new ConsoleFormat(ZoneId.of(hub.publish().zone()),
                statuses.stream().flatMap(s -> s.statuses().stream()).toList());
    }

    @ModelAttribute("fmt")
    public ConsoleFormat fmt() {
        return format;
    }
}
