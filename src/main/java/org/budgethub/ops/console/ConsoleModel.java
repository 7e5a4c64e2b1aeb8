package org.budgethub.ops.console;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page gets: the formatter ({@code fmt}) in the hub's zone. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

    private final ConsoleFormat format;

    public ConsoleModel(@Value("${hub.publish.zone:Asia/Shanghai}") String zone) {
        this.format = new ConsoleFormat(ZoneId.of(zone));
    }

    @ModelAttribute("fmt")
    public ConsoleFormat fmt() {
        return format;
    }
}
