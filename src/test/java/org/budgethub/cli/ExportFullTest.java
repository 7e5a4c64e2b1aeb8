package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export --full is accepted and documented; an export rebuilds every agency with or without it. */
class ExportFullTest {

    @Test
    void fullIsASwitchTheUsageExplains(@TempDir Path dir) {
        var with = ExportCommand.parse(new String[] {"--finance-url=x", "--year=2026", "--full", "--narratives=" + dir, "--out=" + dir.resolve("o")});
        var without = ExportCommand.parse(new String[] {"--finance-url=x", "--year=2026", "--narratives=" + dir, "--out=" + dir.resolve("o")});

        assertThat(with.full()).isTrue();
        assertThat(without.full()).isFalse();
        assertThat(ExportCommand.USAGE_TEXT).contains("[--full]").contains("总是全量重建");
    }
}
