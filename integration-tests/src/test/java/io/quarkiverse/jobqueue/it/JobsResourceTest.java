package io.quarkiverse.jobqueue.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The example's HTTP view returns jobs as JSON: a {@code JobInfo}, its {@code JobId} as a string. */
@QuarkusTest
@QuarkusTestResource(value = PostgresSchema.class, restrictToAnnotatedClass = false)
class JobsResourceTest {

    @Inject
    JobQueue jobs;

    @Test
    void aJobAndTheListOfJobsAreJson() {
        JobId id = jobs.enqueue("it-order", new TestHandlers.Order("rest-1", List.of("a"), Map.of("a", 1)));
        Jobs.awaitState(jobs, id, JobState.SUCCEEDED);

        given().get("/jobs/" + id).then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("state", equalTo("SUCCEEDED"));
        given().get("/jobs").then().statusCode(200)
                .body("id", hasItem(id.toString()));
    }
}
