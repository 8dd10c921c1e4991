package io.quarkiverse.jobqueue.runtime.engine;

import jakarta.enterprise.invoke.Invoker;

import io.quarkus.runtime.RuntimeValue;

/** A bean method the build found for a job type and generated an invoker for; recorded into the application. */
public class RecordedMethod {

    private String type;
    private String target;
    private RuntimeValue<Invoker<Object, Object>> invoker;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** The method, for messages: {@code org.acme.Mailer#send()}. */
    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public RuntimeValue<Invoker<Object, Object>> getInvoker() {
        return invoker;
    }

    public void setInvoker(RuntimeValue<Invoker<Object, Object>> invoker) {
        this.invoker = invoker;
    }
}
