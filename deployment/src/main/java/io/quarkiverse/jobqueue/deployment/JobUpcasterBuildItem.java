package io.quarkiverse.jobqueue.deployment;

import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/** One valid {@code @JobUpcaster} method and the invoker generated for it. */
public final class JobUpcasterBuildItem extends MultiBuildItem {

    final String type;
    final int from;
    final String target;
    final InvokerInfo invoker;

    JobUpcasterBuildItem(String type, int from, String target, InvokerInfo invoker) {
        this.type = type;
        this.from = from;
        this.target = target;
        this.invoker = invoker;
    }
}
