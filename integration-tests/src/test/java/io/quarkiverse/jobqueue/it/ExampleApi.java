package io.quarkiverse.jobqueue.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The example's HTTP view of the queue, as the {@code *IT} tests use it: they run the packaged application (a jar,
 * or a native executable with {@code -Dnative}) in a process of its own, so they reach it only through HTTP.
 */
final class ExampleApi {

    private ExampleApi() {
    }

    /** Enqueues a job of the example's {@code type} with {@code payloadJson}, and returns its id. */
    static String enqueue(String type, String payloadJson) {
        return given().contentType(ContentType.JSON).body(payloadJson).post("/jobs/" + type)
                .then().statusCode(200).extract().path("id");
    }

    static JsonPath job(String id) {
        return given().get("/jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(job(id).getString("state")));
        return job(id);
    }
}
