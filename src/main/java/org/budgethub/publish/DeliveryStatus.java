package org.budgethub.publish;

import org.budgethub.model.StatusLabel;

/**
 * What became of one version of a package, as the delivery table stores it (by name). With review
 * required (先审后发) a built version is {@link #AWAITING_REVIEW}; a reviewer makes it {@link #APPROVED}
 * (then {@link #SENDING} and {@link #DELIVERED}) or {@link #REJECTED}. A newer build replaces an
 * undelivered version ({@link #SUPERSEDED}); a delivered one may be {@link #WITHDRAWN}.
 */
public enum DeliveryStatus implements StatusLabel {
    AWAITING_REVIEW("待审核", "warn"),
    APPROVED("已批准", "busy"),
    REJECTED("已退回", "bad"),
    SUPERSEDED("已被新版本取代", "neutral"),
    SENDING("发送中", "busy"),
    DELIVERED("已送达", "ok"),
    FAILED("失败", "bad"),
    WITHDRAWN("已撤回", "warn"),
    /** Its stored files do not verify against its manifest: never sent; the next run builds it again and it is reviewed anew. */
    INCOMPLETE("存储不完整，待重新生成", "bad");

    private final Look look;

    DeliveryStatus(String label, String tone) {
        look = new Look(label, tone);
    }

    @Override
    public Look look() {
        return look;
    }

    /** Reached the CMS (and may since have been withdrawn). */
    public boolean reachedCms() {
        return this == DELIVERED || this == WITHDRAWN;
    }
}
