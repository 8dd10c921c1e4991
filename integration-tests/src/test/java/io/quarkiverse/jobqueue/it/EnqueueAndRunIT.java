package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.ExampleApi.awaitState;
import static io.quarkiverse.jobqueue.it.ExampleApi.enqueue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * {@link EnqueueAndRunTest} and {@link JobsResourceTest} against the packaged example: a record payload read by
 * Jackson, a job that succeeds after retries, and jobs returned as JSON.
 */
@QuarkusIntegrationTest
@WithTestResource(ExampleAppOptions.class)
class EnqueueAndRunIT {

    @Test
    void aRecordPayloadRoundTripsAndTheJobSucceeds() {
        String id = enqueue("send-welcome-email", "{\"userId\":7,\"address\":\"it@example.com\"}");

        JsonPath done = awaitState(id, "SUCCEEDED");

        assertThat(done.getString("type")).isEqualTo("send-welcome-email");
        assertThat(done.getInt("attempt")).isEqualTo(1);
        assertThat(done.getString("payload")).isEqualTo("{\"userId\":7,\"address\":\"it@example.com\"}");
        assertThat(done.getString("finishedAt")).isNotNull();
    }

    @Test
    void aFailingJobIsRetriedAndItsFailedAttemptsAreKept() {
        String id = enqueue("generate-report", "\"monthly-sales\"");

        JsonPath done = awaitState(id, "SUCCEEDED");

        assertThat(done.getInt("attempt")).isEqualTo(3);
        assertThat(done.getList("attempts.attempt", Integer.class)).containsExactly(1, 2);
        assertThat(done.getString("attempts[0].error")).contains("the report service is warming up (attempt 1)");
        assertThat(done.getString("attempts[0].stackTrace")).contains("ExampleHandlers.generateReport");
    }

    @Test
    void jobsAndTheirCountsAreListed() {
        String id = enqueue("send-welcome-email", "{\"userId\":8,\"address\":\"list@example.com\"}");
        awaitState(id, "SUCCEEDED");

        given().get("/jobs").then().statusCode(200).body("id", hasItem(id));
        given().get("/jobs/stats").then().statusCode(200).body("SUCCEEDED", notNullValue()).body("DEAD",
                notNullValue());
    }
}
