package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.ExampleApi.awaitState;
import static io.quarkiverse.jobqueue.it.ExampleApi.enqueue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * {@link RunningJobsTest} against the packaged example: progress and a returned record stored as the result, and the
 * cancellation of a running job.
 */
@QuarkusIntegrationTest
@WithTestResource(ExampleAppOptions.class)
class RunningJobsIT {

    @Test
    void progressAndTheReturnedRecordAreStored() {
        String id = enqueue("export-orders", "2");

        JsonPath done = awaitState(id, "SUCCEEDED");

        assertThat(done.getString("result")).isEqualTo("{\"orders\":2,\"file\":\"exports/orders-" + id + ".csv\"}");
        assertThat(done.getLong("progress.done")).isEqualTo(2);
        assertThat(done.getLong("progress.total")).isEqualTo(2);
        assertThat(done.getString("progress.message")).isEqualTo("exported order 2");
    }

    @Test
    void aRunningJobIsCancelled() {
        String id = enqueue("export-orders", "120");
        awaitState(id, "RUNNING");

        assertThat(given().post("/jobs/" + id + "/cancel").then().statusCode(200).extract().asString())
                .isEqualTo("true");

        JsonPath cancelled = awaitState(id, "CANCELLED");
        assertThat(cancelled.getString("cancelRequestedAt")).isNotNull();
        assertThat(cancelled.getList("attempts")).as("a cancellation is no failed attempt").isEmpty();
    }
}
