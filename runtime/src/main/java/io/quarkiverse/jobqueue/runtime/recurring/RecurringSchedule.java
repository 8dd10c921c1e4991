package io.quarkiverse.jobqueue.runtime.recurring;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * When a recurring job's ticks fall: the instants of a cron expression in a zone, or the multiples of a period since
 * the epoch, which every instance computes alike. Parsed by the build (annotations) and at start-up (configuration)
 * with the cron library and syntax of the Quarkus Scheduler.
 */
public sealed interface RecurringSchedule {

    /** The first tick strictly after {@code instant}, or {@code null} when there is none. */
    Instant next(Instant instant);

    /** The last tick at or before {@code instant}, or {@code null} when there is none. */
    Instant last(Instant instant);

    /** The Quarkus Scheduler trigger's interval for {@code every}, or {@code null} for a cron trigger. */
    String triggerInterval();

    /**
     * Parses exactly one of {@code cron} and {@code every} (the other {@code null} or empty).
     *
     * @param source where the values come from, for messages: {@code @Recurring on org.acme.Reports#nightly}
     * @throws IllegalArgumentException naming the expression, the reason and the fix
     */
    static RecurringSchedule parse(String source, String cron, String every, String zone, CronType cronType) {
        boolean hasCron = cron != null && !cron.isBlank();
        boolean hasEvery = every != null && !every.isBlank();
        if (hasCron == hasEvery) {
            throw new IllegalArgumentException(source + " " + (hasCron ? "gives both cron \"" + cron
                    + "\" and every \"" + every + "\"" : "gives neither cron nor every")
                    + ": give exactly one, e.g. cron = \"0 0 2 * * ?\" or every = \"5m\"");
        }
        return hasCron ? Cron.parse(source, cron.trim(), zone, cronType) : Every.parse(source, every.trim());
    }

    /** The ticks of a cron expression in a time zone. */
    record Cron(String expression, ZoneId zone, ExecutionTime times) implements RecurringSchedule {

        static Cron parse(String source, String expression, String zone, CronType cronType) {
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(source + " has the unknown time zone \"" + zone + "\" ("
                        + e.getMessage() + "): use a region such as \"Europe/Paris\" or \"UTC\"", e);
            }
            try {
                CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(cronType));
                return new Cron(expression, zoneId, ExecutionTime.forCron(parser.parse(expression).validate()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " has the invalid cron expression \"" + expression
                        + "\": " + e.getMessage() + ". Use the " + cronType + " syntax of quarkus.scheduler.cron-type, "
                        + "e.g. \"0 0 2 * * ?\" for 02:00 every day", e);
            }
        }

        @Override
        public Instant next(Instant instant) {
            return times.nextExecution(ZonedDateTime.ofInstant(instant, zone)).map(ZonedDateTime::toInstant)
                    .orElse(null);
        }

        @Override
        public Instant last(Instant instant) {
            // lastExecution is strictly before: look from just after the instant so that a tick at it counts.
            return times.lastExecution(ZonedDateTime.ofInstant(instant.plusMillis(1), zone))
                    .map(ZonedDateTime::toInstant).orElse(null);
        }

        @Override
        public String triggerInterval() {
            return null;
        }
    }

    /** Ticks at the multiples of a period since the epoch, so that every instance agrees on them. */
    record Every(Duration period) implements RecurringSchedule {

        static Every parse(String source, String every) {
            Duration period;
            try {
                // The Quarkus syntax: "5m" is "PT5m"; ISO-8601 otherwise.
                period = Duration.parse(Character.isDigit(every.charAt(0)) ? "PT" + every : every);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(source + " has every \"" + every + "\", which is not a duration: "
                        + "use a number and a unit, such as \"30s\", \"5m\" or \"1h\", or ISO-8601 such as "
                        + "\"PT1H\"", e);
            }
            if (period.toMillis() < 1000) {
                throw new IllegalArgumentException(source + " has every \"" + every + "\", shorter than the one "
                        + "second the Quarkus Scheduler can tick: use \"1s\" or more");
            }
            return new Every(period);
        }

        @Override
        public Instant next(Instant instant) {
            long millis = period.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis + millis);
        }

        @Override
        public Instant last(Instant instant) {
            long millis = period.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
        }

        /** Half the period (at least a second), so that every tick is enqueued ahead even when the trigger drifts. */
        @Override
        public String triggerInterval() {
            return Duration.ofMillis(Math.max(1000, period.toMillis() / 2)).toString();
        }
    }
}
