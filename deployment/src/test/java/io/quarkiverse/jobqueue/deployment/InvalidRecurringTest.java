package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.Recurring;
import io.quarkus.test.QuarkusUnitTest;

/** Each invalid {@code @Recurring} fails the build with its own message: the expression, the reason, the fix. */
class InvalidRecurringTest {

    static final String HANDLERS = Handlers.class.getName();

    /** Per invalid method, what its message says. */
    static final List<List<String>> EXPECTED = List.of(
            List.of("#both() gives both cron \"0 0 2 * * ?\" and every \"5m\": give exactly one"),
            List.of("#neither() gives neither cron nor every"),
            List.of("#badCron() has the invalid cron expression \"0 0 25 * * ?\": ", "e.g. \"0 0 2 * * ?\""),
            List.of("#unknownZone() has the unknown time zone \"Mars/Olympus\"",
                    "use a region such as \"Europe/Paris\""),
            List.of("#notADuration() has every \"soon\", which is not a duration"),
            List.of("#missingPayload(): the handler takes a payload (", "but @Recurring gives none"),
            List.of("#notJson() has a payload that is not JSON"),
            List.of("#notAHandler() is not on a @JobHandler method"));

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("invalid-recurring", Handlers.class, Cleanup.class)
            .assertException(t -> {
                List<String> problems = TestApps.deploymentProblems(t);
                assertThat(problems).hasSize(EXPECTED.size());
                for (List<String> fragments : EXPECTED) {
                    assertThat(problems).anySatisfy(problem -> assertThat(problem)
                            .startsWith("@Recurring on " + HANDLERS + fragments.get(0))
                            .contains(fragments));
                }
            });

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
