package dk.sdu.im.gateway;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A measurement, not a test: how fast 1 GiB crosses loopback straight from a backend, through the embedded gateway
 * with and without {@code splice(2)}, and through Debian's HAProxy with {@code option splice-response} and
 * {@code splice-request}, in one run on one machine; and what each relay adds to a small request. The backend is a
 * tiny HTTP server in this JVM that sends the file with {@link FileChannel#transferTo} (sendfile).
 *
 * <ul>
 *   <li>download: {@code curl -o /dev/null -w '%{speed_download}'} of the file;</li>
 *   <li>upload: {@code curl -T} of the file (a fixed-length request body), which the backend reads and discards;</li>
 *   <li>tunnel: a WebSocket handshake, then the file sent with sendfile after the {@code 101}, as a WebSocket
 *       upload crosses the relay (a tunnel), until the backend says it has every byte;</li>
 *   <li>latency: sequential small GETs (1 KiB) over one kept-alive connection, p50 and p99.</li>
 * </ul>
 *
 * <p>Run from the repository, after {@code ./mvnw -B -o -q test-compile -pl im-gateway -am}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
 *   -cp im-gateway/target/classes:im-gateway/target/test-classes dk.sdu.im.gateway.RelayBench [runs] [dir] [figures]
 * </pre>
 * {@code figures} is a comma-separated subset of {@code download,upload,tunnel,latency} (default: all).
 * HAProxy is started as a child with a configuration in a temporary folder and stopped by its pid; without
 * {@code /usr/sbin/haproxy} its rows are skipped. The file is written to {@code dir} (default {@code /var/tmp})
 * and deleted at the end.
 */
public final class RelayBench {
    private static final long SIZE = 1L << 30;
    private static final int SMALL = 1024;
    private static final int SMALL_BODY = 200;
    private static final int WARM_REQUESTS = 20_000;
    private static final int TIMED_REQUESTS = 2000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> FIGURES = List.of("download", "upload", "tunnel", "latency");

    private final Path file;
    private final int runs;

    private RelayBench(Path file, int runs) {
        this.file = file;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory(Path.of(args.length > 1 ? args[1] : "/var/tmp"), "relay-bench");
        List<String> figures = args.length > 2 ? List.of(args[2].split(",")) : FIGURES;
        Path file = dir.resolve("source.bin");
        try {
            writeFile(file);
            new RelayBench(file, runs).run(dir, figures);
        } finally {
            Files.deleteIfExists(file);
            try (var left = Files.list(dir)) {
                for (Path path : left.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(dir);
        }
    }

    private void run(Path dir, List<String> figures) throws Exception {
        Backend backend = new Backend(file);
        Optional<KernelSplice> splice = KernelSplice.link();
        if (splice.isEmpty()) {
            System.out.println("splice is unavailable (see the warning above): the 'splice' rows copy in user space");
        }
        EmbeddedGateway spliced = EmbeddedGateway.start(settings(backend.port()), splice);
        EmbeddedGateway copying = EmbeddedGateway.start(settings(backend.port()), Optional.empty());
        int haproxyPort = freePort();
        Process haproxy = Files.isExecutable(HAPROXY) ? haproxy(dir, haproxyPort, backend.port()) : null;
        try {
            LongSupplier inProcess = () -> processCpuNanos() - backend.cpuNanos() - THREADS.getCurrentThreadCpuTime();
            List<Relay> relays = new ArrayList<>(List.of(new Relay("direct", backend.port(), () -> 0),
                    new Relay("gateway, splice", spliced.address().getPort(), inProcess),
                    new Relay("gateway, user space", copying.address().getPort(), inProcess)));
            if (haproxy != null) {
                relays.add(new Relay("haproxy, splice", haproxyPort, () -> childCpuNanos(haproxy.pid())));
            } else {
                System.out.println("haproxy: skipped, " + HAPROXY + " is not installed");
            }
            for (String figure : figures) {
                measure(figure, relays);
            }
            splice.ifPresent(kernel -> System.out.printf(Locale.ROOT, "the splicing gateway spliced %.1f GiB in %d copies%n",
                    kernel.counter().bytes() / (double) SIZE, kernel.counter().copies()));
        } finally {
            if (haproxy != null) {
                stop(haproxy);
            }
            spliced.close();
            copying.close();
            backend.close();
        }
    }

    /** A path to the backend, and the CPU time its relay has used so far (nanoseconds; 0 for none). */
    private record Relay(String name, int port, LongSupplier cpu) {
    }

    /**
     * One figure for every relay: one untimed round, then {@link #runs} rounds, each relay once per round (so that a
     * noisy moment on the machine touches all of them alike).
     */
    private void measure(String figure, List<Relay> relays) throws Exception {
        if (figure.equals("latency")) {
            latency(relays);
            return;
        }
        double[][] rates = new double[relays.size()][runs];
        double[][] cpu = new double[relays.size()][runs];
        for (int round = -1; round < runs; round++) {
            for (int i = 0; i < relays.size(); i++) {
                long cpuBefore = relays.get(i).cpu().getAsLong();
                double rate = transfer(figure, relays.get(i).port());
                if (round >= 0) {
                    rates[i][round] = rate;
                    cpu[i][round] = (relays.get(i).cpu().getAsLong() - cpuBefore) / 1e9;
                }
            }
        }
        System.out.println(figure + " of 1 GiB, GB/s (10^9 bytes/s), each run and the median; the relay's CPU seconds (median):");
        for (int i = 0; i < relays.size(); i++) {
            System.out.printf(Locale.ROOT, "  %-22s %s  cpu %.2f s%n", relays.get(i).name(), rates(rates[i]),
                    percentile(cpu[i], 50));
        }
    }

    private double transfer(String figure, int port) throws Exception {
        return switch (figure) {
            case "download" -> curlDownload(port);
            case "upload" -> curlUpload(port);
            case "tunnel" -> tunnelUpload(port);
            default -> throw new IllegalArgumentException("unknown figure " + figure + " (known: " + FIGURES + ")");
        };
    }

    private static String rates(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(String.format(Locale.ROOT, "%.2f ", value));
        }
        return text + String.format(Locale.ROOT, "(median %.2f)", sorted[sorted.length / 2]);
    }

    // ---- clients ------------------------------------------------------------------------------

    /** GB/s (10^9 bytes) as curl reports it. */
    private double curlDownload(int port) throws Exception {
        return curl("-o", "/dev/null", "-w", "%{speed_download} %{size_download}", "http://127.0.0.1:" + port + "/big");
    }

    private double curlUpload(int port) throws Exception {
        return curl("-o", "/dev/null", "-T", file.toString(), "-w", "%{speed_upload} %{size_upload}",
                "http://127.0.0.1:" + port + "/upload");
    }

    private static double curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--fail"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (curl.waitFor() != 0) {
            throw new IOException("curl failed: " + out);
        }
        String[] parts = out.split(" ");
        if (Long.parseLong(parts[1]) != SIZE) {
            throw new IOException("curl moved " + parts[1] + " bytes, not " + SIZE);
        }
        return Double.parseDouble(parts[0]) / 1e9;
    }

    /** A WebSocket handshake, then the file through the tunnel; GB/s until the backend confirms every byte. */
    private double tunnelUpload(int port) throws IOException {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(LOOPBACK, port));
                FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Socket socket = channel.socket();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /tunnel HTTP/1.1\r\nHost: bench\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream response = socket.getInputStream();
            String head = Backend.head(response);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("no 101: " + head);
            }
            long start = System.nanoTime();
            for (long sent = 0; sent < SIZE; ) {
                sent += in.transferTo(sent, SIZE - sent, channel);
            }
            byte[] done = response.readNBytes(5);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!new String(done, StandardCharsets.ISO_8859_1).equals("done\n")) {
                throw new IOException("the backend did not confirm the upload");
            }
            return SIZE / 1e9 / seconds;
        }
    }

    /**
     * Small GETs, then small POSTs (a JSON body of {@link #SMALL_BODY} bytes, as UCloud's calls are): first
     * {@link #WARM_REQUESTS} on every relay (the gateways share this JVM's compiled code, so the one measured first
     * would otherwise pay for the JIT), then {@link #runs} rounds of {@link #TIMED_REQUESTS} on each.
     */
    private void latency(List<Relay> relays) throws IOException {
        byte[] get = "GET /small HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String json = "{\"path\":\"/" + "x".repeat(SMALL_BODY - 11) + "\"}";
        byte[] post = ("POST /small HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length() + "\r\n\r\n" + json).getBytes(StandardCharsets.ISO_8859_1);
        latency(relays, "small GET (1 KiB reply)", get);
        latency(relays, "small POST (" + json.length() + " byte body, 1 KiB reply)", post);
    }

    private void latency(List<Relay> relays, String name, byte[] request) throws IOException {
        for (Relay relay : relays) {
            smallRequests(relay.port(), WARM_REQUESTS, request);
        }
        double[][] micros = new double[relays.size()][0];
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < relays.size(); i++) {
                double[] more = smallRequests(relays.get(i).port(), TIMED_REQUESTS, request);
                double[] all = Arrays.copyOf(micros[i], micros[i].length + more.length);
                System.arraycopy(more, 0, all, micros[i].length, more.length);
                micros[i] = all;
            }
        }
        System.out.printf(Locale.ROOT, "%s, sequential on one kept-alive connection, %d rounds of %d after %d to warm up, "
                + "microseconds (added: p50 minus direct's):%n", name, runs, TIMED_REQUESTS, WARM_REQUESTS);
        double direct = percentile(micros[0], 50);
        for (int i = 0; i < relays.size(); i++) {
            System.out.printf(Locale.ROOT, "  %-22s p50 %.0f  p90 %.0f  p99 %.0f  added %.0f%n", relays.get(i).name(),
                    percentile(micros[i], 50), percentile(micros[i], 90), percentile(micros[i], 99), percentile(micros[i], 50) - direct);
        }
    }

    /** Microseconds for each of {@code count} sequential {@code request}s on one new connection. */
    private static double[] smallRequests(int port, int count, byte[] request) throws IOException {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            double[] micros = new double[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                out.write(request);
                out.flush();
                String head = Backend.head(in);
                int length = Integer.parseInt(head.replaceAll("(?s).*[Cc]ontent-[Ll]ength: *(\\d+).*", "$1"));
                if (in.readNBytes(length).length != length) {
                    throw new IOException("short small response");
                }
                micros[i] = (System.nanoTime() - start) / 1e3;
            }
            return micros;
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    // ---- the relays -----------------------------------------------------------------------------

    private static EmbeddedGateway.Settings settings(int backendPort) {
        ColdStart none = (user, authorization) -> CompletableFuture.failedFuture(new IllegalStateException("no users"));
        return new EmbeddedGateway.Settings(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, backendPort),
                none, Duration.ofSeconds(2), Duration.ofSeconds(60), 64 * 1024, 1000);
    }

    /** HAProxy in front of the backend, splicing both directions, as a child process; waits until it listens. */
    private static Process haproxy(Path dir, int haproxyPort, int backendPort) throws Exception {
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
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
                frontend fe
                    bind 127.0.0.1:%d
                    default_backend be
                backend be
                    server instance 127.0.0.1:%d
                """.formatted(haproxyPort, backendPort));
        Process process = new ProcessBuilder(HAPROXY.toString(), "-f", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(LOOPBACK, haproxyPort)) {
                return process;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("haproxy exited: " + Files.readString(dir.resolve("haproxy.log")));
                }
                Thread.sleep(20);
            }
        }
        stop(process);
        throw new IOException("haproxy did not listen within 10 s");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User and system time of a child process, from {@code /proc/<pid>/stat} (fields 14 and 15, in clock ticks of 10 ms). */
    private static long childCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM to this pid
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private static void writeFile(Path file) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < SIZE; written += block.length) {
                out.write(block);
            }
        }
    }

    // ---- the backend ------------------------------------------------------------------------------

    /**
     * The backend: {@code GET /big} sends the file (sendfile), {@code GET /small} 1 KiB, a request with a body is
     * read and discarded, and a WebSocket handshake is answered 101 and then reads {@link #SIZE} bytes and says
     * {@code done}. Keeps connections alive; one thread per connection.
     */
    private static final class Backend implements AutoCloseable {
        /** RFC 6455's example accept value, for the example key the client sends; HAProxy checks it. */
        private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
        private final Path file;
        private final ServerSocketChannel listener;
        private final LongAdder finishedCpu = new LongAdder();
        private final Set<Long> live = ConcurrentHashMap.newKeySet();

        /**
         * Platform threads: on a virtual thread the JDK makes the socket non-blocking, and {@code transferTo} then
         * maps the file and writes it instead of calling sendfile.
         */
        Backend(Path file) throws IOException {
            this.file = file;
            listener = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
            Thread.ofPlatform().daemon().start(() -> {
                while (listener.isOpen()) {
                    try {
                        SocketChannel connection = listener.accept();
                        Thread.ofPlatform().daemon().start(() -> serve(connection));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        /** CPU time the backend's connection threads have used, those still running included. */
        long cpuNanos() {
            long running = 0;
            for (long id : live) {
                running += Math.max(0, THREADS.getThreadCpuTime(id));
            }
            return finishedCpu.sum() + running;
        }

        int port() throws IOException {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }

        private void serve(SocketChannel connection) {
            live.add(Thread.currentThread().threadId());
            try {
                serveRequests(connection);
            } finally {
                finishedCpu.add(THREADS.getCurrentThreadCpuTime());
                live.remove(Thread.currentThread().threadId());
            }
        }

        private void serveRequests(SocketChannel connection) {
            try (connection; FileChannel big = FileChannel.open(file, StandardOpenOption.READ)) {
                connection.socket().setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(connection.socket().getInputStream());
                OutputStream out = connection.socket().getOutputStream();
                ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);
                for (String head = head(in); head != null; head = head(in)) {
                    String lower = head.toLowerCase(Locale.ROOT);
                    if (lower.contains("upgrade: websocket")) {
                        out.write(("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        discard(in, connection, SIZE, sink);
                        out.write("done\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        return;
                    }
                    if (lower.contains("content-length:")) {
                        discard(in, connection, Long.parseLong(lower.replaceAll("(?s).*content-length: *(\\d+).*", "$1")), sink);
                        out.write((head.startsWith("POST /small") ? small() : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } else if (head.startsWith("GET /big")) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + SIZE + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        for (long sent = 0; sent < SIZE; ) {
                            sent += big.transferTo(sent, SIZE - sent, connection);
                        }
                    } else {
                        out.write(small().getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        private static String small() {
            return "HTTP/1.1 200 OK\r\nContent-Length: " + SMALL + "\r\n\r\n" + "x".repeat(SMALL);
        }

        /** Reads and drops {@code length} bytes: first what the stream buffered, then from the channel. */
        private static void discard(InputStream in, SocketChannel channel, long length, ByteBuffer sink) throws IOException {
            long left = length;
            int buffered = (int) Math.min(in.available(), left);
            in.skipNBytes(buffered);
            left -= buffered;
            while (left > 0) {
                sink.clear().limit((int) Math.min(sink.capacity(), left));
                int read = channel.read(sink);
                if (read < 0) {
                    throw new IOException("the body ended early");
                }
                left -= read;
            }
        }

        /** A message head up to its blank line, or null at the end of the stream. */
        static String head(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || head.charAt(head.length() - 1) != '\n' || head.charAt(head.length() - 3) != '\n') {
                int b = in.read();
                if (b < 0) {
                    return head.isEmpty() ? null : head.toString();
                }
                head.append((char) b);
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
