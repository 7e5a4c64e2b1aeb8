package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.model.Finding;
import org.budgethub.model.StatusLabel;
import org.budgethub.publish.DeliveryStatus;

/** The console reads each status's label and colour from its enum; a name shared by two enums reads the same in both. */
class ConsoleLabelsTest {

    private static final ConsoleFormat FORMAT = new ConsoleFormat(ZoneId.of("Asia/Shanghai"));

    @Test
    void versionsAndFindingsReadAsBefore() {
        Map<String, String> labels = Map.of("AWAITING_REVIEW", "待审核", "APPROVED", "已批准", "REJECTED", "已退回",
                "SUPERSEDED", "已被新版本取代", "SENDING", "发送中", "DELIVERED", "已送达", "WITHDRAWN", "已撤回",
                "INCOMPLETE", "存储不完整，待重新生成", "FATAL", "严重", "WARN", "警告");
        labels.forEach((name, label) -> assertThat(FORMAT.label(name)).as(name).isEqualTo(label));
        assertThat(FORMAT.label(DeliveryStatus.DELIVERED)).isEqualTo("已送达");
        assertThat(FORMAT.badge(DeliveryStatus.AWAITING_REVIEW)).isEqualTo("badge badge-warn");
        assertThat(FORMAT.badge(Finding.Severity.INFO)).isEqualTo("badge badge-neutral");
        assertThat(FORMAT.label(Finding.Severity.INFO)).isEqualTo("提示");
    }

    @Test
    void noneAndUnknown() {
        assertThat(FORMAT.label(null)).isEqualTo("未运行");
        assertThat(FORMAT.badge(null)).isEqualTo("badge badge-none");
        assertThat(FORMAT.label("SOMETHING")).isEqualTo("SOMETHING");
        assertThat(FORMAT.badge("SOMETHING")).isEqualTo("badge badge-neutral");
    }

    private enum Other implements StatusLabel {
        FAILED;

        @Override
        public Look look() {
            return new Look("出错", "bad");
        }
    }

    @Test
    void aNameReadsTheSameInEveryEnum() {
        assertThatThrownBy(() -> new ConsoleFormat(ZoneId.of("UTC"), List.of(Other.FAILED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FAILED");
    }

    @Test
    void theScriptGetsTheSameLabels() {
        assertThat(FORMAT.labelsJson()).contains("\"model\":\"生成模型\"").contains("\"DELIVERED\":{").contains("\"label\":\"已送达\"")
                .contains("\"FATAL\":{");
    }
}
