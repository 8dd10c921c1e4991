package io.quarkiverse.jobqueue.it;

import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;

/**
 * The example's handlers: one that succeeds, one that fails twice before it succeeds, one that always fails and ends
 * DEAD, one that ends DEAD during a simulated outage and succeeds when replayed after it, and one that reports its
 * progress and returns a result. No scope annotation is needed: a class with handlers
 * becomes a singleton bean.
 */
public class ExampleHandlers {

    private static final Logger LOG = Logger.getLogger(ExampleHandlers.class);

    @JobHandler("send-welcome-email")
    void sendWelcomeEmail(WelcomeEmail email, JobContext context) {
        LOG.infof("Sent the welcome email to %s (user %d)", email.address(), email.userId());
    }

    @JobHandler(value = "generate-report", maxAttempts = 5)
    void generateReport(String reportName, JobContext context) {
        if (context.attempt() < 3) {
            throw new IllegalStateException("the report service is warming up (attempt " + context.attempt() + ")");
        }
        LOG.infof("Generated report %s on attempt %d", reportName, context.attempt());
    }

    @JobHandler(value = "charge-card", maxAttempts = 3)
    void chargeCard(String cardToken) {
        throw new IllegalStateException("the payment gateway declined card " + cardToken);
    }

    /**
     * The inventory service is down for the first {@value #INVENTORY_OUTAGE_CALLS} calls after start-up (a simulated
     * outage), which is as many attempts as a job of this type gets: the demo's job ends DEAD, and replaying it (in
     * the Dev UI's dead letters, or POST /jobs/{id}/replay) succeeds because the outage is over by then.
     */
    static final int INVENTORY_OUTAGE_CALLS = 2;
    private final AtomicInteger inventoryCalls = new AtomicInteger();

    @JobHandler(value = "sync-inventory", maxAttempts = INVENTORY_OUTAGE_CALLS)
    void syncInventory(String warehouse, JobContext context) {
        int call = inventoryCalls.incrementAndGet();
        if (call <= INVENTORY_OUTAGE_CALLS) {
            throw new IllegalStateException("the inventory service is unavailable (simulated outage, call " + call
                    + " of the first " + INVENTORY_OUTAGE_CALLS + " since start-up)");
        }
        LOG.infof("Synchronised the inventory of %s on attempt %d", warehouse, context.attempt());
    }

    public record ExportSummary(int orders, String file) {
    }

    /** Visible while it runs in {@code GET /jobs/{id}} (progress), then its result; cancellable with POST .../cancel. */
    @JobHandler(value = "export-orders", timeout = "1m")
    ExportSummary exportOrders(int orders, JobContext context) throws InterruptedException {
        for (int done = 1; done <= orders; done++) {
            Thread.sleep(500);
            context.progress(done, orders, "exported order " + done);
        }
        return new ExportSummary(orders, "exports/orders-" + context.id() + ".csv");
    }
}
