package org.budgethub.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import org.budgethub.health.FailureExplainer;

/**
 * The hub's own database (runs, tasks, deliveries, users, the schedule), from {@code spring.datasource.*}:
 * an embedded H2 file for the demo, PostgreSQL in production. It is the primary data source, so
 * Flyway and JdbcTemplate use it and never the finance system's, which the hub only reads.
 */
@Configuration(proxyBeanMethods = false)
class HubDatabaseConfiguration {

    static final String POOL = "hub";

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties hubDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource hubDataSource(DataSourceProperties hubDataSourceProperties) {
        HikariDataSource ds = hubDataSourceProperties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        ds.setPoolName(POOL);
        return ds;
    }

    /**
     * The hub's JdbcTemplate (Boot's own backs off): every SQL error it sees is marked as the hub
     * database's, so a statement failing in any stage is never blamed on the finance database.
     */
    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(@Qualifier("hubDataSource") HikariDataSource hubDataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(hubDataSource);
        SQLExceptionTranslator translator = jdbc.getExceptionTranslator();
        jdbc.setExceptionTranslator((task, sql, ex) -> {
            ex.addSuppressed(new FailureExplainer.From(POOL));
            return translator.translate(task, sql, ex);
        });
        return jdbc;
    }

    /** How failures name the hub's database: its pool's name is in every Hikari message about it. */
    @Bean
    FailureExplainer failureExplainer(HubProperties hub, @Qualifier("hubDataSource") HikariDataSource hubDataSource) {
        HubProperties.Finance f = hub.finance();
        return new FailureExplainer(new FailureExplainer.Database("财政数据库", f.url(), (int) f.connectTimeoutMs().toMillis(), (int) f.socketTimeoutMs().toMillis(),
                FinanceDataSourceConfiguration.POOL),
                new FailureExplainer.Database("中枢数据库", hubDataSource.getJdbcUrl(), (int) hubDataSource.getConnectionTimeout(), 0, POOL));
    }
}
