package io.quarkiverse.jobqueue.deployment.devui;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.NonRetryableJobException;
import io.quarkiverse.jobqueue.Recurring;
import io.quarkus.runtime.StartupEvent;

/** The application of the Dev UI tests: handlers of each shape the Handlers page shows, and a scheduled job. */
public class DevUiApp {

    static final String SCHEDULED_KEY = "devui-scheduled";

    public record Greeting(String name) {
    }

    @JobHandler(value = "devui-greet", queue = "devui")
    String greet(Greeting greeting) {
        return "Hello " + greeting.name();
    }

    @JobHandler(value = "devui-fail", queue = "devui", maxAttempts = 1)
    void fail(String reason) {
        throw new NonRetryableJobException("devui-fail failed on purpose: " + reason);
    }

    @JobHandler(value = "devui-limited", maxConcurrency = 2, rateLimit = 10, ratePeriod = "1m", timeout = "30s")
    @Recurring(cron = "0 0 3 1 1 ?")
    void limited() {
    }

    @Singleton
    public static class Fixtures {

        @Inject
        JobQueue jobs;

        /** A job that stays SCHEDULED for the whole test, for the cancel test. */
        void enqueue(@Observes StartupEvent event) {
            jobs.enqueue("devui-greet", new Greeting("later"),
                    JobOptions.defaults().delay(Duration.ofHours(1)).uniqueKey(SCHEDULED_KEY));
        }
    }
}
