package io.quarkiverse.jobqueue.deployment;

import io.quarkiverse.jobqueue.runtime.recurring.RecurringMetadata;
import io.quarkus.builder.item.MultiBuildItem;

/** One valid {@code @Recurring} handler. */
public final class RecurringBuildItem extends MultiBuildItem {

    private final RecurringMetadata definition;

    RecurringBuildItem(RecurringMetadata definition) {
        this.definition = definition;
    }

    public RecurringMetadata definition() {
        return definition;
    }
}
