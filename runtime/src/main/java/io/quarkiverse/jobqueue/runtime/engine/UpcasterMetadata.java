package io.quarkiverse.jobqueue.runtime.engine;

import jakarta.enterprise.invoke.Invoker;

import io.quarkus.runtime.RuntimeValue;

/** What the build found out about one {@code @JobUpcaster} method; recorded into the application. */
public class UpcasterMetadata {

    private String type;
    private int from;
    private String target;
    private RuntimeValue<Invoker<Object, Object>> invoker;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public int getFrom() {
        return from;
    }

    public void setFrom(int from) {
        this.from = from;
    }

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
