package io.quarkiverse.jobqueue.deployment.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A redis-server of one test class's own, never the shared one: on a free port, with AOF ({@code appendfsync
 * always}) in a temporary directory, so that its jobs survive a kill. QuarkusUnitTest loads a test class twice (by
 * JUnit and by the application's class loader), so the port, directory and process id are shared through system
 * properties named after the test class, and the server starts once.
 */
final class OwnRedisServer {

    final int port;
    final Path dir;
    private final String key;
    /** More redis-server options, such as {@code --maxmemory-policy allkeys-lru}. */
    private final List<String> options;

    private OwnRedisServer(Class<?> test, String... options) {
        this.key = test.getName() + ".redis";
        this.options = List.of(options);
        this.port = Integer.parseInt(shared("port", OwnRedisServer::freePort));
        this.dir = Path.of(shared("dir", OwnRedisServer::tempDir));
    }

    /** The server of {@code test}, started unless the class's other loading started it. */
    static OwnRedisServer startOnce(Class<?> test, String... options) {
        OwnRedisServer server = new OwnRedisServer(test, options);
        if (System.getProperty(server.key + ".pid") == null) {
            server.start();
        }
        return server;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void start() {
        try {
            List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
                    "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save",
                    ""));
            command.addAll(options);
            Process redis = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            System.setProperty(key + ".pid", String.valueOf(redis.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start redis-server (see .ci/services.sh to install it)", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + "; see " + dir);
            }
            sleep(50);
        }
    }

    /** SIGKILL: Redis gets no chance to save; AOF with {@code appendfsync always} has every write already. */
    void kill() {
        ProcessHandle redis = process();
        redis.destroyForcibly();
        redis.onExit().join();
    }

    /** SIGSTOP: Redis keeps its connections open and answers nothing, as a hung server would. */
    void pause() {
        signal("STOP");
    }

    /** SIGCONT: Redis answers again, the commands sent meanwhile first. */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process().pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " of redis-server failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void killAndDelete() {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessHandle process() {
        long pid = Long.parseLong(System.getProperty(key + ".pid"));
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("redis-server " + pid + " is gone"));
    }

    private boolean accepts() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write("PING\r\n".getBytes());
            return socket.getInputStream().read() == '+';
        } catch (IOException e) {
            return false;
        }
    }

    private String shared(String name, Supplier<String> value) {
        String property = key + "." + name;
        String shared = System.getProperty(property);
        if (shared == null) {
            shared = value.get();
            System.setProperty(property, shared);
        }
        return shared;
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("job-queue-redis-aof").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
