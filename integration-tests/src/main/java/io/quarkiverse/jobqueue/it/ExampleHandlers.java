package io.quarkiverse.jobqueue.it;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;

/**
 * The example's handlers: one that succeeds, one that fails twice before it succeeds, one that always fails and ends
 * DEAD, and one that reports its progress and returns a result. No scope annotation is needed: a class with handlers
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
