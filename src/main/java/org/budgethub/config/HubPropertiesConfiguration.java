package org.budgethub.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds and checks {@code hub.*} (HubProperties), with nothing else: a test starts it alone. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubProperties.class)
class HubPropertiesConfiguration {

    /** Static: the binder asks for its converters before this configuration's instance exists. */
    @Bean
    @ConfigurationPropertiesBinding
    static ExactSpelling hubExactSpelling() {
        return new ExactSpelling();
    }
}
