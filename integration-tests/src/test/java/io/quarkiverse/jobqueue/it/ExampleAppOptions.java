package io.quarkiverse.jobqueue.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The packaged example, run by the {@code *IT} tests, without its demo jobs: the tests enqueue their own. */
public class ExampleAppOptions implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("example.demo.enabled", "false");
    }

    @Override
    public void stop() {
    }
}
