package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Figures.bench;
import static dk.sdu.im.systemtest.Figures.median;
import static dk.sdu.im.systemtest.Figures.timeMillis;
import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.browser.DirectDownload;
import dk.sdu.im.testkit.browser.DirectUpload;
import dk.sdu.im.testkit.browser.DownloadResult;
import dk.sdu.im.testkit.browser.FrontendDownload;
import dk.sdu.im.testkit.browser.UploadResult;
import dk.sdu.im.testkit.browser.UploadSource;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code ./bench files}: the first page of a 100,000-entry directory, a 1 GiB WEBSOCKET_V2 upload and a 1 GiB
 * download, all through the gateway as UCloud and the browser do them, each next to a baseline measured in
 * the same run on the same disk ({@code ls -f | head}, {@code cp}). The transfers' targets are HAProxy's figures: the
 * same transfers through HAProxy with splice in front of the same instance ({@link HaproxyRelay}), and straight to the
 * instance's port. Each transfer is also set against informational baselines, {@code cp} and the
 * {@link LoopbackCeiling}s: what one loopback TCP hop into a file allows, which bounds any transfer through a socket
 * well below {@code cp}, and what two hops through a user-space relay allow. The VM's free page reporting is paused meanwhile ({@link PageReportingPause}). Both transfers are measured twice: with the source in the
 * page cache (where {@code cp} is a memory copy inside the kernel) and from the disk (caches dropped before each
 * run, against {@code cp} from the disk). Needs root (real accounts, sudo, dropping caches). The test
 * data is created as alice in her home and deleted at the end. Prints BENCH lines (DESIGN 7) and a table;
 * never fails on a figure, and a figure whose calls fail is reported and skipped.
 */
public final class FilesBench {
    private static final String USER = "alice#1234";
    private static final String DRIVE = "{\"id\":\"7\",\"providerGeneratedId\":\"home " + USER + "\\n/home/" + Installation.ALICE + "\"}";
    private static final int ENTRIES = 100_000;
    private static final int PAGE = 250;
    private static final int BROWSE_CALLS = 20;
    /** Timed runs of each transfer and baseline, after one untimed run. */
    private static final int TRANSFER_RUNS = 5;
    private static final long SIZE = 1L << 30;
    /** Data bytes per CHUNK frame, as the browser sends them. */
    private static final int CHUNK_BYTES = 16 * 1024 * 1024;
    private static final double MIB = 1024 * 1024;
    private static final double GIB = 1024 * MIB;
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);
    /** The figures, in the order measured; {@code ./bench files upload} measures only the ones named. */
    private static final List<String> FIGURES = List.of("browse", "upload", "download", "disk");
    /** Runs of each transfer and baseline from a dropped page cache: each reads the whole source from the disk. */
    private static final int DISK_RUNS = 3;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> table = new ArrayList<>();
    private final Path home = Path.of("/home", Installation.ALICE);
    private final Path bigDir = home.resolve("bench-100k");
    private final Path source = home.resolve("bench-source.bin");
    private final Path copied = home.resolve("bench-cp.bin");
    private final Path uploaded = home.resolve("bench-upload.bin");
    private final Path downloaded = home.resolve("bench-download.bin");
    private ProviderClient client;

    public static void main(String[] args) throws Exception {
        if (!Host.root()) {
            System.out.println("bench files: skipped: needs root (accounts, sudo rule, processes as other users)");
            return;
        }
        List<String> figures = args.length > 1 ? List.of(args).subList(1, args.length) : FIGURES;
        if (!FIGURES.containsAll(figures)) {
            System.out.println("bench files: unknown figure in " + figures + " (known: " + FIGURES + ")");
            System.exit(64);
        }
        new FilesBench().measure(Path.of(args.length > 0 ? args[0] : "im-dist/target/ucloud-im"), figures);
    }

    private void measure(Path dist, List<String> figures) throws Exception {
        Installation site = Installation.install(dist.toAbsolutePath(), 600, List.of());
        client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens());
        try (PageReportingPause pause = PageReportingPause.start()) {
            createData();
            for (String name : figures) {
                figure(name, switch (name) {
                    case "browse" -> this::browse;
                    case "upload" -> this::upload;
                    case "download" -> this::download;
                    default -> this::fromDisk;
                });
            }
            table.add("memory: " + pause.describe());
        } finally {
            deleteData();
            client.close();
            site.close();
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    /** Runs one figure; a failure (e.g. a call the provider does not implement yet) is reported, not thrown. */
    private void figure(String name, Figures.Action action) {
        try {
            action.run();
        } catch (Exception | AssertionError e) {
            System.out.println("bench files: " + name + " failed: " + e);
            table.add(name + ": not measured (" + e.getMessage() + ")");
        }
    }

    // ---- data -------------------------------------------------------------------------------------

    private void createData() {
        long usable = usableBytes();
        if (usable < 5 * SIZE) {
            throw new IllegalStateException("bench files needs 5 GiB free in " + home + ", has " + usable / (1L << 20) + " MiB");
        }
        deleteData();
        must(as(Installation.ALICE, "sh", "-c", "mkdir '" + bigDir + "' && cd '" + bigDir + "' && seq -f 'f%06.0f' 1 " + ENTRIES
                + " | xargs touch"));
        must(as(Installation.ALICE, "sh", "-c", "head -c " + SIZE + " /dev/urandom > '" + source + "'"));
    }

    private void deleteData() {
        run("rm", "-rf", bigDir.toString(), source.toString(), copied.toString(), uploaded.toString(), downloaded.toString());
    }

    private long usableBytes() {
        try {
            return Files.getFileStore(home).getUsableSpace();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- browse ---------------------------------------------------------------------------------------

    private void browse() throws Exception {
        double ls = median(timeMillis(BROWSE_CALLS, () -> must(as(Installation.ALICE, "sh", "-c", "ls -f '" + bigDir + "' | head -" + PAGE))));
        // A folder that changed within the last 2 s is read in full on every listing (its name index could miss a
        // change made within the same timestamp tick); report one such read, then list it as a user finds it.
        ObjectNode first = browseBody(true);
        firstPage(first);
        double fullRead = median(timeMillis(3, () -> firstPage(first)));
        bench("browse_100k_first_page_full_read", fullRead, "ms", ls, "-", true);
        table.add(String.format(Locale.ROOT, "first %d of %,d entries, folder just written (read in full): %.1f ms", PAGE,
                ENTRIES, fullRead));
        Thread.sleep(2_500);
        for (boolean byPath : new boolean[] {false, true}) {
            ObjectNode body = browseBody(byPath);
            for (int i = 0; i < 3; i++) {
                firstPage(body);
            }
            double page = median(timeMillis(BROWSE_CALLS, () -> firstPage(body)));
            String name = byPath ? "browse_100k_first_page_sort_path" : "browse_100k_first_page_default";
            bench(name, page, "ms", ls, "<= 3x baseline", page <= 3 * ls);
            table.add(String.format(Locale.ROOT, "first %d of %,d entries%s: median %.1f ms over %d calls (warm instance, via gateway); "
                    + "ls -f | head -%d as alice: %.1f ms (includes setpriv and sh)", PAGE, ENTRIES, byPath ? ", sortBy PATH" : "", page,
                    BROWSE_CALLS, PAGE, ls));
        }
    }

    private ObjectNode browseBody(boolean byPath) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree("{\"resolvedCollection\":" + DRIVE + ",\"Browse\":{\"flags\":{\"path\":\"/7/"
                + bigDir.getFileName() + "\"},\"itemsPerPage\":" + PAGE + "}}");
        if (byPath) {
            ((ObjectNode) body.get("Browse")).put("sortBy", "PATH").put("sortDirection", "ascending");
        }
        return body;
    }

    private void firstPage(ObjectNode body) {
        Reply reply = client.asUser(USER).post("files/browse", body);
        if (reply.status() != 200 || reply.json().path("items").size() != PAGE) {
            throw new IllegalStateException("files/browse answered " + reply.status() + ": " + abbreviated(reply.body()));
        }
    }

    // ---- upload and download ------------------------------------------------------------------------------

    /**
     * The baselines of a transfer, measured just before it on the same disk: {@code cp} (the target) and
     * the two {@link LoopbackCeiling}s: one loopback TCP hop (the most any transfer over a socket can do here), and
     * two hops through a relay (the most any transfer through a gateway can do here).
     */
    private record Baselines(double cp, double ceiling, double relayedCeiling) {
        String describe() {
            return String.format(Locale.ROOT, "cp as alice %.0f MiB/s, loopback ceilings %.0f MiB/s (sendfile over one TCP hop "
                    + "into a file) and %.0f MiB/s (the same through a relay: two hops, as through the gateway); page cache warm "
                    + "for all, disk synced untimed before each run, cp and the ceilings do not sync their copy", cp, ceiling,
                    relayedCeiling);
        }
    }

    private void upload() throws Exception {
        Baselines baselines = baselines();
        double durable = durableCopyMiBs();
        run("rm", "-f", uploaded.toString());
        uploadOnce(); // untimed, as for the baselines: the instance's first upload of a session runs cold
        CpuMeter cpu = meter();
        double[] rates = meteredRuns(uploaded, this::uploadOnce, cpu);
        double rate = median(rates);
        report("upload_1gib_websocket_v2", rate, baselines);
        bench("upload_1gib_websocket_v2_vs_durable_copy", rate, "MiB/s", durable, "-", true);
        table.add(String.format(Locale.ROOT, "1 GiB upload, WEBSOCKET_V2 via gateway, 16 MiB chunks (testkit DirectUpload, random masks, "
                + "direct buffer; the JDK WebSocket client would take CPU from the module): "
                + "median %.0f MiB/s over %d runs (%s), including the commit's fdatasync; %s; a durable copy (dd conv=fdatasync "
                + "as alice, the disk's part of any upload that commits safely) %.0f MiB/s; %s", rate, TRANSFER_RUNS, runs(rates),
                baselines.describe(), durable, cpu.describe(TRANSFER_RUNS * (double) SIZE / GIB)));
        againstHaproxy("upload_1gib_websocket_v2", rate, uploaded, route -> () -> uploadOnce(route));
    }

    /**
     * One upload from files/upload to COMPLETED, in MiB/s; the file must then be in place with every byte. The client
     * is the testkit's {@link DirectUpload} (frames masked with random keys like a browser's, through a direct
     * buffer): the JDK WebSocket client behind {@code WebSocketV2Upload} spends about half again as much CPU per byte,
     * taken from the two cores the integration module runs on, which a browser's machine would not take.
     */
    private double uploadOnce() throws Exception {
        return uploadOnce(UnaryOperator.identity());
    }

    /** {@link #uploadOnce()} to the endpoint {@code route} makes of the one handed out (another relay, or none). */
    private double uploadOnce(UnaryOperator<String> route) throws Exception {
        long start = System.nanoTime();
        JsonNode created = transferCall("files/upload", "{\"id\":\"/7/" + uploaded.getFileName() + "\",\"type\":\"FILE\","
                + "\"supportedProtocols\":[\"WEBSOCKET_V2\"],\"conflictPolicy\":\"REPLACE\",\"resolvedCollection\":" + DRIVE + "}");
        if (!created.path("protocol").asText().equals("WEBSOCKET_V2")) {
            throw new IllegalStateException("files/upload chose " + created.path("protocol") + ", not WEBSOCKET_V2");
        }
        double call = (System.nanoTime() - start) / 1e9;
        UploadResult result = DirectUpload.run(route.apply(created.path("endpoint").asText()), UploadSource.of(source, ""), CHUNK_BYTES,
                Duration.ofSeconds(60));
        double seconds = call + result.elapsed().toNanos() / 1e9;
        if (!result.isCompleted() || !arrived(uploaded)) {
            throw new IllegalStateException("upload did not complete: " + result.ending() + ", ok " + result.ok() + ", completed "
                    + result.completed() + ", " + result.bytesSent() + " bytes sent, target " + describe(uploaded));
        }
        return SIZE / MIB / seconds;
    }

    private void download() throws Exception {
        Baselines baselines = baselines();
        run("rm", "-f", downloaded.toString());
        downloadOnce(); // untimed, as for the baselines
        CpuMeter cpu = meter();
        double[] rates = meteredRuns(downloaded, this::downloadOnce, cpu);
        double rate = median(rates);
        report("download_1gib", rate, baselines);
        table.add(String.format(Locale.ROOT, "1 GiB download via gateway into alice's home (testkit DirectDownload, "
                + "1 MiB direct buffer; the JDK HttpClient or curl would be the bottleneck): median %.0f MiB/s over %d runs (%s); %s; %s",
                rate, TRANSFER_RUNS, runs(rates), baselines.describe(), cpu.describe(TRANSFER_RUNS * (double) SIZE / GIB)));
        againstHaproxy("download_1gib", rate, downloaded, route -> () -> downloadOnce(route));
    }

    /**
     * One download from files/download to the last byte on disk, in MiB/s. The client is the testkit's
     * {@link DirectDownload}: the JDK HttpClient ({@code Download}) tops out near 350 MiB/s here and curl near 950 MiB/s
     * (8 KiB file writes), both below what the path delivers, so either would measure itself.
     */
    private double downloadOnce() throws Exception {
        return downloadOnce(UnaryOperator.identity());
    }

    /** {@link #downloadOnce()} from the URL {@code route} makes of the one the frontend opens (another relay, or none). */
    private double downloadOnce(UnaryOperator<String> route) throws Exception {
        long start = System.nanoTime();
        JsonNode created = transferCall("files/download", "{\"id\":\"/7/" + source.getFileName() + "\",\"resolvedCollection\":" + DRIVE + "}");
        String opened = FrontendDownload.normalize(created.path("endpoint").asText(), USER); // the URL the frontend opens
        DownloadResult result = DirectDownload.toFile(route.apply(opened), downloaded, TRANSFER_TIMEOUT);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.status() != 200 || result.bytes() != SIZE) {
            throw new IllegalStateException("download answered " + result.status() + " with " + result.bytes() + " bytes: "
                    + abbreviated(String.valueOf(result.errorBody())));
        }
        return SIZE / MIB / seconds;
    }

    /**
     * {@link #TRANSFER_RUNS} timed runs of {@code transfer} (which reports its MiB/s), each after deleting its
     * {@code target} and settling the disk, with {@code cpu} metering only the transfers.
     */
    private double[] meteredRuns(Path target, Figures.Measure transfer, CpuMeter cpu) throws Exception {
        double[] rates = new double[TRANSFER_RUNS];
        for (int i = 0; i < TRANSFER_RUNS; i++) {
            run("rm", "-f", target.toString());
            settle();
            cpu.start();
            rates[i] = transfer.run();
            cpu.stop();
        }
        return rates;
    }

    /** Meters the processes a transfer crosses: this client, IM/Server (the gateway runs in it) and alice's instance. */
    private static CpuMeter meter() {
        var pids = new java.util.LinkedHashMap<String, Long>();
        pids.put("client", ProcessHandle.current().pid());
        pids.put("gateway", Host.processesOf(Installation.SERVICE, "dk.sdu.im.server.ServerMain").getFirst());
        pids.put("instance", Host.instancesOf(Installation.ALICE).getFirst());
        return new CpuMeter(pids);
    }

    /**
     * The same transfer through HAProxy in front of the same instance (spliced both ways, as the service account, see
     * {@link HaproxyRelay}) and straight to the instance's port, {@link #TRANSFER_RUNS} timed runs each after an
     * untimed one, next to the gateway's {@code rate}: the targets are the gateway at 0.9 of HAProxy, and
     * HAProxy at 0.9 of the transfer without a relay (which says the comparison is with a relay that does its job).
     */
    private void againstHaproxy(String name, double rate, Path target, Function<UnaryOperator<String>, Figures.Measure> transfer)
            throws Exception {
        int port = Host.instancePort(Installation.RUN.resolve("ucloud.sock"), USER)
                .orElseThrow(() -> new IllegalStateException("alice's instance is not running"));
        Optional<HaproxyRelay> started = HaproxyRelay.start(port);
        if (started.isEmpty()) {
            System.out.println("bench files: " + name + " through haproxy: not measured, " + HaproxyRelay.BINARY + " is not installed");
            table.add(name + " through haproxy: not measured (" + HaproxyRelay.BINARY + " is not installed)");
            return;
        }
        double[] viaHaproxy;
        double[] direct;
        CpuMeter haproxyCpu;
        try (HaproxyRelay haproxy = started.get()) {
            Figures.Measure through = transfer.apply(haproxy::through);
            through.run(); // untimed, as for the gateway
            haproxyCpu = relayMeter("haproxy", haproxy.pid());
            viaHaproxy = meteredRuns(target, through, haproxyCpu);
        }
        Figures.Measure straight = transfer.apply(endpoint -> HaproxyRelay.onPort(endpoint, port));
        straight.run();
        CpuMeter directCpu = relayMeter(null, 0);
        direct = meteredRuns(target, straight, directCpu);
        double haproxyRate = median(viaHaproxy);
        double directRate = median(direct);
        bench(name + "_vs_haproxy", rate, "MiB/s", haproxyRate, ">= 0.9x baseline", rate >= 0.9 * haproxyRate);
        bench(name + "_haproxy_vs_direct", haproxyRate, "MiB/s", directRate, ">= 0.9x baseline", haproxyRate >= 0.9 * directRate);
        table.add(String.format(Locale.ROOT, "%s through haproxy 2.6 (option splice-request/splice-response, as %s, in front of the "
                + "same instance): median %.0f MiB/s (%s), %s; straight to the instance's port: median %.0f MiB/s (%s), %s; "
                + "the gateway %.0f MiB/s is %.2f of haproxy", name, Installation.SERVICE, haproxyRate, runs(viaHaproxy),
                haproxyCpu.describe(TRANSFER_RUNS * (double) SIZE / GIB), directRate, runs(direct),
                directCpu.describe(TRANSFER_RUNS * (double) SIZE / GIB), rate, rate / haproxyRate));
    }

    /** Meters this client, the relay {@code name} (none when null) and alice's instance. */
    private static CpuMeter relayMeter(String name, long pid) {
        var pids = new java.util.LinkedHashMap<String, Long>();
        pids.put("client", ProcessHandle.current().pid());
        if (name != null) {
            pids.put(name, pid);
        }
        pids.put("instance", Host.instancesOf(Installation.ALICE).getFirst());
        return new CpuMeter(pids);
    }

    /**
     * Both transfers again with the page cache dropped before every run, so that the source comes from the disk, as
     * a file on a cluster's storage usually does, next to {@code cp} from the disk: synced for the upload (which
     * forces its file), not synced for the download (whose file lands in the client's page cache, as cp's does).
     */
    private void fromDisk() throws Exception {
        double cp = median(coldRuns(() -> copyFromDisk(false)));
        double cpSynced = median(coldRuns(() -> copyFromDisk(true)));
        Figures.Action relayedCopy = ceilingCopy(true);
        double relayed = median(coldRuns(() -> SIZE / MIB / (timeMillis(1, relayedCopy)[0] / 1000)));
        uploadOnce(); // the instance runs (an upload's first call may start it), and its port is known
        CpuMeter uploadCpu = meter();
        double[] uploads = coldRuns(this::uploadOnce, uploadCpu);
        int port = Host.instancePort(Installation.RUN.resolve("ucloud.sock"), USER)
                .orElseThrow(() -> new IllegalStateException("alice's instance is not running"));
        CpuMeter straightCpu = relayMeter(null, 0);
        double[] straight = coldRuns(() -> uploadOnce(endpoint -> HaproxyRelay.onPort(endpoint, port)), straightCpu);
        double[] downloads = coldRuns(this::downloadOnce);
        double upload = median(uploads);
        double download = median(downloads);
        bench("upload_1gib_websocket_v2_from_disk", upload, "MiB/s", cpSynced, ">= 0.8x baseline", upload >= 0.8 * cpSynced);
        bench("upload_1gib_websocket_v2_from_disk_straight_to_instance", median(straight), "MiB/s", cpSynced, "-", true);
        bench("download_1gib_from_disk", download, "MiB/s", cp, ">= 0.7x baseline", download >= 0.7 * cp);
        bench("download_1gib_from_disk_vs_relayed_loopback", download, "MiB/s", relayed, "-", true);
        bench("relayed_loopback_from_disk_vs_cp", relayed, "MiB/s", cp, "-", true);
        table.add(String.format(Locale.ROOT, "from the disk (page cache dropped before each run, %d runs): upload %.0f MiB/s (%s) against "
                + "cp then sync of the copy %.0f MiB/s; download %.0f MiB/s (%s) against cp %.0f MiB/s and the relayed loopback "
                + "ceiling %.0f MiB/s", DISK_RUNS, upload, runs(uploads), cpSynced, download, runs(downloads), cp, relayed));
        table.add(String.format(Locale.ROOT, "from the disk, where the upload's time goes: via the gateway %s; straight to the instance's "
                + "port %.0f MiB/s (%s), %s", uploadCpu.describe(DISK_RUNS * (double) SIZE / GIB), median(straight), runs(straight),
                straightCpu.describe(DISK_RUNS * (double) SIZE / GIB)));
    }

    /** {@code cp} of the source as alice, optionally followed by an fsync of the copy; MiB/s. */
    private double copyFromDisk(boolean synced) throws Exception {
        String command = "cp --reflink=never '" + source + "' '" + copied + "'" + (synced ? " && sync '" + copied + "'" : "");
        return SIZE / MIB / (timeMillis(1, () -> must(as(Installation.ALICE, "sh", "-c", command)))[0] / 1000);
    }

    /** {@code run} (a transfer or copy giving MiB/s) {@link #DISK_RUNS} times, each after its targets were deleted and caches dropped. */
    private double[] coldRuns(Figures.Measure run) throws Exception {
        return coldRuns(run, null);
    }

    /** {@link #coldRuns(Figures.Measure)} with {@code cpu} (unless null) metering only the runs themselves. */
    private double[] coldRuns(Figures.Measure run, CpuMeter cpu) throws Exception {
        double[] rates = new double[DISK_RUNS];
        for (int i = 0; i < DISK_RUNS; i++) {
            run("rm", "-f", copied.toString(), uploaded.toString(), downloaded.toString());
            must("sh", "-c", "sync && echo 3 > /proc/sys/vm/drop_caches");
            if (cpu != null) {
                cpu.start();
            }
            rates[i] = run.run();
            if (cpu != null) {
                cpu.stop();
            }
        }
        run("rm", "-f", copied.toString(), uploaded.toString(), downloaded.toString());
        return rates;
    }

    /** A bulk call with one item; its one response item. */
    private JsonNode transferCall(String op, String item) throws Exception {
        Reply reply = client.asUser(USER).post(op, "{\"items\":[" + item + "]}");
        JsonNode response = reply.status() == 200 ? reply.json().path("responses").path(0) : null;
        if (response == null || !response.path("endpoint").isTextual()) {
            throw new IllegalStateException(op + " answered " + reply.status() + ": " + abbreviated(reply.body()));
        }
        return response;
    }

    /**
     * The BENCH lines of a transfer for information: against cp, against each loopback ceiling (the fraction of what a
     * socket, and a relayed socket, allow here that the transfer reaches), and the relayed ceiling against cp. Its
     * targets are HAProxy's figures ({@link #againstHaproxy}): the relayed ceiling copies through user space, which
     * is not the limit of a relay (splice(2) moves the bytes inside the kernel), and cp is no relay at all.
     */
    private static void report(String name, double rate, Baselines baselines) {
        bench(name, rate, "MiB/s", baselines.cp(), "-", true);
        bench(name + "_vs_loopback", rate, "MiB/s", baselines.ceiling(), "-", true);
        bench(name + "_vs_relayed_loopback", rate, "MiB/s", baselines.relayedCeiling(), "-", true);
        bench(name + "_relayed_loopback_vs_cp", baselines.relayedCeiling(), "MiB/s", baselines.cp(), "-", true);
    }

    private Baselines baselines() throws Exception {
        return new Baselines(copyMiBs(), ceilingMiBs(false), ceilingMiBs(true));
    }

    /**
     * {@code cp} of the source as alice on the same file system, in MiB/s (median of the runs). One untimed copy
     * first, so the source is in the page cache as it is for the transfer measured next.
     */
    private double copyMiBs() throws Exception {
        return baselineMiBs(() -> must(as(Installation.ALICE, "cp", "--reflink=never", source.toString(), copied.toString())));
    }

    /**
     * A copy that ends with its data on disk ({@code dd conv=fdatasync} as alice), in MiB/s: an upload's commit forces
     * the file before it renames it into place, so this disk's write speed bounds every safe upload, whatever the
     * network path; {@code cp} only fills the page cache.
     */
    private double durableCopyMiBs() throws Exception {
        return baselineMiBs(() -> must(as(Installation.ALICE, "dd", "if=" + source, "of=" + copied, "bs=1M", "conv=fdatasync",
                "status=none")));
    }

    /** A {@link LoopbackCeiling} from the source to a file beside it, in MiB/s (median of the runs, one untimed first). */
    private double ceilingMiBs(boolean relayed) throws Exception {
        return baselineMiBs(ceilingCopy(relayed));
    }

    private Figures.Action ceilingCopy(boolean relayed) {
        LoopbackCeiling hop = new LoopbackCeiling(source, copied, relayed);
        return () -> {
            if (hop.copy() != SIZE) {
                throw new IllegalStateException("the loopback copy lost bytes");
            }
        };
    }

    /** A baseline copy of the source to {@code copied}: one untimed run, then the median of the timed ones, in MiB/s. */
    private double baselineMiBs(Figures.Action copy) throws Exception {
        copy.run();
        double[] rates = new double[TRANSFER_RUNS];
        for (int i = 0; i < TRANSFER_RUNS; i++) {
            run("rm", "-f", copied.toString());
            settle();
            rates[i] = SIZE / MIB / (timeMillis(1, copy)[0] / 1000);
        }
        run("rm", "-f", copied.toString());
        return median(rates);
    }

    /** Each run's figure, in the order measured: the spread tells how noisy the machine was. */
    private static String runs(double[] rates) {
        return Arrays.stream(rates).mapToObj(rate -> String.format(Locale.ROOT, "%.0f", rate)).collect(Collectors.joining(", "));
    }

    /**
     * Writes back what earlier runs left dirty (and the discards of what they deleted), untimed, so that each timed
     * run pays for its own writes only: the upload's commit forces its file to disk, and would otherwise also wait
     * for the gigabytes the baselines wrote just before.
     */
    private static void settle() {
        must("sync");
    }

    /** Whether the uploaded file is in place with its full size (allowing a moment for the final rename). */
    private static boolean arrived(Path file) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (Files.exists(file) && sizeOf(file) == SIZE) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String describe(Path file) {
        return Files.exists(file) ? sizeOf(file) + " bytes" : "missing";
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
