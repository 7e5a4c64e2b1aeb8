package org.budgethub.run.distributed;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

import org.budgethub.config.HubProperties;

/**
 * The broker behind distributed runs: Spring Boot's Artemis connection factory (spring.artemis.*)
 * for Camel's jms component, one message at a time per consumer so that the agencies spread over
 * the instances, and for the embedded broker (the demo) the agency queue's redelivery and
 * dead-letter settings. With hub.run.distributed false nothing here connects anywhere.
 */
@Configuration(proxyBeanMethods = false)
class DistributedRunsConfiguration {

    /** Camel's jms: endpoints use the broker that spring.artemis.* describes. */
    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        return JmsComponent.jmsComponent(connectionFactory);
    }

    /**
     * No prefetching: an Artemis consumer otherwise buffers messages (1 MiB of them) and the first
     * instance to connect would take a whole run's agencies, leaving the others idle; it also keeps a
     * stopping instance from holding agencies it will never start.
     */
    @Bean
    static BeanPostProcessor artemisOneMessageAtATime() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                Object target = bean instanceof CachingConnectionFactory caching ? caching.getTargetConnectionFactory() : bean;
                if (target instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setConsumerWindowSize(0);
                }
                return bean;
            }
        };
    }

    /**
     * The embedded broker (spring.artemis.mode embedded): the agency queue's redeliveries, a little
     * apart, and its dead-letter queue. The hub itself moves a message to the dead-letter queue
     * after hub.run.distributed-max-redeliveries and records its agency FAILED; the broker's own
     * limit, two deliveries later, only catches a message that kills every instance that takes it.
     * An external broker needs the same address settings (README).
     */
    @Bean
    ArtemisConfigurationCustomizer hubAgencyQueue(HubProperties hub) {
        HubProperties.Run run = hub.run();
        return configuration -> configuration.addAddressSetting(run.distributedQueue(), new AddressSettings()
                .setMaxDeliveryAttempts(run.distributedMaxRedeliveries() + 2)
                .setRedeliveryDelay(run.distributedRedeliveryDelayMs().toMillis())
                .setDeadLetterAddress(SimpleString.of(run.distributedDlq()))
                .setAutoCreateDeadLetterResources(false));
    }
}
