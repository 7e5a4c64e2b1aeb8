package org.budgethub.ops;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The hub's own database (runs, tasks, deliveries, users, the schedule), from {@code spring.datasource.*}:
 * an embedded H2 file for the demo, PostgreSQL in production. It is the primary data source, so
 * Flyway and JdbcTemplate use it and never the finance system's, which the hub only reads.
 */
@Configuration(proxyBeanMethods = false)
public class HubDatabaseConfiguration {

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
        ds.setPoolName("hub");
        return ds;
    }
}
