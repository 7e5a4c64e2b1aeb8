package org.budgethub.publish;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an SFTP delivery error into a sentence an operator can act on: the chain of messages
 * (which file, which server, what the server said), plus a hint where SFTP itself is terse.
 */
public final class DeliveryErrors {

    private DeliveryErrors() {
    }

    public static String explain(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.camel.CamelExchangeException) {
                continue; // Camel's wrapper around the split's failure; the cause says what happened
            }
            String message = t.getMessage();
            if (message != null && !message.isBlank() && parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        String text = String.join(": ", parts);
        if (text.contains("Cannot store file") && (text.endsWith("General failure") || text.endsWith("Failure"))) {
            // SFTP v3 has no status for a full disk or an exhausted quota: servers answer a plain failure.
            text += " (the CMS server could not write the file: most often its disk is full or a quota is reached)";
        }
        return text;
    }
}
