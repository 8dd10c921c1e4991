package io.quarkiverse.jobqueue.runtime.recurring;

import java.util.List;

import com.cronutils.model.CronType;

import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.annotations.Recorder;

/** Hands the {@code @Recurring} handlers found at build time to {@link RecurringJobs}. */
@Recorder
public class RecurringRecorder {

    public void register(BeanContainer beans, List<RecurringMetadata> recurring, CronType cronType) {
        beans.beanInstance(RecurringJobs.class).register(recurring, cronType);
    }
}
