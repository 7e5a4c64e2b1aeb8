package org.budgethub.run;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.budgethub.model.Stage;
import org.budgethub.model.StatusLabel;

/**
 * Where one agency's stage is, as the task table stores it (by name); and the one definition of an
 * agency being through with a run: a stage of it failed, or it got through publishing (sent, or
 * skipped: not sent).
 */
public enum TaskStatus implements StatusLabel {
    DONE("完成", "ok"),
    /** Publishing sent nothing: the content is unchanged, or another run claimed it. */
    SKIPPED("跳过", "neutral"),
    RUNNING("运行中", "busy"),
    FAILED("失败", "bad"),
    /** The hub stopped under it: a resume completes it. */
    INTERRUPTED("已中断", "warn");

    private final Look look;

    TaskStatus(String label, String tone) {
        look = new Look(label, tone);
    }

    @Override
    public Look look() {
        return look;
    }

    /** A task in this status of {@code stage} (a task table's stage id) ends its agency's journey in the run. */
    public boolean finishesAgency(String stage) {
        return this == FAILED || Stage.PUBLISH.id().equals(stage) && (this == DONE || this == SKIPPED);
    }

    /**
     * The same as {@link #finishesAgency(String)}, as an SQL condition on the task table's columns
     * ({@code alias} names the table, "" for none): for the queries that count finished agencies.
     */
    public static String finishesAgencySql(String alias) {
        String publish = Stage.PUBLISH.id();
        String anyStage = "\0";
        return "(" + alias + "status IN (" + names(s -> s.finishesAgency(anyStage)) + ") OR (" + alias + "stage = '" + publish + "' AND "
                + alias + "status IN (" + names(s -> s.finishesAgency(publish)) + ")))";
    }

    private static String names(Predicate<TaskStatus> which) {
        return Arrays.stream(values()).filter(which).map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
