package io.quarkiverse.jobqueue.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.job-queue.health.enabled=false} and {@code quarkus.job-queue.metrics.enabled=false}: SmallRye Health
 * and Micrometer are present, but no job-queue check and no job_queue metric is registered.
 */
class ObservabilityDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("observability-disabled", Handlers.class)
            .overrideConfigKey("quarkus.job-queue.health.enabled", "false")
            .overrideConfigKey("quarkus.job-queue.metrics.enabled", "false");

    @Test
    void noCheckAndNoMetric() {
        for (String check : new String[] { "ready", "live" }) {
            String health = given().get("/q/health/" + check).then().statusCode(200).extract().asString();
            assertThat(health).as("/q/health/%s", check).doesNotContain("job-queue");
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_").doesNotContain("job_queue");
    }

    static class Handlers {
        @JobHandler("noop")
        void noop() {
        }
    }
}
