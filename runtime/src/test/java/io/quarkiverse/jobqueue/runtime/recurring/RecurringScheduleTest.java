package io.quarkiverse.jobqueue.runtime.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.cronutils.model.CronType;

class RecurringScheduleTest {

    private static final String SOURCE = "@Recurring on org.acme.Jobs#run()";

    @Test
    void everyTicksOnMultiplesOfThePeriodSinceTheEpoch() {
        RecurringSchedule every = RecurringSchedule.parse(SOURCE, null, "5m", "UTC", CronType.QUARTZ);

        Instant at = Instant.parse("2026-11-22T23:07:30Z");
        assertThat(every.next(at)).isEqualTo(Instant.parse("2026-11-22T23:10:00Z"));
        assertThat(every.last(at)).isEqualTo(Instant.parse("2026-11-22T23:05:00Z"));
        Instant onATick = Instant.parse("2026-11-22T23:10:00Z");
        assertThat(every.next(onATick)).as("strictly after").isEqualTo(Instant.parse("2026-11-22T23:15:00Z"));
        assertThat(every.last(onATick)).as("at or before").isEqualTo(onATick);
        assertThat(RecurringSchedule.parse(SOURCE, "", "PT1H", "UTC", CronType.QUARTZ).next(at))
                .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void cronTicksInItsZone() {
        RecurringSchedule cron = RecurringSchedule.parse(SOURCE, "0 0 2 * * ?", null, "Europe/Paris", CronType.QUARTZ);

        Instant at = Instant.parse("2026-11-22T12:00:00Z");
        assertThat(cron.next(at)).isEqualTo(Instant.parse("2026-11-23T01:00:00Z"));
        assertThat(cron.last(at)).isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
        assertThat(cron.last(Instant.parse("2026-11-22T01:00:00Z"))).as("a tick at the instant counts")
                .isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
    }

    @Test
    void badSchedulesNameTheSourceTheValueAndTheFix() {
        assertThatThrownBy(() -> RecurringSchedule.parse(SOURCE, "0 0 2 * * ?", "5m", "UTC", CronType.QUARTZ))
                .hasMessage(SOURCE + " gives both cron \"0 0 2 * * ?\" and every \"5m\": give exactly one, e.g. "
                        + "cron = \"0 0 2 * * ?\" or every = \"5m\"");
        assertThatThrownBy(() -> RecurringSchedule.parse(SOURCE, " ", "", "UTC", CronType.QUARTZ))
                .hasMessageStartingWith(SOURCE + " gives neither cron nor every");
        assertThatThrownBy(() -> RecurringSchedule.parse(SOURCE, "0 0 2 * *", null, "UTC", CronType.QUARTZ))
                .hasMessageStartingWith(SOURCE + " has the invalid cron expression \"0 0 2 * *\": ");
        assertThatThrownBy(() -> RecurringSchedule.parse(SOURCE, "0 0 2 * * ?", null, "Nowhere/City", CronType.QUARTZ))
                .hasMessageStartingWith(SOURCE + " has the unknown time zone \"Nowhere/City\"");
        assertThatThrownBy(() -> RecurringSchedule.parse(SOURCE, null, "five minutes", "UTC", CronType.QUARTZ))
                .hasMessageStartingWith(SOURCE + " has every \"five minutes\", which is not a duration");
        assertThatThrownBy(() -> RecurringSchedule.parse(SOURCE, null, "500ms", "UTC", CronType.QUARTZ))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecurringSchedule.parse(SOURCE, null, "PT0.5S", "UTC", CronType.QUARTZ))
                .hasMessageContaining("shorter than the one second the Quarkus Scheduler can tick");
    }
}
