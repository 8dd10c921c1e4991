package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A generic payload type keeps its type arguments from the build to the run: the handler receives records, not the
 * maps Jackson would make without them.
 */
class GenericPayloadTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("generic-payload", Handlers.class, Line.class);

    @Inject
    JobQueue jobs;

    @Test
    void listOfRecordsRoundTrips() throws Exception {
        List<Line> lines = List.of(new Line("apple", 2), new Line("pear", 5));
        JobId id = jobs.enqueue("lines", lines);
        JobInfo job = TestApps.awaitSucceeded(jobs, id);

        assertThat(job.payload()).isEqualTo("[{\"product\":\"apple\",\"quantity\":2},"
                + "{\"product\":\"pear\",\"quantity\":5}]");
        List<?> received = Handlers.RECEIVED.get("lines");
        assertThat(received).isEqualTo(lines).allSatisfy(line -> assertThat(line).isInstanceOf(Line.class));
    }

    @Test
    void nestedGenericTypeRoundTrips() throws Exception {
        Map<String, List<Line>> byShop = Map.of("north", List.of(new Line("fig", 1)),
                "south", List.of(new Line("kiwi", 7), new Line("lime", 3)));
        JobId id = jobs.enqueue("lines-by-shop", byShop);
        TestApps.awaitSucceeded(jobs, id);

        @SuppressWarnings("unchecked")
        Map<String, List<Line>> received = (Map<String, List<Line>>) Handlers.RECEIVED_BY_SHOP.get("lines-by-shop");
        assertThat(received).isEqualTo(byShop);
        assertThat(received.get("south")).allSatisfy(line -> assertThat(line).isInstanceOf(Line.class));
    }

    public record Line(String product, int quantity) {
    }

    static class Handlers {

        static final Map<String, List<?>> RECEIVED = new ConcurrentHashMap<>();
        static final Map<String, Map<?, ?>> RECEIVED_BY_SHOP = new ConcurrentHashMap<>();

        @JobHandler("lines")
        void lines(List<Line> lines) {
            RECEIVED.put("lines", lines);
        }

        @JobHandler("lines-by-shop")
        void linesByShop(Map<String, List<Line>> byShop) {
            RECEIVED_BY_SHOP.put("lines-by-shop", byShop);
        }
    }
}
