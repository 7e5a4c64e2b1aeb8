package org.budgethub.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health check that answers within its time-out whatever the system it asks does: the check
 * runs on its own thread and the answer is DOWN after {@code timeout}. A pool waits up to its
 * connection timeout (30 s) for a database that refuses or stalls, and a load balancer's probe
 * must not. A check still hanging is shared by the next calls, so a dead system never piles up threads.
 */
public abstract class BoundedHealth implements HealthIndicator, AutoCloseable {

    private final Duration timeout;
    private final ExecutorService executor;
    private CompletableFuture<Health> inFlight;

    protected BoundedHealth(String name, Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "health-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The check itself; it may block and throw. */
    protected abstract Health check() throws Exception;

    /** The reason in Chinese, naming the system, for an error of the check. */
    protected abstract String explain(Throwable error);

    /** The reason in Chinese when the check has not answered within {@code timeoutMs}. */
    protected abstract String noAnswer(long timeoutMs);

    /** The answer, before its error, when the check failed or did not answer: DOWN unless the system is not the hub's own. */
    protected Health.Builder failed() {
        return Health.down();
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::checked, executor);
            }
            check = inFlight;
        }
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failed().withDetail("error", noAnswer(timeout.toMillis())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed().withDetail("error", "健康检查被中断").build();
        } catch (ExecutionException e) {
            return failed().withDetail("error", explain(e.getCause())).build();
        }
    }

    private Health checked() {
        try {
            return check();
        } catch (Exception e) {
            return failed().withDetail("error", explain(e)).build();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
