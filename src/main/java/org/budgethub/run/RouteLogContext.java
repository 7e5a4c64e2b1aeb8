package org.budgethub.run;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.springframework.stereotype.Component;

import org.budgethub.config.LogContext;
import org.budgethub.model.AgencyWork;

/**
 * The log's run and agency ({@link LogContext}) inside the routes: every step of every route runs
 * with them set from its exchange (property {@code run}, the {@link RunContext}; property
 * {@code work}, the {@link AgencyWork}; the names journey.RouteNames gives them) and put back as they
 * were when the step returns. The values travel with the exchange, not with a thread, so they hold on
 * every thread a step runs on (the agencies' pool of a parallel split, the thread a run goes on with
 * after it, a broker's consumer) and are never left behind on a pooled thread. Camel finds this bean
 * in the registry and wraps each route's steps with it ("Adding custom InterceptStrategy" at start-up).
 *
 * <p>Camel's own MDC logging ({@code camel.main.use-mdc-logging} with {@code mdc-logging-keys-pattern})
 * is not needed for these keys and is off. Checked with Camel 4.17: it copies the keys some code put on
 * the thread into a parallel split's tasks, but never takes them off the pool's threads again, and the
 * agency would still have to be put and taken off by hand inside each journey.
 */
@Component
public class RouteLogContext implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                try (LogContext ignored = of(exchange)) {
                    return processor.process(exchange, callback);
                }
            }
        };
    }

    static LogContext of(Exchange exchange) {
        Long run = exchange.getProperty("run") instanceof RunContext r ? r.runId() : null;
        String agency = exchange.getProperty("work") instanceof AgencyWork w ? w.agency() : null;
        return LogContext.of(run, agency);
    }
}
