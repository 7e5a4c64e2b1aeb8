package org.budgethub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires N concurrent GETs of one URL (the dashboard, say) at a running hub and prints the latency's
 * p50, p99 and max, the largest answer and how many failed (an error status, a time-out, a refused
 * connection). HTTP Basic works on the console's GET pages, so no login form is needed.
 *
 * <pre>
 * java -cp target/test-classes org.budgethub.bench.DashboardLoad \
 *     http://localhost:8080/console?year=2026 operator 'password' 200 [rounds=1] [timeoutSeconds=30]
 * </pre>
 * Each round sends all N at once (they start together), and the next round starts when all are answered.
 */
public final class DashboardLoad {

    private DashboardLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("用法：DashboardLoad <url> <user> <password> <concurrent> [rounds=1] [timeoutSeconds=30]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String basic = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        int concurrent = Integer.parseInt(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Duration timeout = Duration.ofSeconds(args.length > 5 ? Long.parseLong(args[5]) : 30);

        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicLong largest = new AtomicLong();
        List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        long began = System.nanoTime();
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(concurrent);
                for (int i = 0; i < concurrent; i++) {
                    pool.submit(() -> {
                        try {
                            start.await();
                            long t0 = System.nanoTime();
                            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).header("Authorization", basic)
                                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                            long ms = (System.nanoTime() - t0) / 1_000_000;
                            latencies.add(ms);
                            largest.accumulateAndGet(response.body().length, Math::max);
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                                note(firstErrors, "HTTP " + response.statusCode());
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            note(firstErrors, e.getClass().getSimpleName() + ": " + e.getMessage());
                        } finally {
                            done.countDown();
                        }
                        return null;
                    });
                }
                start.countDown();
                done.await();
            }
        } finally {
            pool.shutdownNow();
        }
        long wallMs = (System.nanoTime() - began) / 1_000_000;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int total = concurrent * rounds;
        System.out.printf("请求 %d 个（并发 %d × %d 轮），用时 %d 毫秒%n", total, concurrent, rounds, wallMs);
        System.out.printf("有应答 %d 个，无应答（超时、连接被拒）%d 个；出错共 %d 个（含非 200 的应答）%n", sorted.size(), total - sorted.size(),
                errors.get());
        if (!sorted.isEmpty()) {
            System.out.printf("p50 %d 毫秒，p99 %d 毫秒，最长 %d 毫秒；最大应答 %.1f KB%n", percentile(sorted, 50), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1), largest.get() / 1024.0);
        }
        firstErrors.forEach(e -> System.out.println("出错：" + e));
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void note(List<String> errors, String what) {
        synchronized (errors) {
            if (errors.size() < 5) {
                errors.add(what);
            }
        }
    }
}
