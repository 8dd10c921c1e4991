package io.quarkiverse.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JobIdTest {

    @Test
    void idsAreVersion7AndOrderedByCreationTime() throws InterruptedException {
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(JobId.newId());
            Thread.sleep(2);
        }

        assertThat(ids).isSorted();
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.uuid().version()).isEqualTo(7);
            assertThat(id.uuid().variant()).isEqualTo(2);
        });
        long millis = ids.get(0).uuid().getMostSignificantBits() >>> 16;
        assertThat(millis).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }

    @Test
    void roundTripsThroughItsText() {
        JobId id = JobId.newId();

        assertThat(JobId.of(id.toString())).isEqualTo(id).hasSameHashCodeAs(id);
    }

    @Test
    void refusesTextThatIsNotAnId() {
        assertThatThrownBy(() -> JobId.of("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope' is not a job id");
        assertThatThrownBy(() -> JobId.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
