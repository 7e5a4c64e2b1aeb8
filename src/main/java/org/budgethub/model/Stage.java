package org.budgethub.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stages of one agency's journey, in order. The id is what the run history, the metrics and
 * the API store; the label is what the console shows.
 */
public enum Stage {
    INGEST("ingest", "读取数据"),
    MODEL("model", "生成模型"),
    VALIDATE("validate", "校验"),
    RENDER("render", "生成文件"),
    PUBLISH("publish", "发布");

    private final String id;
    private final String label;

    Stage(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<Stage> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
