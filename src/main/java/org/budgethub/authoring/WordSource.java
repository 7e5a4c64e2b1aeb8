package org.budgethub.authoring;

import org.budgethub.model.StatusLabel;

/** How a version of the words came into the store. */
public enum WordSource implements StatusLabel {
    /** 文件导入: a YAML file of hub.narratives.dir, at start-up, at a run's start or on request. */
    IMPORT("文件导入", "neutral"),
    /** 控制台: saved on the console's page (its script says so with X-Requested-With). */
    CONSOLE("控制台", "neutral"),
    /** 接口: saved through the API by another client. */
    API("接口", "neutral");

    private final Look look;

    WordSource(String label, String tone) {
        look = new Look(label, tone);
    }

    @Override
    public Look look() {
        return look;
    }
}
