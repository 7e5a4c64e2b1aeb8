package org.budgethub.ops.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import org.budgethub.ops.FailureExplainer;

/**
 * A database's health with a bounded wait: borrows a connection and asks the driver whether it
 * is valid ({@link Connection#isValid(int)}, which PostgreSQL answers with a round trip, like
 * {@code SELECT 1}). A pool waits up to its connection timeout (30 s) for a database that does
 * not answer, so the check runs on its own thread and the answer is DOWN after {@code timeout}.
 * A check still hanging is shared by the next calls, so a dead database never piles up threads.
 */
public class DataSourceHealth implements HealthIndicator, AutoCloseable {

    private final DataSource dataSource;
    private final FailureExplainer.Database database;
    private final Duration timeout;
    private final ExecutorService executor;
    private CompletableFuture<Health> inFlight;

    public DataSourceHealth(DataSource dataSource, FailureExplainer.Database database, Duration timeout) {
        this.dataSource = dataSource;
        this.database = database;
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "health-" + database.name());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::check, executor);
            }
            check = inFlight;
        }
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", FailureExplainer.database(e.getCause(), database)).build();
        }
    }

    private Health check() {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        try (Connection connection = dataSource.getConnection()) {
            String database = connection.getMetaData().getDatabaseProductName();
            if (!connection.isValid(seconds)) {
                return Health.down().withDetail("database", database).withDetail("error", "the connection is not valid").build();
            }
            return Health.up().withDetail("database", database).withDetail("validationQuery", "isValid()").build();
        } catch (Exception e) {
            return Health.down().withDetail("error", FailureExplainer.database(e, database)).build();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
