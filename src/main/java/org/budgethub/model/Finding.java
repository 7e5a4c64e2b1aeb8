package org.budgethub.model;

import java.util.List;
import java.util.Objects;

/**
 * A finding of the validation gate: how bad it is, which rule (a stable id an operator can look
 * up and configure), a message a finance officer can act on, where in the disclosure it points
 * (a table cell, a narrative figure), and the finance-system rows behind it.
 */
public record Finding(Severity severity, String rule, String message, String location, List<RowRef> rows) {

    /** FATAL holds the agency back; WARN is shown and publishes; INFO is a hint (rounding). */
    public enum Severity implements StatusLabel {
        FATAL("严重", "bad"), WARN("警告", "warn"), INFO("提示", "neutral");

        private final Look look;

        Severity(String label, String tone) {
            look = new Look(label, tone);
        }

        @Override
        public Look look() {
            return look;
        }
    }

    /** A row of the finance system: the table and its id (bgt_appropriation.bgt_id, bgt_ledger.entry_id, …). */
    public record RowRef(String table, String id) {

        public static RowRef appropriation(String bgtId) {
            return new RowRef("bgt_appropriation", bgtId);
        }

        public static RowRef ledger(String entryId) {
            return new RowRef("bgt_ledger", entryId);
        }

        @Override
        public String toString() {
            return table + ":" + id;
        }
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        location = location == null ? "" : location;
        rows = List.copyOf(rows);
    }

    /** 严重, 警告 or 提示, as the console and the summaries say it. */
    public String label() {
        return severity.label();
    }

    public boolean isFatal() {
        return severity == Severity.FATAL;
    }

    /** One line for logs and the export summary: "严重 input.negative-total：… ［位置］ 涉及：bgt_appropriation:F5, …". */
    public String line() {
        StringBuilder out = new StringBuilder().append(label()).append(' ').append(rule).append("：").append(message);
        if (!location.isEmpty()) {
            out.append(" ［").append(location).append('］');
        }
        if (!rows.isEmpty()) {
            out.append(" 涉及：");
            int shown = Math.min(rows.size(), 8);
            for (int i = 0; i < shown; i++) {
                out.append(i == 0 ? "" : ", ").append(rows.get(i));
            }
            if (rows.size() > shown) {
                out.append(" 等共 ").append(rows.size()).append(" 行");
            }
        }
        return out.toString();
    }
}
