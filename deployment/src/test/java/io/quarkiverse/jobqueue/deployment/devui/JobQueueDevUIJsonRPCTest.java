package io.quarkiverse.jobqueue.deployment.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * Every JSON-RPC method of the Dev UI, called as the Dev UI calls it (over its WebSocket), on an application in dev
 * mode with an H2 database, and the handlers' build-time data.
 */
public class JobQueueDevUIJsonRPCTest extends DevUIJsonRPCTest {

    /** Not 8080, which other checkouts on this machine may use. */
    static final int PORT = 8096;
    static final int STREAM_ID = 424242;

    @RegisterExtension
    static final QuarkusDevModeTest app = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(DevUiApp.class, DevUiApp.Greeting.class, DevUiApp.Fixtures.class)
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.http.port=" + PORT,
                            "quarkus.job-queue.store=jdbc",
                            "quarkus.datasource.db-kind=h2",
                            "quarkus.datasource.jdbc.url=jdbc:h2:mem:devui;DB_CLOSE_DELAY=-1",
                            "quarkus.hibernate-orm.schema-management.strategy=drop-and-create",
                            "quarkus.devservices.enabled=false",
                            "quarkus.otel.sdk.disabled=true",
                            "quarkus.job-queue.poll-interval=100ms",
                            "quarkus.job-queue.queues.reports.concurrency=1")), "application.properties"));

    public JobQueueDevUIJsonRPCTest() {
        super("quarkus-job-queue", "http://localhost:" + PORT);
    }

    // QuarkusDevModeTest starts the application again for each test method (tens of seconds): few methods, many checks.

    @Test
    void handlersAndQueues() throws Exception {
        handlersAreBuildTimeDataWithQueueAttemptsScheduleAndLimits();
        queueStatsCountEveryStateOfEveryServedQueueAndOfAll();
        queueStatsStreamSendsCountsLive();
    }

    @Test
    void enqueueListAndShowJobs() throws Exception {
        enqueueRunsAJobOfTheChosenTypeWithTheJsonPayload();
        enqueueGoesToTheChosenQueue();
        invalidJsonGetsAClearMessageAndNothingIsEnqueued();
        enqueueRefusesATypeWithoutHandlerAndNamesTheTypes();
        enqueueReportsTheQueueApiRefusal();
        listJobsFiltersByStateQueueAndType();
        listJobsExplainsABadStateOrLimit();
        aDeadJobShowsItsAttemptsWithErrorAndStackTrace();
        getJobExplainsAMalformedOrUnknownId();
    }

    @Test
    void actOnJobsAndDeadLetters() throws Exception {
        replayPutsADeadJobBackAndRefusesASucceededOne();
        cancelThenDeleteAScheduledJob();
        deadLettersAreReplayedAndDeletedInBulk();
    }

    private void handlersAreBuildTimeDataWithQueueAttemptsScheduleAndLimits() throws Exception {
        HttpResponse<String> data = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + PORT + "/q/dev-ui/quarkus-job-queue-data.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(data.statusCode()).isEqualTo(200);
        String handlers = data.body().substring(data.body().indexOf("export const handlers = ")
                + "export const handlers = ".length());
        JsonNode all = toJsonNode(handlers.substring(0, handlers.indexOf("];") + 1));
        assertThat(all).extracting(h -> h.get("type").asText())
                .containsExactly("devui-fail", "devui-greet", "devui-limited");
        JsonNode greet = all.get(1);
        assertThat(greet.get("method").asText()).isEqualTo(DevUiApp.class.getName() + "#greet()");
        assertThat(greet.get("bean").asText()).isEqualTo(DevUiApp.class.getName());
        assertThat(greet.get("queue").asText()).isEqualTo("devui");
        assertThat(greet.get("maxAttempts").asInt()).isZero();
        assertThat(greet.get("payloadType").asText()).isEqualTo(DevUiApp.Greeting.class.getName());
        assertThat(greet.hasNonNull("recurring")).isFalse();
        assertThat(all.get(0).get("maxAttempts").asInt()).isEqualTo(1);
        JsonNode limited = all.get(2);
        assertThat(limited.get("recurring").asText()).isEqualTo("cron 0 0 3 1 1 ? (UTC)");
        assertThat(limited.get("maxConcurrency").asInt()).isEqualTo(2);
        assertThat(limited.get("rateLimit").asInt()).isEqualTo(10);
        assertThat(limited.get("ratePeriod").asText()).isEqualTo("PT1M");
        assertThat(limited.get("timeout").asText()).isEqualTo("PT30S");
        assertThat(limited.hasNonNull("payloadType")).isFalse();
    }

    private void queueStatsCountEveryStateOfEveryServedQueueAndOfAll() throws Exception {
        String id = enqueue("devui-greet", "{\"name\": \"stats\"}", "");
        awaitState(id, "SUCCEEDED");
        JsonNode stats = executeJsonRPCMethod("getQueueStats");
        assertThat(stats).extracting(s -> s.hasNonNull("queue") ? s.get("queue").asText() : null)
                .containsExactly("default", "devui", "reports", null);
        JsonNode devui = stats.get(1);
        assertThat(devui.get("counts").size()).isEqualTo(7);
        assertThat(devui.get("counts").get("SUCCEEDED").asLong()).isPositive();
        assertThat(devui.get("counts").get("SCHEDULED").asLong()).isEqualTo(1);
        JsonNode all = stats.get(3);
        assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(devui.get("total").asLong());
    }

    /**
     * The stream sends the counts at once and again every second: a job enqueued while the page listens shows in a
     * later message. DevUIJsonRPCTest reads one response per request, so this subscribes over a WebSocket of its own,
     * as the page does.
     */
    private void queueStatsStreamSendsCountsLive() throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + PORT + "/q/dev-ui/json-rpc-ws"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            JsonNode message = toJsonNode(text.toString());
                            text.setLength(0);
                            if (message.path("id").asInt() == STREAM_ID) {
                                messages.add(message);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"jsonrpc\": \"2.0\", \"id\": " + STREAM_ID
                    + ", \"method\": \"quarkus-job-queue_streamQueueStats\", \"params\": {}}", true)
                    .get(30, TimeUnit.SECONDS);
            JsonNode first = nextStats(messages);
            assertThat(first).extracting(s -> s.hasNonNull("queue") ? s.get("queue").asText() : null)
                    .containsExactly("default", "devui", "reports", null);
            long before = first.get(3).get("total").asLong();
            enqueue("devui-greet", "{\"name\": \"live\"}", "");
            long deadline = System.nanoTime() + 30_000_000_000L;
            long total = before;
            while (total == before && System.nanoTime() < deadline) {
                total = nextStats(messages).get(3).get("total").asLong();
            }
            assertThat(total).isEqualTo(before + 1);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** The next counts the stream sent, past the message that confirms the subscription (it has none). */
    private static JsonNode nextStats(BlockingQueue<JsonNode> messages) throws InterruptedException {
        while (true) {
            JsonNode message = messages.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("a message of the stream within 30s").isNotNull();
            assertThat(message.has("error")).as(message.toString()).isFalse();
            JsonNode stats = message.path("result").path("object");
            if (stats.isArray()) {
                return stats;
            }
        }
    }

    private void enqueueRunsAJobOfTheChosenTypeWithTheJsonPayload() throws Exception {
        String id = enqueue("devui-greet", "{\"name\": \"Ada\"}", "");
        JsonNode job = awaitState(id, "SUCCEEDED");
        assertThat(toJsonNode(job.get("payload").asText()).get("name").asText()).isEqualTo("Ada");
        assertThat(toJsonNode(job.get("result").asText()).asText()).isEqualTo("Hello Ada");
        assertThat(job.get("queue").asText()).isEqualTo("devui");
    }

    private void enqueueGoesToTheChosenQueue() throws Exception {
        String id = enqueue("devui-greet", "{\"name\": \"queued\"}", "reports");
        assertThat(awaitState(id, "SUCCEEDED").get("queue").asText()).isEqualTo("reports");
    }

    private void invalidJsonGetsAClearMessageAndNothingIsEnqueued() throws Exception {
        long before = total();
        JsonNode outcome = executeJsonRPCMethod("enqueueJob",
                params("type", "devui-greet", "payload", "{\"name\": \"Ada\"", "queue", ""));
        assertThat(outcome.get("success").asBoolean()).isFalse();
        assertThat(outcome.get("message").asText()).startsWith("The payload is not valid JSON: ")
                .contains("(line 1, column").contains("leave it empty for no payload");
        assertThat(outcome.hasNonNull("id")).isFalse();
        assertThat(total()).isEqualTo(before);
    }

    private void enqueueRefusesATypeWithoutHandlerAndNamesTheTypes() throws Exception {
        JsonNode unknown = executeJsonRPCMethod("enqueueJob", params("type", "nope", "payload", "", "queue", ""));
        assertThat(unknown.get("success").asBoolean()).isFalse();
        assertThat(unknown.get("message").asText()).isEqualTo("This application has no handler for job type 'nope': "
                + "choose one of [devui-fail, devui-greet, devui-limited]");
        JsonNode blank = executeJsonRPCMethod("enqueueJob", params("type", " ", "payload", "", "queue", ""));
        assertThat(blank.get("message").asText()).startsWith("Choose a job type");
    }

    private void enqueueReportsTheQueueApiRefusal() throws Exception {
        JsonNode outcome = executeJsonRPCMethod("enqueueJob",
                params("type", "devui-greet", "payload", "{\"name\": \"x\"}", "queue", "unserved"));
        assertThat(outcome.get("success").asBoolean()).isFalse();
        assertThat(outcome.get("message").asText()).contains("unserved");
    }

    private void listJobsFiltersByStateQueueAndType() throws Exception {
        String greet = enqueue("devui-greet", "{\"name\": \"list\"}", "");
        String dead = enqueue("devui-fail", "\"list\"", "");
        awaitState(greet, "SUCCEEDED");
        awaitState(dead, "DEAD");

        JsonNode byType = listJobs("", "", "devui-fail", null);
        assertThat(byType.get("success").asBoolean()).isTrue();
        assertThat(byType.get("jobs")).isNotEmpty().allSatisfy(j -> assertThat(j.get("type").asText()).isEqualTo("devui-fail"));
        assertThat(ids(byType)).contains(dead).doesNotContain(greet);

        JsonNode byState = listJobs("SUCCEEDED", "devui", "", 1000);
        assertThat(byState.get("jobs")).allSatisfy(j -> assertThat(j.get("state").asText()).isEqualTo("SUCCEEDED"));
        assertThat(ids(byState)).contains(greet).doesNotContain(dead);

        assertThat(ids(listJobs("", "default", "", null))).doesNotContain(greet, dead);
        assertThat(listJobs("", "", "", 1).get("jobs").size()).isEqualTo(1);
    }

    private void listJobsExplainsABadStateOrLimit() throws Exception {
        JsonNode state = listJobs("FINISHED", "", "", null);
        assertThat(state.get("success").asBoolean()).isFalse();
        assertThat(state.get("message").asText()).isEqualTo("'FINISHED' is not a job state: use one of "
                + "[SCHEDULED, PENDING, RUNNING, RETRYING, SUCCEEDED, DEAD, CANCELLED], or nothing for any state");
        JsonNode limit = listJobs("", "", "", 0);
        assertThat(limit.get("message").asText()).isEqualTo("A limit of 0 jobs is out of range: use 1 to 1000");
    }

    private void aDeadJobShowsItsAttemptsWithErrorAndStackTrace() throws Exception {
        String id = enqueue("devui-fail", "\"broken\"", "");
        JsonNode job = awaitState(id, "DEAD");
        assertThat(job.get("lastError").asText()).contains("devui-fail failed on purpose: broken");
        JsonNode attempt = job.get("attempts").get(0);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("error").asText()).contains("NonRetryableJobException");
        assertThat(attempt.get("stackTrace").asText()).contains("at " + DevUiApp.class.getName() + ".fail");
        assertThat(attempt.get("failedAt").asText()).isNotEmpty();
        assertThat(job.get("payload").asText()).isEqualTo("\"broken\"");
    }

    private void getJobExplainsAMalformedOrUnknownId() throws Exception {
        JsonNode malformed = executeJsonRPCMethod("getJob", params("id", "42"));
        assertThat(malformed.get("success").asBoolean()).isFalse();
        assertThat(malformed.get("message").asText()).startsWith("'42' is not a job id");
        JsonNode unknown = executeJsonRPCMethod("getJob", params("id", "0190f5a4-6b1c-7d2e-8f00-123456789abc"));
        assertThat(unknown.get("success").asBoolean()).isFalse();
        assertThat(unknown.get("message").asText()).startsWith("No job 0190f5a4-6b1c-7d2e-8f00-123456789abc: ");
        assertThat(unknown.hasNonNull("job")).isFalse();
    }

    private void replayPutsADeadJobBackAndRefusesASucceededOne() throws Exception {
        String id = enqueue("devui-fail", "\"replay\"", "");
        awaitState(id, "DEAD");
        JsonNode replayed = executeJsonRPCMethod("replayJob", params("id", id));
        assertThat(replayed.get("success").asBoolean()).isTrue();
        assertThat(replayed.get("message").asText()).isEqualTo("Replayed job " + id + ": it is PENDING again");
        // It fails again: its second DEAD comes after a second attempt, kept in its history.
        JsonNode again = awaitState(id, "DEAD");
        assertThat(again.get("attempts").size()).isEqualTo(2);

        String done = enqueue("devui-greet", "{\"name\": \"done\"}", "");
        awaitState(done, "SUCCEEDED");
        JsonNode refused = executeJsonRPCMethod("replayJob", params("id", done));
        assertThat(refused.get("success").asBoolean()).isFalse();
        assertThat(refused.get("message").asText()).isEqualTo("Job " + done
                + " was not replayed: only DEAD or CANCELLED jobs can be, and it is SUCCEEDED");
        assertThat(executeJsonRPCMethod("replayJob", params("id", "x")).get("message").asText())
                .startsWith("Cannot replay: 'x' is not a job id");
    }

    private void cancelThenDeleteAScheduledJob() throws Exception {
        JsonNode scheduled = listJobs("SCHEDULED", "devui", "devui-greet", null).get("jobs");
        assertThat(scheduled).hasSize(1);
        String id = scheduled.get(0).get("id").asText();

        JsonNode cancelled = executeJsonRPCMethod("cancelJob", params("id", id));
        assertThat(cancelled.get("success").asBoolean()).as(cancelled.toString()).isTrue();
        assertThat(getJob(id).get("state").asText()).isEqualTo("CANCELLED");
        JsonNode cancelAgain = executeJsonRPCMethod("cancelJob", params("id", id));
        assertThat(cancelAgain.get("success").asBoolean()).isFalse();
        assertThat(cancelAgain.get("message").asText()).contains("it is CANCELLED");

        JsonNode deleted = executeJsonRPCMethod("deleteJob", params("id", id));
        assertThat(deleted.get("success").asBoolean()).isTrue();
        assertThat(deleted.get("message").asText()).isEqualTo("Deleted job " + id);
        JsonNode deleteAgain = executeJsonRPCMethod("deleteJob", params("id", id));
        assertThat(deleteAgain.get("success").asBoolean()).isFalse();
        assertThat(deleteAgain.get("message").asText()).isEqualTo("No job " + id + ": it was deleted or never existed");
    }

    private void deadLettersAreReplayedAndDeletedInBulk() throws Exception {
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dead.add(enqueue("devui-fail", "\"bulk " + i + "\"", ""));
        }
        for (String id : dead) {
            awaitState(id, "DEAD");
        }
        JsonNode letters = executeJsonRPCMethod("listDeadJobs", params("limit", 1000));
        assertThat(letters.get("jobs")).allSatisfy(j -> assertThat(j.get("state").asText()).isEqualTo("DEAD"));
        assertThat(ids(letters)).containsAll(dead);

        String succeeded = enqueue("devui-greet", "{\"name\": \"not dead\"}", "");
        awaitState(succeeded, "SUCCEEDED");
        JsonNode replayed = executeJsonRPCMethod("replayJobs", params("ids", List.of(dead.get(0), dead.get(1), succeeded)));
        assertThat(replayed.get("success").asBoolean()).isFalse();
        assertThat(replayed.get("message").asText()).isEqualTo("2 job(s) replayed; not replayed (no longer in a "
                + "state that allows it, or gone): " + succeeded);
        awaitState(dead.get(0), "DEAD");
        awaitState(dead.get(1), "DEAD");
        assertThat(getJob(dead.get(0)).get("attempts").size()).isEqualTo(2);

        JsonNode deleted = executeJsonRPCMethod("deleteJobs", params("ids", dead));
        assertThat(deleted.get("success").asBoolean()).isTrue();
        assertThat(deleted.get("message").asText()).isEqualTo("3 job(s) deleted");
        assertThat(ids(executeJsonRPCMethod("listDeadJobs", params("limit", 1000)))).doesNotContainAnyElementsOf(dead);

        JsonNode none = executeJsonRPCMethod("deleteJobs", params("ids", List.of()));
        assertThat(none.get("success").asBoolean()).isFalse();
        assertThat(none.get("message").asText()).isEqualTo("Select at least one job: none was deleted");
    }

    private String enqueue(String type, String payload, String queue) throws Exception {
        JsonNode outcome = executeJsonRPCMethod("enqueueJob", params("type", type, "payload", payload, "queue", queue));
        assertThat(outcome.get("success").asBoolean()).as(outcome.toString()).isTrue();
        return outcome.get("id").asText();
    }

    private JsonNode listJobs(String state, String queue, String type, Integer limit) throws Exception {
        Map<String, Object> params = params("state", state, "queue", queue, "type", type);
        if (limit != null) {
            params.put("limit", limit);
        }
        return executeJsonRPCMethod("listJobs", params);
    }

    private JsonNode getJob(String id) throws Exception {
        JsonNode lookup = executeJsonRPCMethod("getJob", params("id", id));
        assertThat(lookup.get("success").asBoolean()).as(lookup.toString()).isTrue();
        return lookup.get("job");
    }

    /** Waits for the job to reach the state: jobs run on worker threads of the application. */
    private JsonNode awaitState(String id, String state) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode job = getJob(id);
        while (!job.get("state").asText().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = getJob(id);
        }
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo(state);
        return job;
    }

    private long total() throws Exception {
        JsonNode stats = executeJsonRPCMethod("getQueueStats");
        return stats.get(stats.size() - 1).get("total").asLong();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("jobs").forEach(j -> ids.add(j.get("id").asText()));
        return ids;
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }
}
