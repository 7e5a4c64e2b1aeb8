package org.budgethub.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.budgethub.support.FinanceDatabase;

/**
 * The docker demo's finance database account (docker/finance-db/10-hub-reader.sql) on a real
 * PostgreSQL loaded as the finance-db container loads it (the demo's four scripts, then the file, as
 * the owner): {@code hub_reader}, the hub's user there, reads every finance table and can change
 * nothing: no INSERT, UPDATE, DELETE, TRUNCATE or CREATE, even with its read-only default switched off.
 */
class FinanceReaderIT {

    private static final List<String> TABLES = List.of("ele_exp_func", "ele_dep_bgt_eco", "ele_fund_type", "bas_agency", "bgt_project",
            "bgt_perf_indicator", "bgt_appropriation", "bgt_ledger", "bgt_procurement", "ast_vehicle");
    private static FinanceDatabase finance;
    private static String url;

    @BeforeAll
    static void loadedAsTheContainerLoadsIt() throws Exception {
        finance = FinanceDatabase.create("demo/seed-unit.sql", "demo/finance-demo-agencies.sql", "demo/finance-demo-department.sql");
        // The file whole, as psql runs it, as the database's owner.
        try (Connection owner = finance.dataSource().getConnection(); Statement s = owner.createStatement()) {
            s.execute(Files.readString(Path.of("docker/finance-db/10-hub-reader.sql")));
        }
        url = finance.jdbcUrl().replaceFirst("\\?.*$", "");
    }

    @Test
    void hubReaderReadsEveryFinanceTable() throws Exception {
        try (Connection reader = reader(); Statement s = reader.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rows.next()).isTrue();
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM bas_agency WHERE fiscal_year = 2026")) {
                rows.next();
                assertThat(rows.getInt(1)).as("the demo's agencies").isGreaterThanOrEqualTo(6);
            }
        }
    }

    @Test
    void hubReaderSessionsAreReadOnly() throws Exception {
        try (Connection reader = reader(); Statement s = reader.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM bgt_ledger"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        }
    }

    @Test
    void hubReaderMayChangeNothingEvenInAReadWriteSession() throws Exception {
        try (Connection reader = reader(); Statement s = reader.createStatement()) {
            s.execute("SET default_transaction_read_only = off");
            for (String change : List.of(
                    "INSERT INTO ele_fund_type (code, name) VALUES ('99', 'x')",
                    "UPDATE bas_agency SET agency_name = 'x'",
                    "DELETE FROM bgt_ledger",
                    "TRUNCATE bgt_ledger",
                    "CREATE TABLE public.hub_scratch (id INTEGER)",
                    "CREATE SCHEMA hub_scratch",
                    "CREATE ROLE hub_scratch",
                    "ALTER TABLE bas_agency ADD COLUMN x INTEGER")) {
                assertThatThrownBy(() -> s.execute(change)).as(change)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(change + ": " + e.getMessage())
                                .isEqualTo("42501"));
            }
        }
    }

    @Test
    void aTableTheOwnerAddsLaterIsReadableToo() throws Exception {
        try (Connection owner = finance.dataSource().getConnection(); Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE bgt_later (id INTEGER)");
            s.execute("INSERT INTO bgt_later VALUES (1)");
        }
        try (Connection reader = reader(); Statement s = reader.createStatement(); ResultSet rows = s.executeQuery("SELECT id FROM bgt_later")) {
            assertThat(rows.next()).isTrue();
        }
    }

    /** 11-hub-reader-password.sh sets the password through psql's quoting; psql is not needed elsewhere, so this one may skip. */
    @Test
    void thePasswordScriptSetsAnyPasswordThroughPsql() throws Exception {
        boolean psql = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> new File(d, "psql").canExecute());
        assumeTrue(psql, "psql is not on the PATH (apt-get install postgresql-client)");
        String hostAndPort = url.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
        String database = url.replaceFirst("^.*/", "");
        ProcessBuilder builder = new ProcessBuilder("sh", "docker/finance-db/11-hub-reader-password.sh").redirectErrorStream(true);
        builder.environment().put("PGHOST", hostAndPort.split(":")[0]);
        builder.environment().put("PGPORT", hostAndPort.split(":")[1]);
        builder.environment().put("POSTGRES_USER", "postgres");
        builder.environment().put("POSTGRES_DB", database);
        builder.environment().put("HUB_READER_PASSWORD", "it's a \"quoted\" :'pass'; word");
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(script.exitValue()).as(output).isZero();
        try (Connection owner = finance.dataSource().getConnection(); Statement s = owner.createStatement();
             ResultSet rows = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'hub_reader'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isNotBlank();
        }
    }

    private static Connection reader() throws SQLException {
        return DriverManager.getConnection(url, "hub_reader", "unused: the test server trusts local connections");
    }
}
