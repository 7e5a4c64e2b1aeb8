package org.budgethub.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap use over one measured run: a sampler thread reads the used heap every 10 ms and keeps the
 * highest value; beside it the sum of the heap pools' peak usage (reset at the start), which
 * over-states a little as the pools peak at different moments; and the collectors' time.
 */
public final class HeapWatch implements AutoCloseable {

    public record Peak(long sampledBytes, long poolPeakSumBytes, long gcMillis, long gcCount) {
    }

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    private final long gcMillisBefore;
    private final long gcCountBefore;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long max;

    private HeapWatch() {
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        gcMillisBefore = gcMillis();
        gcCountBefore = gcCount();
        sampler = new Thread(() -> {
            while (running) {
                max = Math.max(max, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects garbage first, so every measured run starts from the same floor, then starts watching. */
    public static HeapWatch start() {
        System.gc();
        return new HeapWatch();
    }

    public Peak stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        max = Math.max(max, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long sum = pools.stream().mapToLong(p -> p.getPeakUsage() == null ? 0 : p.getPeakUsage().getUsed()).sum();
        return new Peak(max, sum, gcMillis() - gcMillisBefore, gcCount() - gcCountBefore);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(t -> t > 0).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .filter(t -> t > 0).sum();
    }
}
