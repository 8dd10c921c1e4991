package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.Recurring;
import io.quarkus.test.QuarkusUnitTest;

/** Invalid {@code quarkus.job-queue.recurring.*} configuration fails start-up, naming every bad key and why. */
class InvalidRecurringConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("invalid-recurring-configuration", Handlers.class)
            .overrideConfigKey("quarkus.job-queue.recurring.\"nightly\".cron", "0 0 2 * *")
            .overrideConfigKey("quarkus.job-queue.recurring.\"hourly\".every", "1 hour")
            .overrideConfigKey("quarkus.job-queue.recurring.\"both\".cron", "0 0 2 * * ?")
            .overrideConfigKey("quarkus.job-queue.recurring.\"both\".every", "5m")
            .overrideConfigKey("quarkus.job-queue.recurring.\"nightlly\".enabled", "false")
            .assertException(t -> assertThat(TestApps.messages(t))
                    .contains("Invalid recurring jobs:")
                    .contains("quarkus.job-queue.recurring.\"nightly\" has the invalid cron expression \"0 0 2 * *\"")
                    .contains("quarkus.job-queue.recurring.\"hourly\" has every \"1 hour\", which is not a duration")
                    .contains("quarkus.job-queue.recurring.\"both\" gives both cron \"0 0 2 * * ?\" and every \"5m\"")
                    .contains("quarkus.job-queue.recurring.\"nightlly\" configures a job type that has no @Recurring "
                            + "@JobHandler here")
                    .contains("recurring types: [both, hourly, nightly]"));

    @Test
    void startFails() {
        fail("Start-up should have failed");
    }

    static class Handlers {
        @Recurring(cron = "0 0 2 * * ?")
        @JobHandler("nightly")
        void nightly() {
        }

        @Recurring(every = "1h")
        @JobHandler("hourly")
        void hourly() {
        }

        @Recurring(every = "1h")
        @JobHandler("both")
        void both() {
        }
    }
}
