package org.budgethub.health;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.boot.actuate.health.Health;


/**
 * A database's health with a bounded wait ({@link BoundedHealth}): borrows a connection and asks
 * the driver whether it is valid ({@link Connection#isValid(int)}, which PostgreSQL answers with a
 * round trip, like {@code SELECT 1}).
 */
public class DataSourceHealth extends BoundedHealth {

    private final DataSource dataSource;
    private final FailureExplainer.Database database;
    private final Duration timeout;

    public DataSourceHealth(DataSource dataSource, FailureExplainer.Database database, Duration timeout) {
        super(database.name(), timeout);
        this.dataSource = dataSource;
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    protected Health check() throws Exception {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!connection.isValid(seconds)) {
                return Health.down().withDetail("database", product).withDetail("error", database.name() + "的连接无效（" + database.url() + "）")
                        .build();
            }
            return Health.up().withDetail("database", product).withDetail("validationQuery", "isValid()").build();
        }
    }

    @Override
    protected String explain(Throwable error) {
        return FailureExplainer.database(error, database);
    }

    @Override
    protected String noAnswer(long timeoutMs) {
        return FailureExplainer.noAnswer(database, timeoutMs);
    }
}
