package org.budgethub.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import org.budgethub.publish.DeliveryRecords;

/**
 * At start-up, before any new run: deliveries this instance was sending are marked interrupted (and
 * sent again), versions whose stored files do not verify are marked incomplete (built again by the
 * next run), and runs this instance left RUNNING are marked INTERRUPTED, ready to resume.
 */
@Component
@Order(0)
public class RunRecovery implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final RunHistory history;
    private final DeliveryRecords deliveries;

    public RunRecovery(RunHistory history, DeliveryRecords deliveries) {
        this.history = history;
        this.deliveries = deliveries;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sending = deliveries.markInterrupted();
        if (sending > 0) {
            LOG.warn("实例 {} 停止时有 {} 个版本正在发送，已记为发送中断：已批准的版本由发布定时任务自动重新发送，其余在下次运行时重新发送",
                    history.instance(), sending);
        }
        for (DeliveryRecords.Broken b : deliveries.unverifiedVersions()) {
            if (deliveries.markIncomplete(b.id(), b.problem())) {
                LOG.error("{} 年 {} 第 {} 版（{}）保存的文件不完整：{}。已标记为存储不完整，不会发送；下次运行时重新生成，须重新审核",
                        b.year(), b.agency(), b.version(), b.status(), b.problem());
            }
        }
        int interrupted = history.markInterrupted();
        if (interrupted > 0) {
            LOG.warn("实例 {} 有 {} 次运行未完成，已记为中断（INTERRUPTED）：可在控制台的运行页面继续，或调用 POST /api/runs/<运行编号>/resume",
                    history.instance(), interrupted);
        }
    }
}
