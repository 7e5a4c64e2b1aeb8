package org.budgethub.config;

import java.util.function.IntSupplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import org.budgethub.health.CmsHealthIndicator;
import org.budgethub.health.DataSourceHealth;
import org.budgethub.health.FailureExplainer;

/**
 * Actuator health components:
 * <ul>
 *   <li>{@code financeDatabase}: the finance system's database ({@code financeDataSource});</li>
 *   <li>{@code db}: the hub's own database ({@code hubDataSource}) only. Boot's default {@code db}
 *       would be a composite of every data source, finance included and without a time bound; a
 *       bean named {@code dbHealthIndicator} replaces it;</li>
 *   <li>{@code cms}: the website CMS's SFTP server, logged in to and written to as delivery does
 *       ({@link CmsHealthIndicator}). It is in health/, which may not depend on config/ (no cycle
 *       among the packages): it is given the settings, not {@link CmsProperties} itself.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    DataSourceHealth financeDatabaseHealthIndicator(@Qualifier("financeDataSource") DataSource financeDataSource, HubProperties hub,
                                                    FailureExplainer explainer) {
        return new DataSourceHealth(financeDataSource, explainer.finance(), hub.finance().healthTimeoutMs());
    }

    @Bean
    DataSourceHealth dbHealthIndicator(@Qualifier("hubDataSource") DataSource hubDataSource, HubProperties hub,
                                       FailureExplainer explainer) {
        return new DataSourceHealth(hubDataSource, explainer.hub(), hub.database().healthTimeoutMs());
    }

    @Bean
    CmsHealthIndicator cmsHealthIndicator(HubProperties hub, HubInstance instance, Environment environment) {
        CmsProperties cms = hub.cms();
        IntSupplier port = CmsPort.live(environment, cms);
        CmsHealthIndicator.Login login = new CmsHealthIndicator.Login(cms.host(), port, cms.directory(), cms.username(), cms.password(),
                cms.privateKeyFile(), cms.knownHostsFile(), cms.strictHostKeyChecking() == CmsProperties.HostKeyChecking.YES);
        return new CmsHealthIndicator(hub.publish().toCms(), login, cms.healthTimeoutMs(), instance.id(),
                CmsHealthIndicator.REUSE);
    }
}
