package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.ExampleApi.awaitState;
import static io.quarkiverse.jobqueue.it.ExampleApi.enqueue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

/** {@link RetryAndDeadLetterTest} against the packaged example: a job that always fails ends DEAD, replays, deletes. */
@QuarkusIntegrationTest
@WithTestResource(ExampleAppOptions.class)
class RetryAndDeadLetterIT {

    @Test
    void aJobThatAlwaysFailsEndsDeadWithItsHistoryAndCanBeReplayedThenDeleted() {
        String id = enqueue("charge-card", "\"tok_it\"");

        JsonPath dead = awaitState(id, "DEAD");

        assertThat(dead.getInt("attempt")).isEqualTo(3);
        assertThat(dead.getString("lastError")).contains("the payment gateway declined card tok_it");
        assertThat(dead.getList("attempts.attempt", Integer.class)).containsExactly(1, 2, 3);

        assertThat(given().post("/jobs/" + id + "/replay").then().statusCode(200).extract().asString())
                .isEqualTo("true");
        JsonPath deadAgain = awaitState(id, "DEAD");
        assertThat(deadAgain.getList("attempts")).as("a replayed job keeps its history").hasSize(6);

        assertThat(given().delete("/jobs/" + id).then().statusCode(200).extract().asString()).isEqualTo("true");
        given().get("/jobs/" + id).then().statusCode(404);
    }
}
