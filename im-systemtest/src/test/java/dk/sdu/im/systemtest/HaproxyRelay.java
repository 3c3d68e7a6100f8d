package dk.sdu.im.systemtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of one instance, as the relay to measure the gateway against (issue: "transfers and
 * latency measured against HAProxy, in the same run"): a minimal configuration in a temporary folder sends every
 * request on one loopback port straight to the instance's port, with {@code option splice-response} and
 * {@code option splice-request}, so that bodies and tunnels move inside the kernel as HAProxy can do best. It runs as
 * the service account (the instance admits only that account's connections, and root's), started through
 * {@code setpriv}, which execs it, so the pid held is HAProxy's own and {@link #close} stops exactly that process.
 */
final class HaproxyRelay implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/haproxy");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Process process;
    private final int port;
    private final Path folder;

    private HaproxyRelay(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
    }

    /** HAProxy relaying to {@code instancePort}, listening once this returns; empty if it is not installed. */
    static Optional<HaproxyRelay> start(int instancePort) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            return Optional.empty();
        }
        Path folder = Files.createTempDirectory("ucloud-im-haproxy", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            return Optional.of(start(folder, instancePort));
        } catch (Exception | Error e) {
            deleteFolder(folder);
            throw e;
        }
    }

    private static HaproxyRelay start(Path folder, int instancePort) throws Exception {
        int port = freePort();
        Path config = Files.writeString(folder.resolve("haproxy.cfg"), """
                global
                    maxconn 1000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    option splice-response
                    option splice-request
                frontend bench
                    bind 127.0.0.1:%d
                    default_backend instance
                backend instance
                    server instance 127.0.0.1:%d
                """.formatted(port, instancePort));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Path log = folder.resolve("haproxy.log");
        Process process = new ProcessBuilder(Host.as(Installation.SERVICE, BINARY.toString(), "-f", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HaproxyRelay relay = new HaproxyRelay(process, port, folder);
        if (!Host.eventually(Duration.ofSeconds(10), relay::listening)) {
            String output = Files.readString(log);
            relay.stop();
            throw new IllegalStateException("haproxy did not listen on " + port + ": " + output);
        }
        return relay;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** {@code endpoint} (a URL the provider handed out, naming the gateway) with HAProxy's port instead. */
    String through(String endpoint) {
        return onPort(endpoint, port);
    }

    /** {@code endpoint} with its port replaced, the rest (path, query) byte for byte. */
    static String onPort(String endpoint, int port) {
        URI uri = URI.create(endpoint);
        String rest = endpoint.substring(endpoint.indexOf(uri.getRawAuthority()) + uri.getRawAuthority().length());
        return uri.getScheme() + "://" + uri.getHost() + ":" + port + rest;
    }

    private boolean listening() {
        if (!process.isAlive()) {
            return false;
        }
        try (Socket probe = new Socket(LOOPBACK, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops HAProxy by its pid (SIGTERM, then SIGKILL after 10 s) and deletes its folder. */
    @Override
    public void close() throws Exception {
        stop();
        deleteFolder(folder);
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }
}
