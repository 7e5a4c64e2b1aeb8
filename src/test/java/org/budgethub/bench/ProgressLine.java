package org.budgethub.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;

/**
 * A line every few seconds while a long measured run goes on, so that a run of 20,000 units that
 * takes many minutes shows it is alive and how fast it goes:
 * {@code 并行度 2：已完成 3120/20000 个单位，用时 60 秒，每秒 52.0 个单位，堆 412 MiB}.
 */
public final class ProgressLine implements AutoCloseable {

    private final Thread ticker;
    private volatile boolean running = true;

    private ProgressLine(PrintStream out, String label, int total, IntSupplier done, long everyMillis) {
        long start = System.nanoTime();
        ticker = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (!running) {
                    return;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                int n = done.getAsInt();
                long heapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                out.printf("%s：已完成 %d/%d 个单位，用时 %.0f 秒，每秒 %.1f 个单位，堆 %d MiB%n", label, n, total, seconds,
                        seconds > 0 ? n / seconds : 0, heapMiB);
            }
        }, "benchmark-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** {@code done} is read on the ticker's thread: it must be safe to call from there (a database count is). */
    public static ProgressLine every(long millis, PrintStream out, String label, int total, IntSupplier done) {
        return new ProgressLine(out, label, total, done, millis);
    }

    /** Stops the ticker and waits for it: no line comes after the run's own report. */
    @Override
    public void close() {
        running = false;
        ticker.interrupt();
        try {
            ticker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
