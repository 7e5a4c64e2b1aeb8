package org.budgethub.web;

import java.time.ZoneId;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import org.budgethub.config.HubProperties;

/** What every console page gets: the formatter ({@code fmt}) in the hub's zone. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ConsoleModel {

    private final ConsoleFormat format;

    public ConsoleModel(HubProperties hub) {
        this.format = new ConsoleFormat(ZoneId.of(hub.publish().zone()));
    }

    @ModelAttribute("fmt")
    public ConsoleFormat fmt() {
        return format;
    }
}
