package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.JobUpcaster;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Jobs enqueued by older deployments still run: their payloads go through the upcaster chain up to the handler's
 * version. A version no chain reaches ends the job DEAD with a message that says so. The jobs of older versions are
 * written through the store, as an older deployment would have written them.
 */
class PayloadVersionsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("payload-versions", Resizer.class, ResizeUpcasters.class,
            Resize.class);

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Test
    void jobsOfEveryOlderVersionRunThroughTheUpcasterChain() throws Exception {
        JobId v1 = enqueueAsVersion("resize", 1, "{\"image\":\"one.jpg\",\"size\":100}");
        JobId v2 = enqueueAsVersion("resize", 2, "{\"image\":\"two.jpg\",\"width\":200}");
        JobId v3 = enqueueAsVersion("resize", 3, "{\"image\":\"three.jpg\",\"width\":300,\"format\":\"webp\"}");

        TestApps.awaitSucceeded(jobs, v1);
        TestApps.awaitSucceeded(jobs, v2);
        TestApps.awaitSucceeded(jobs, v3);
        assertThat(Resizer.RECEIVED).containsEntry("one.jpg", new Resize("one.jpg", 100, "png"))
                .containsEntry("two.jpg", new Resize("two.jpg", 200, "png"))
                .containsEntry("three.jpg", new Resize("three.jpg", 300, "webp"));
    }

    @Test
    void enqueueRecordsTheHandlersVersion() throws Exception {
        JobId id = jobs.enqueue("resize", new Resize("current.jpg", 10, "gif"));

        JobInfo job = TestApps.awaitSucceeded(jobs, id);
        assertThat(job.payloadVersion()).isEqualTo(3);
        assertThat(Resizer.RECEIVED).containsEntry("current.jpg", new Resize("current.jpg", 10, "gif"));
    }

    @Test
    void aNewerVersionThanTheHandlersIsDead() throws Exception {
        JobId id = enqueueAsVersion("resize", 4, "{\"image\":\"future.jpg\"}");

        JobInfo job = TestApps.awaitEnd(jobs, id, JobState.DEAD);
        assertThat(job.lastError()).contains("version 4, newer than version 3 of " + Resizer.class.getName());
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(Resizer.RECEIVED).doesNotContainKey("future.jpg");
    }

    @Test
    void aVersionNoUpcasterReachesIsDead() throws Exception {
        JobId id = enqueueAsVersion("crop", 1, "{\"image\":\"old.jpg\"}");

        JobInfo job = TestApps.awaitEnd(jobs, id, JobState.DEAD);
        assertThat(job.lastError()).contains("no upcaster converts job type 'crop' from version 1")
                .contains("@JobUpcaster(value = \"crop\", from = 1)");
    }

    @Test
    void aFailingUpcasterEndsTheJobDeadNamingIt() throws Exception {
        JobId id = enqueueAsVersion("thumbnail", 1, "{\"image\":\"broken.jpg\"}");

        JobInfo job = TestApps.awaitEnd(jobs, id, JobState.DEAD);
        assertThat(job.lastError()).contains("Upcaster " + ResizeUpcasters.class.getName() + "#brokenFrom1()")
                .contains("no size in the payload");
    }

    private JobId enqueueAsVersion(String type, int version, String payload) {
        Instant now = Instant.now();
        NewJob job = new NewJob(JobId.newId(), type, JobOptions.DEFAULT_QUEUE, 0, 3, now, now, payload, version,
                null, null, null);
        store.insert(List.of(job), () -> {
        });
        return job.id();
    }

    public record Resize(String image, int width, String format) {
    }

    static class Resizer {

        static final Map<String, Resize> RECEIVED = new ConcurrentHashMap<>();

        @JobHandler(value = "resize", version = 3)
        void resize(Resize resize) {
            RECEIVED.put(resize.image(), resize);
        }

        @JobHandler(value = "crop", version = 2)
        void crop(Resize resize) {
            RECEIVED.put(resize.image(), resize);
        }

        @JobHandler(value = "thumbnail", version = 2)
        void thumbnail(Resize resize) {
            RECEIVED.put(resize.image(), resize);
        }
    }

    static class ResizeUpcasters {

        /** Version 2 renamed size to width. */
        @JobUpcaster(value = "resize", from = 1)
        JsonNode sizeBecameWidth(JsonNode v1) {
            ObjectNode payload = (ObjectNode) v1;
            payload.set("width", payload.remove("size"));
            return payload;
        }

        /** Version 3 added the format, PNG before. */
        @JobUpcaster(value = "resize", from = 2)
        JsonNode formatAdded(JsonNode v2) {
            return ((ObjectNode) v2).put("format", "png");
        }

        @JobUpcaster(value = "thumbnail", from = 1)
        JsonNode brokenFrom1(JsonNode v1) {
            throw new IllegalArgumentException("no size in the payload");
        }
    }
}
