package io.quarkiverse.jobqueue.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JobHeadersTest {

    @Test
    void headersAreAJsonObjectOfStrings() {
        Map<String, String> headers = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "vendor=a\"b");

        String json = JobHeaders.write(headers);

        assertThat(json).startsWith("{").contains("\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-");
        assertThat(JobHeaders.read(json)).isEqualTo(headers);
    }

    @Test
    void noHeadersAreStoredAsNothing() {
        assertThat(JobHeaders.write(Map.of())).isNull();
        assertThat(JobHeaders.read(null)).isEmpty();
        assertThat(JobHeaders.read("")).isEmpty();
    }

    @Test
    void headersThatAreNotAJsonObjectOfStringsAreRefusedWithTheText() {
        assertThatThrownBy(() -> JobHeaders.read("traceparent=00-abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object of strings").hasMessageContaining("traceparent=00-abc");
        assertThatThrownBy(() -> JobHeaders.read("[\"a\"]")).isInstanceOf(IllegalArgumentException.class);
    }
}
