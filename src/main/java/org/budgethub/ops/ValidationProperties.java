package org.budgethub.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.budgethub.model.Finding.Severity;

/** {@code hub.validation.severity."[rule.id]": FATAL|WARN|INFO}: operators' severity overrides. */
@ConfigurationProperties("hub.validation")
public class ValidationProperties {

    private Map<String, Severity> severity = new LinkedHashMap<>();

    public Map<String, Severity> getSeverity() {
        return severity;
    }

    public void setSeverity(Map<String, Severity> severity) {
        this.severity = severity;
    }
}
