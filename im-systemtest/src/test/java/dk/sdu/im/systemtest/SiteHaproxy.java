package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's haproxy as a site runs it in front of the installation (gateway.type: haproxy): the configuration is a
 * site's global section ({@code chroot}, {@code user haproxy}, {@code group haproxy}, as Debian's haproxy.cfg has) followed by what
 * {@code ucloud-im haproxy-config} printed. Started as root, as Debian's service starts it, so it creates the runtime
 * socket for the service user and then runs as {@code haproxy}. Stopped by its pid.
 */
final class SiteHaproxy implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/haproxy");
    static final Path LOG = Path.of("/tmp/ucloud-im-systest-haproxy.log");
    static final String ACCOUNT = "haproxy";

    final Path runtimeSocket;
    final Path mapFile;
    private final Path siteConfig;
    private final Path fragment;
    private Process process;

    private SiteHaproxy(Path runtimeSocket, Path mapFile, Path siteConfig, Path fragment) {
        this.runtimeSocket = runtimeSocket;
        this.mapFile = mapFile;
        this.siteConfig = siteConfig;
        this.fragment = fragment;
    }

    /** Installs Debian's haproxy if it is missing (as root, from the configured package sources). */
    static void ensureInstalled() {
        if (!Files.isExecutable(BINARY)) {
            if (run("apt-get", "install", "-y", "-qq", "haproxy").exit() != 0) {
                run("apt-get", "update", "-qq");
                run("apt-get", "install", "-y", "-qq", "haproxy");
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "haproxy mode needs Debian's haproxy at " + BINARY + " and apt-get install haproxy did not provide it");
    }

    /** Writes the printed fragment beside a site's global section and starts HAProxy on them. */
    static SiteHaproxy start(Path prefix, Path etc, Path runtimeSocket, Path mapFile) throws Exception {
        String printed = must(prefix.resolve("bin/ucloud-im").toString(), "haproxy-config", "--config-dir", etc.toString());
        Path dir = etc.resolve("haproxy");
        must("install", "-d", "-m", "0755", dir.toString());
        // Debian's package makes the chroot directory; HAProxy reads everything it needs before it enters it.
        boolean chroot = Files.isDirectory(Path.of("/var/lib/haproxy"));
        Path site = Files.writeString(dir.resolve("site.cfg"), """
                # The site's own part, as in Debian's /etc/haproxy/haproxy.cfg
                global
                    %s
                    user haproxy
                    group haproxy
                """.formatted(chroot ? "chroot /var/lib/haproxy" : "# (no /var/lib/haproxy to chroot to)"));
        Path fragment = Files.writeString(dir.resolve("ucloud-im.cfg"), printed);
        SiteHaproxy haproxy = new SiteHaproxy(runtimeSocket, mapFile, site, fragment);
        haproxy.check();
        haproxy.start();
        return haproxy;
    }

    private void check() {
        var check = run(BINARY.toString(), "-c", "-f", siteConfig.toString(), "-f", fragment.toString());
        if (check.exit() != 0 || check.output().contains("ALERT") || check.output().contains("WARNING")) {
            throw new IllegalStateException("haproxy -c refused the configuration: " + check.output());
        }
    }

    /** Starts HAProxy and waits until it answers on the runtime socket. */
    void start() throws Exception {
        process = new ProcessBuilder(BINARY.toString(), "-db", "-f", siteConfig.toString(), "-f", fragment.toString())
                .redirectErrorStream(true).redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited: " + Files.readString(LOG));
            }
            try {
                if (command("show info").contains("Pid: " + process.pid())) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("haproxy did not answer on " + runtimeSocket + ": " + Files.readString(LOG));
    }

    long pid() {
        return process.pid();
    }

    /** Kills HAProxy by its pid, as a crash would, and waits for it to end. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One command on HAProxy's runtime API (as root, who may use the service user's socket). */
    String command(String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(runtimeSocket))) {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            var answer = new java.io.ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** The routes map as HAProxy holds it now: ucloud-username header value to port, in HAProxy's order. */
    Map<String, Integer> routes() throws IOException {
        Map<String, Integer> routes = new LinkedHashMap<>();
        for (String line : command("show map " + mapFile).lines().filter(l -> !l.isBlank()).toList()) {
            String[] fields = line.split(" ");
            routes.put(fields[1], Integer.parseInt(fields[2]));
        }
        return routes;
    }

    /** Requests HAProxy sent straight to instances (the ucloud-im-instance backend) since it started. */
    long requestsStraightToInstances() throws IOException {
        String[] lines = command("show stat").lines().toArray(String[]::new);
        java.util.List<String> columns = java.util.List.of(lines[0].replaceFirst("^# ", "").split(","));
        for (String line : lines) {
            String[] fields = line.split(",", -1);
            if (fields.length > 2 && fields[0].equals("ucloud-im-instance") && fields[1].equals("BACKEND")) {
                return Long.parseLong(fields[columns.indexOf("req_tot")]);
            }
        }
        throw new IllegalStateException("no ucloud-im-instance backend in show stat");
    }

    /** The uid the running HAProxy process has, from /proc. */
    int uid() throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid() + "/status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> Integer.parseInt(l.split("\\s+")[2])).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
