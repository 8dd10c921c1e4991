package io.quarkiverse.jobqueue.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/** The store this application keeps its jobs in. */
final class SelectedStoreBuildItem extends SimpleBuildItem {

    private final StoreSelection store;

    SelectedStoreBuildItem(StoreSelection store) {
        this.store = store;
    }

    StoreSelection store() {
        return store;
    }
}
