package org.budgethub.run.distributed;

import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.budgethub.config.HubProperties;

/**
 * {@code hub_dead_letter_messages}: the messages in the agency queue's dead-letter queue
 * (hub.run.distributed-dlq), counted with a JMS queue browser at scrape time at most once a minute.
 * 0 when runs are not distributed (no broker is reached); NaN when the broker cannot be asked.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMetrics.class);

    @Bean
    @ConditionalOnProperty(name = "hub.metrics.enabled", havingValue = "true", matchIfMissing = true)
    MeterBinder deadLetterMessages(HubProperties hub, ObjectProvider<ConnectionFactory> connectionFactory) {
        boolean distributed = hub.run().distributed();
        String deadLetterQueue = hub.run().distributedDlq();
        AtomicLong readAt = new AtomicLong();
        AtomicReference<Double> depth = new AtomicReference<>(0.0);
        return registry -> Gauge.builder("hub.dead.letter.messages", () -> {
            if (!distributed) {
                return 0.0;
            }
            long now = System.currentTimeMillis();
            if (readAt.get() == 0 || now - readAt.get() > 60_000) {
                depth.set(count(connectionFactory.getObject(), deadLetterQueue));
                readAt.set(now);
            }
            return depth.get();
        }).description("Messages in the dead-letter queue of distributed runs (0 when runs are not distributed)")
                .tag("queue", deadLetterQueue)
                .register(registry);
    }

    static double count(ConnectionFactory factory, String queue) {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            connection.start();
            int n = 0;
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                n++;
            }
            return n;
        } catch (Exception e) {
            LOG.warn("hub_dead_letter_messages：无法查看死信队列 {}：{}", queue, e.getMessage());
            return Double.NaN;
        }
    }
}
