package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheContractsOptions() {
        var a = ExportCommand.parse(new String[] {"--finance-url=jdbc:h2:mem:x", "--finance-user=u", "--finance-password=p",
                "--year=2026", "--agency=101023", "--narratives=" + dir, "--out=" + dir.resolve("out")});
        assertThat(a.year()).isEqualTo(2026);
        assertThat(a.agency()).isEqualTo("101023");
        assertThat(a.financePassword()).isEqualTo("p");
    }

    @Test
    void withoutAgencyEveryAgencyIsCovered() {
        var a = ExportCommand.parse(new String[] {"--finance-url=x", "--year=2026", "--narratives=" + dir, "--out=" + dir.resolve("o")});
        assertThat(a.agency()).isNull();
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> ExportCommand.parse(new String[] {"--year=2026"}))
                .hasMessageContaining("缺少必填选项 --finance-url");
        assertThatThrownBy(() -> ExportCommand.parse(new String[] {"--finance-url=x", "--year=next", "--narratives=" + dir, "--out=" + dir.resolve("o")}))
                .hasMessageContaining("--year");
        assertThatThrownBy(() -> ExportCommand.parse(new String[] {"--finance-url=x", "--year=2026", "--narratives=" + dir.resolve("nope"), "--out=" + dir.resolve("o")}))
                .hasMessageContaining("--narratives 文件夹不存在");
        assertThatThrownBy(() -> ExportCommand.parse(new String[] {"--finance-url=x", "--yaer=2026"}))
                .hasMessageContaining("未知选项 --yaer");
    }

    @Test
    void aUsageErrorExitsWith2AndPrintsUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExportCommand.run(new String[] {"--year=2026"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(ExportCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("缺少必填选项 --finance-url").contains("用法：");
    }
}
