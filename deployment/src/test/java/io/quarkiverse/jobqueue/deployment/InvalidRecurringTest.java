package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.Recurring;
import io.quarkus.test.QuarkusUnitTest;

/** Each invalid {@code @Recurring} fails the build with its own message: the expression, the reason, the fix. */
class InvalidRecurringTest {

    static final String HANDLERS = Handlers.class.getName();

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("invalid-recurring", Handlers.class, Cleanup.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).hasSize(8).anySatisfy(problem -> assertThat(
                    problem).contains("@Recurring on " + HANDLERS + "#both() gives both cron \"0 0 2 * * ?\" and every "
                            + "\"5m\": give exactly one"))
                    .anySatisfy(problem -> assertThat(problem).contains("@Recurring on " + HANDLERS
                            + "#neither() gives neither cron nor every"))
                    .anySatisfy(problem -> assertThat(problem).contains("@Recurring on " + HANDLERS
                            + "#badCron() has the invalid cron expression \"0 0 25 * * ?\": ")
                            .contains("e.g. \"0 0 2 * * ?\""))
                    .anySatisfy(problem -> assertThat(problem).contains("@Recurring on " + HANDLERS
                            + "#unknownZone() has the unknown time zone \"Mars/Olympus\"")
                            .contains("use a region such as \"Europe/Paris\""))
                    .anySatisfy(problem -> assertThat(problem).contains("@Recurring on " + HANDLERS
                            + "#notADuration() has every \"soon\", which is not a duration"))
                    .anySatisfy(problem -> assertThat(problem).contains("@Recurring on " + HANDLERS
                            + "#missingPayload(): the handler takes a payload (")
                            .contains("but @Recurring gives none"))
                    .anySatisfy(problem -> assertThat(problem).contains("@Recurring on " + HANDLERS
                            + "#notJson() has a payload that is not JSON"))
                    .anySatisfy(problem -> assertThat(problem).contains("@Recurring on " + HANDLERS
                            + "#notAHandler() is not on a @JobHandler method")));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public record Cleanup(int days) {
    }

    static class Handlers {
        @Recurring(cron = "0 0 2 * * ?", every = "5m")
        @JobHandler("both")
        void both() {
        }

        @Recurring
        @JobHandler("neither")
        void neither() {
        }

        @Recurring(cron = "0 0 25 * * ?")
        @JobHandler("bad-cron")
        void badCron() {
        }

        @Recurring(cron = "0 0 2 * * ?", zone = "Mars/Olympus")
        @JobHandler("unknown-zone")
        void unknownZone() {
        }

        @Recurring(every = "soon")
        @JobHandler("not-a-duration")
        void notADuration() {
        }

        @Recurring(every = "1h")
        @JobHandler("missing-payload")
        void missingPayload(Cleanup cleanup) {
        }

        @Recurring(every = "1h", payload = "{days: }")
        @JobHandler("not-json")
        void notJson(Cleanup cleanup) {
        }

        @Recurring(every = "1h")
        void notAHandler() {
        }
    }
}
