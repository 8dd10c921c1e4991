package io.quarkiverse.jobqueue.deployment.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Cleans up after the tests that share the Redis at 127.0.0.1. */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Deletes every key under the prefix, over a plain connection: the application has stopped by then. */
    public static void delete(int port, String prefix) {
        String script = "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) "
                + "n = n + 1 end return n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            List<String> args = List.of("EVAL", script, "0", "{" + prefix + "}:*");
            command.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                command.writeBytes(bytes);
                command.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(command.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                reply.append((char) c);
            }
            if (!reply.toString().startsWith(":")) {
                throw new IllegalStateException("Cannot delete the test keys: " + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
