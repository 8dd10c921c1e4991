package io.quarkiverse.jobqueue.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A producer-only application runs no dispatcher: it is live, and ready while its store answers. */
class ProducerOnlyHealthTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("producer-only-health", Handlers.class)
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false");

    @Test
    void liveWithoutDispatchersAndReady() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'job-queue' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'job-queue' }.data.dispatchers", equalTo(0));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'job-queue' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'job-queue' }.data['default.pending']", equalTo(0));
    }

    static class Handlers {
        @JobHandler("noop")
        void noop() {
        }
    }
}
