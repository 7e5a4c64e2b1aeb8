package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.support.ExportRun;
import org.budgethub.support.FinanceDatabase;

/** The demo's synthetic agencies load into a real PostgreSQL too, and all of them export. */
class DemoDataOnPostgresIT {

    @Test
    void everyDemoAgencyExportsFromPostgres(@TempDir Path dir) {
        FinanceDatabase db = FinanceDatabase.create("demo/seed-unit.sql", "demo/finance-demo-agencies.sql",
                "demo/finance-demo-department.sql");
        Path out = dir.resolve("out");
        ExportRun run = ExportRun.of(ExportRun.args(db, 2026, null, Path.of("config/narratives"), out));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("新版本 6 个，未变化 0 个，未通过校验 0 个，失败 0 个");
        for (String agency : new String[] {"101001", "101023", "101031", "102001", "103005", "104002"}) {
            assertThat(out.resolve("2026/" + agency + "/disclosure.json")).exists();
        }
    }
}
