package io.quarkiverse.jobqueue.it;

/** The payload of a "send-welcome-email" job. */
public record WelcomeEmail(long userId, String address) {
}
