package io.quarkiverse.jobqueue.deployment.devui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.quarkiverse.jobqueue.deployment.JobHandlerBuildItem;
import io.quarkiverse.jobqueue.deployment.RecurringBuildItem;
import io.quarkiverse.jobqueue.runtime.devui.JobQueueJsonRPCService;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringMetadata;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The extension's Dev UI card (dev mode only): handlers from build-time data, and queues, jobs and dead letters
 * through {@link JobQueueJsonRPCService}.
 */
public class JobQueueDevUIProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(List<JobHandlerBuildItem> handlers, List<RecurringBuildItem> recurring) {
        CardPageBuildItem card = new CardPageBuildItem();
        List<Map<String, Object>> handlerData = handlerData(handlers, recurring);
        card.addBuildTimeData("handlers", handlerData);
        card.addBuildTimeData("queues", new ArrayList<>(new TreeSet<>(handlers.stream()
                .map(JobHandlerBuildItem::queue).toList())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Handlers")
                .icon("font-awesome-solid:gears")
                .componentLink("qwc-job-queue-handlers.js")
                .staticLabel(String.valueOf(handlerData.size())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Queues")
                .icon("font-awesome-solid:layer-group")
                .componentLink("qwc-job-queue-queues.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Jobs")
                .icon("font-awesome-solid:list-check")
                .componentLink("qwc-job-queue-jobs.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Dead letters")
                .icon("font-awesome-solid:skull-crossbones")
                .componentLink("qwc-job-queue-dead-letters.js"));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(JobQueueJsonRPCService.class);
    }

    /** One entry per handler, by type: what the build found, with its schedule and limits where it has them. */
    static List<Map<String, Object>> handlerData(List<JobHandlerBuildItem> handlers,
            List<RecurringBuildItem> recurring) {
        Map<String, RecurringMetadata> schedules = recurring.stream().map(RecurringBuildItem::definition)
                .collect(Collectors.toMap(RecurringMetadata::getType, Function.identity(), (a, b) -> a));
        List<Map<String, Object>> data = new ArrayList<>();
        for (JobHandlerBuildItem handler : handlers.stream().sorted(Comparator.comparing(JobHandlerBuildItem::type))
                .toList()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", handler.type());
            entry.put("method", handler.target());
            entry.put("bean", handler.method().declaringClass().name().toString());
            entry.put("queue", handler.queue());
            entry.put("maxAttempts", handler.maxAttempts());
            entry.put("payloadType", handler.payloadType() == null ? null : handler.payloadType().toString());
            entry.put("version", handler.version());
            entry.put("timeout", text(handler.timeout()));
            TypeLimit limit = handler.limit();
            entry.put("maxConcurrency", limit == null ? 0 : limit.maxConcurrency());
            entry.put("rateLimit", limit == null ? 0 : limit.rateLimit());
            entry.put("ratePeriod", limit == null ? null : text(limit.ratePeriod()));
            RecurringMetadata schedule = schedules.get(handler.type());
            entry.put("recurring", schedule == null ? null : schedule(schedule));
            data.add(entry);
        }
        return data;
    }

    private static String schedule(RecurringMetadata schedule) {
        String when = schedule.getCron() != null ? "cron " + schedule.getCron() + " (" + schedule.getZone() + ")"
                : "every " + schedule.getEvery();
        return schedule.getPayload() == null ? when : when + ", payload " + schedule.getPayload();
    }

    private static String text(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
