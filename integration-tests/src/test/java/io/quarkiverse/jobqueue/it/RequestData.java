package io.quarkiverse.jobqueue.it;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/** A request-scoped bean: each handler call gets its own. */
@RequestScoped
public class RequestData {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
