package org.budgethub.publish;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Prometheus metrics of deliveries to the CMS:
 * <ul>
 *   <li>{@code hub_deliveries_failed_total}: deliveries that ended FAILED, counted by {@link DeliveryRecords}
 *       as it writes FAILED (a send or release that failed, a send cut off by a stop, one taken over from an
 *       instance that went down);</li>
 *   <li>{@code hub_reviews_waiting}: versions AWAITING_REVIEW, a COUNT read at scrape time at most once a minute.</li>
 * </ul>
 */
public class PublishMetrics {

    private final Counter failed;

    public PublishMetrics(MeterRegistry registry, DeliveryRecords records) {
        this.failed = Counter.builder("hub.deliveries.failed")
                .description("Deliveries to the CMS that ended FAILED")
                .register(registry);
        if (records != null) {
            AtomicLong readAt = new AtomicLong();
            AtomicInteger waiting = new AtomicInteger();
            Gauge.builder("hub.reviews.waiting", () -> {
                long now = System.currentTimeMillis();
                if (now - readAt.get() > 60_000) {
                    waiting.set(records.awaitingReviewCount());
                    readAt.set(now);
                }
                return waiting.get();
            }).description("Versions awaiting review (先审后发)").register(registry);
        }
    }

    /** A recorder whose meters go nowhere: hub.metrics.enabled=false, and tests. */
    static PublishMetrics none() {
        return new PublishMetrics(new CompositeMeterRegistry(), null);
    }

    void deliveriesFailed(int count) {
        if (count > 0) {
            failed.increment(count);
        }
    }
}
