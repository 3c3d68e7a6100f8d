package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's real nginx as a child process of the test: {@code /usr/sbin/nginx} in the foreground ({@code daemon off})
 * with everything it writes (pid file, logs, temporary files) under a prefix directory, serving one site file inside
 * an {@code http} block written here. Stopped by its PID (SIGTERM, then its workers by theirs), never by name.
 */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Pattern TEMP_PATH = Pattern.compile("--http-([a-z-]+)-temp-path=");

    private final Path prefix;
    private final int port;
    private final Process process;

    private Nginx(Path prefix, int port, Process process) {
        this.prefix = prefix;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts nginx with {@code site} (a file for nginx's {@code http} block) listening on {@code port} of 127.0.0.1,
     * and waits until it accepts connections; fails the test with nginx's error log if it does not.
     */
    static Nginx start(Path prefix, String site, int port) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x")); // workers run as nobody
        Files.createDirectories(prefix.resolve("temp")); // nginx makes only the last level of a temporary path
        Files.writeString(prefix.resolve("site.conf"), site);
        Files.writeString(prefix.resolve("nginx.conf"), mainConfig(prefix));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                "-g", "daemon off; pid " + prefix.resolve("nginx.pid") + "; error_log " + prefix.resolve("error.log") + " warn;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(prefix, port, process);
        nginx.awaitListening();
        return nginx;
    }

    /** A loopback port that was free a moment ago, for nginx to listen on. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, GatewayFixture.LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    /** Every regular file under nginx's temporary directories (request and response bodies it buffered to disk). */
    List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(prefix.resolve("temp"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** nginx's error log so far (warnings included). */
    String errorLog() throws IOException {
        Path log = prefix.resolve("error.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** The http block around the site: logs and every temporary path of this build under the prefix. */
    private static String mainConfig(Path prefix) throws IOException, InterruptedException {
        StringBuilder http = new StringBuilder("worker_processes 1;\nevents { worker_connections 256; }\nhttp {\n")
                .append("    access_log ").append(prefix.resolve("access.log")).append(";\n");
        Matcher paths = TEMP_PATH.matcher(buildOptions());
        while (paths.find()) {
            http.append("    ").append(paths.group(1).replace('-', '_')).append("_temp_path ")
                    .append(prefix.resolve("temp").resolve(paths.group(1))).append(";\n");
        }
        return http.append("    include ").append(prefix.resolve("site.conf")).append(";\n}\n").toString();
    }

    /** {@code nginx -V}: the configure options, which name the temporary paths compiled in. */
    private static String buildOptions() throws IOException, InterruptedException {
        Process version = new ProcessBuilder(BINARY.toString(), "-V").redirectErrorStream(true).start();
        String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor();
        return output;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String out = Files.readString(prefix.resolve("nginx.out"), StandardCharsets.ISO_8859_1);
                close();
                fail("nginx did not start listening on 127.0.0.1:" + port + ":\n" + out + errorLog());
            }
            Thread.sleep(20);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(GatewayFixture.LOOPBACK, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM to the master's PID; its workers, by their PIDs, if they outlive it. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle worker : workers) {
            try {
                worker.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                worker.destroyForcibly();
            }
        }
    }
}
