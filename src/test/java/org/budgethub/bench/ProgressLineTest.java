package org.budgethub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void printsHowManyAreDoneUntilClosedAndNothingAfter() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicInteger done = new AtomicInteger(7);
        try (ProgressLine line = ProgressLine.every(20, out, "并行度 2", 20000, done::get)) {
            Thread.sleep(200);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("并行度 2：已完成 7/20000 个单位，用时 ").contains("个单位，堆 ");
        Thread.sleep(100);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(printed);
    }
}
