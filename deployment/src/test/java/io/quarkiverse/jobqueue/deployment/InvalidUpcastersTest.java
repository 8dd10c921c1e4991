package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobUpcaster;
import io.quarkus.test.QuarkusUnitTest;

/** Every mistake in payload versions and upcasters fails the build, each with a message naming the method and fix. */
class InvalidUpcastersTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("invalid-upcasters", Handlers.class, Upcasters.class)
            .assertException(thrown -> {
                String problems = String.join("\n", TestApps.deploymentProblems(thrown));
                String upcasters = Upcasters.class.getName();
                assertThat(problems).as(TestApps.messages(thrown))
                        .contains("@JobHandler(\"zero\") on " + Handlers.class.getName() + "#zero() is invalid: "
                                + "version is 0: payload versions start at 1")
                        .contains("@JobUpcaster(value = \"nobody\", from = 1) on " + upcasters + "#unknownType() is "
                                + "invalid: no @JobHandler handles job type \"nobody\"")
                        .contains("on " + upcasters + "#duplicateB() is invalid: payloads of \"dup\" from version 1 "
                                + "are also upcast by " + upcasters + "#duplicateA()")
                        .contains("The upcasters of job type \"gap\" {1=" + upcasters + "#gap1(), 3=" + upcasters
                                + "#gap3()} have a gap: none converts from version 2")
                        .contains("add @JobUpcaster(value = \"gap\", from = 2)")
                        .contains("@JobUpcaster(value = \"sig\", from = 1) on " + upcasters + "#wrongSignature() is "
                                + "invalid: its signature is java.lang.String wrongSignature(java.lang.String): "
                                + "declare JsonNode wrongSignature(JsonNode payload)")
                        .contains("on " + upcasters + "#tooNew() is invalid: it converts from version 2, but the "
                                + "handler of \"sig\" reads version 2")
                        .contains("on " + upcasters + "#zeroFrom() is invalid: from is 0");
            });

    @Test
    void buildFails() {
        // assertException checked the failure
    }

    static class Handlers {

        @JobHandler(value = "zero", version = 0)
        void zero() {
        }

        @JobHandler(value = "dup", version = 2)
        void dup() {
        }

        @JobHandler(value = "gap", version = 4)
        void gap() {
        }

        @JobHandler(value = "sig", version = 2)
        void sig() {
        }
    }

    static class Upcasters {

        @JobUpcaster(value = "nobody", from = 1)
        JsonNode unknownType(JsonNode payload) {
            return payload;
        }

        @JobUpcaster(value = "dup", from = 1)
        JsonNode duplicateA(JsonNode payload) {
            return payload;
        }

        @JobUpcaster(value = "dup", from = 1)
        JsonNode duplicateB(JsonNode payload) {
            return payload;
        }

        @JobUpcaster(value = "gap", from = 1)
        JsonNode gap1(JsonNode payload) {
            return payload;
        }

        @JobUpcaster(value = "gap", from = 3)
        JsonNode gap3(JsonNode payload) {
            return payload;
        }

        @JobUpcaster(value = "sig", from = 1)
        String wrongSignature(String payload) {
            return payload;
        }

        @JobUpcaster(value = "sig", from = 2)
        JsonNode tooNew(JsonNode payload) {
            return payload;
        }

        @JobUpcaster(value = "dup", from = 0)
        JsonNode zeroFrom(JsonNode payload) {
            return payload;
        }
    }
}
