package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInterceptor;
import io.quarkiverse.jobqueue.JobInvocation;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Middleware: {@link JobInterceptor} beans wrap every handler call in {@code @Priority} order, narrowed to a queue
 * or a type by {@code appliesTo}, inside the attempt's request context (a tenant set there reaches the handler);
 * CDI interceptor bindings on a handler method run too, since handlers are called through ArC invokers.
 */
class MiddlewareTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("middleware", Handlers.class, Order.class, Tenant.class,
            OuterInterceptor.class, InnerInterceptor.class, ReportsOnly.class, TenantInterceptor.class,
            Recorded.class, RecordingInterceptor.class);

    /** What happened during each job, by the name in its payload. */
    static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    @Inject
    JobQueue jobs;

    @Test
    void interceptorsWrapEveryHandlerCallInPriorityOrder() throws Exception {
        JobId id = jobs.enqueue("order", new Order("plain", "acme"));

        TestApps.awaitSucceeded(jobs, id);
        assertThat(EVENTS.get("plain")).containsExactly("outer>", "inner>", "handler tenant=acme", "<inner",
                "<outer");
    }

    @Test
    void anInterceptorCanNarrowItselfToAQueue() throws Exception {
        JobId id = jobs.enqueue("report", new Order("report", "globex"));

        TestApps.awaitSucceeded(jobs, id);
        assertThat(EVENTS.get("report")).containsExactly("outer>", "inner>", "reports>", "report tenant=globex",
                "<inner", "<outer");
    }

    @Test
    void cdiInterceptorBindingsOnHandlerMethodsRun() throws Exception {
        JobId id = jobs.enqueue("recorded", new Order("recorded", "initech"));

        TestApps.awaitSucceeded(jobs, id);
        assertThat(EVENTS.get("recorded")).containsExactly("outer>", "inner>", "cdi>", "recorded", "<cdi",
                "<inner", "<outer");
    }

    static void event(Object payload, String event) {
        EVENTS.computeIfAbsent(((Order) payload).name(), n -> new CopyOnWriteArrayList<>()).add(event);
    }

    public record Order(String name, String tenant) {
    }

    /** The tenant of the current attempt, set by {@link TenantInterceptor}. */
    @RequestScoped
    static class Tenant {
        String id;
    }

    static class Handlers {

        @Inject
        Tenant tenant;

        @JobHandler("order")
        void order(Order order) {
            event(order, "handler tenant=" + tenant.id);
        }

        @JobHandler(value = "report", queue = "reports")
        void report(Order order) {
            event(order, "report tenant=" + tenant.id);
        }

        @Recorded
        @JobHandler("recorded")
        void recorded(Order order) {
            event(order, "recorded");
        }
    }

    @ApplicationScoped
    @Priority(10)
    static class OuterInterceptor implements JobInterceptor {
        @Override
        public Object intercept(JobInvocation invocation) throws Exception {
            event(invocation.payload(), "outer>");
            try {
                return invocation.proceed();
            } finally {
                event(invocation.payload(), "<outer");
            }
        }
    }

    @ApplicationScoped
    @Priority(20)
    static class InnerInterceptor implements JobInterceptor {
        @Override
        public Object intercept(JobInvocation invocation) throws Exception {
            event(invocation.payload(), "inner>");
            try {
                return invocation.proceed();
            } finally {
                event(invocation.payload(), "<inner");
            }
        }
    }

    @ApplicationScoped
    @Priority(30)
    static class ReportsOnly implements JobInterceptor {
        @Override
        public boolean appliesTo(JobContext context) {
            return context.queue().equals("reports");
        }

        @Override
        public Object intercept(JobInvocation invocation) throws Exception {
            event(invocation.payload(), "reports>");
            return invocation.proceed();
        }
    }

    /** Sets the tenant from the payload; no event, so that it shows only in what the handler reads. */
    @ApplicationScoped
    @Priority(5)
    static class TenantInterceptor implements JobInterceptor {

        @Inject
        Tenant tenant;

        @Override
        public Object intercept(JobInvocation invocation) throws Exception {
            tenant.id = ((Order) invocation.payload()).tenant();
            return invocation.proceed();
        }
    }

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.METHOD, ElementType.TYPE })
    @interface Recorded {
    }

    @Recorded
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    static class RecordingInterceptor {
        @AroundInvoke
        Object record(InvocationContext call) throws Exception {
            event(call.getParameters()[0], "cdi>");
            try {
                return call.proceed();
            } finally {
                event(call.getParameters()[0], "<cdi");
            }
        }
    }
}
