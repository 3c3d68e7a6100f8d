package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.BOB;
import static dk.sdu.im.systemtest.Installation.CAROL;
import static dk.sdu.im.systemtest.Installation.PREFIX;
import static dk.sdu.im.systemtest.Installation.PROVIDER;
import static dk.sdu.im.systemtest.Installation.RUN;
import static dk.sdu.im.systemtest.Installation.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.gateway.RouteKey;
import dk.sdu.im.testkit.browser.BrowserReach;
import dk.sdu.im.testkit.browser.BrowserSocket;
import dk.sdu.im.testkit.browser.ChunkedUpload;
import dk.sdu.im.testkit.browser.DownloadResult;
import dk.sdu.im.testkit.browser.DownloadSink;
import dk.sdu.im.testkit.browser.FrontendDownload;
import dk.sdu.im.testkit.browser.SocketEvent;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * HAProxy mode ({@code gateway.type: haproxy}) end to end: Debian's haproxy with the printed configuration and TLS in
 * front, IM/Server keeping its routes map in step over the runtime API, real instances through sudo. HAProxy's own
 * view is read through its runtime API ({@code show map}, {@code show stat}), so "straight to the instance" and "in
 * the map" are what HAProxy says, not what IM/Server believes.
 *
 * <p>Runs in the module's haproxy execution ({@code -Dim.gateway.mode=haproxy}); the rest of the system tier runs
 * there too, through HAProxy. Everything it makes in the homes is named {@code hx-...} and removed before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxySystemTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ALICE_UCLOUD = "alice#1234";
    private static final String BOB_UCLOUD = "bob#5678";
    private static final int IDLE_SECONDS = 15;
    private static final Pattern VERIFIED = Pattern.compile("instance for (\\S+) verified \\(uid \\d+, pid \\d+, port (\\d+)\\)");

    private final ObjectMapper json = new ObjectMapper();
    private Installation site;
    private ProviderClient client;

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Installation.MODE == Installation.GatewayMode.HAPROXY, "about HAProxy mode: runs in the module's"
                + " haproxy execution (-Dim.gateway.mode=haproxy), where the whole system tier runs through HAProxy");
        assumeTrue(Host.root(), "needs root: creates accounts, installs a sudo rule and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        site = Installation.install(Path.of(System.getProperty("im.dist")), IDLE_SECONDS, List.of());
        client = new ProviderClient(site.gateway(), PROVIDER, site.provider.tokens(), Duration.ofSeconds(20));
        removeLeftovers();
    }

    @AfterAll
    void uninstall() throws Exception {
        if (site == null) {
            return;
        }
        try {
            site.stopServer();
            assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty() && Host.instancesOf(BOB).isEmpty()))
                    .as("no instance outlives IM/Server").isTrue();
            assertThat(site.haproxy.routes()).as("IM/Server took its routes out of HAProxy as it stopped").isEmpty();
        } finally {
            site.close();
            client.close();
            removeLeftovers();
        }
    }

    @Test
    @Order(1)
    void haproxyRunsAsItsOwnAccountAndOnlyTheServiceAccountMayUseItsRuntimeApi() throws Exception {
        assertThat(site.haproxy.uid()).as("HAProxy dropped root").isEqualTo(Host.uid(SiteHaproxy.ACCOUNT));
        Path socket = site.haproxy.runtimeSocket;
        assertThat((Integer) Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(Host.uid(SERVICE));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-------");
        Path source = Path.of("/tmp/UnixConnect.java");
        Files.copy(getClass().getResourceAsStream("/UnixConnect.java"), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        source.toFile().setReadable(true, false);
        String java = ProcessHandle.current().info().command().orElseThrow();
        var asCarol = run(as(CAROL, java, source.toString(), socket.toString(), "show map " + site.haproxy.mapFile));
        assertThat(asCarol.output()).as("carol may not use the runtime API").contains("REFUSED").contains("Permission denied")
                .doesNotContain("ANSWERED");
        assertThat(site.haproxy.command("show info")).contains("Pid: " + site.haproxy.pid());
    }

    /**
     * DESIGN 4.5 through HAProxy's eyes: while alice's instance cold-starts (the request held by the embedded gateway,
     * HAProxy's fallback) and carol tries to register a port she squats as an instance, the map is read as fast as the
     * runtime API answers. Every entry ever seen is alice's, with the port of the instance IM/Server verified.
     */
    @Test
    @Order(2)
    void aRouteIsInHaproxysMapOnlyForAnInstanceThatRegistered() throws Exception {
        assertThat(site.haproxy.routes()).isEmpty();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Map<String, Integer> ownerWhenSeen = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        var reads = new java.util.concurrent.atomic.AtomicLong();
        Thread watcher = Thread.ofPlatform().name("map-watcher").start(() -> {
            while (watching.get()) {
                try {
                    site.haproxy.routes().forEach((key, port) -> {
                        if (seen.add(key + " " + port)) {
                            ownerWhenSeen.put(key + " " + port, listenerOwner(port)); // at once: who listens there now
                        }
                    });
                    reads.incrementAndGet();
                } catch (java.io.IOException e) {
                    seen.add("unreadable: " + e);
                }
            }
        });
        try (var squatted = new java.net.ServerSocket(0)) {
            Path source = Path.of("/tmp/IpcImpostor.java");
            Files.copy(getClass().getResourceAsStream("/IpcImpostor.java"), source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            source.toFile().setReadable(true, false);
            String java = ProcessHandle.current().info().command().orElseThrow();
            var impostor = run(as(CAROL, java, "--enable-native-access=ALL-UNNAMED", "-cp", PREFIX.resolve("lib") + "/*",
                    source.toString(), RUN.resolve("ucloud.sock").toString(), Integer.toString(squatted.getLocalPort())));
            assertThat(impostor.output()).doesNotContain("ASSIGNED");

            Reply reply = browse(ALICE_UCLOUD, ALICE);
            assertThat(reply.status()).as(reply.body() + site.log()).isEqualTo(200);
            int port = verifiedPort(ALICE_UCLOUD);
            String alices = RouteKey.header(ALICE_UCLOUD) + " " + port;
            assertThat(eventually(() -> seen.contains(alices))).as("the route reached HAProxy").isTrue();
            long readsNow = reads.get();
            assertThat(eventually(() -> reads.get() > readsNow + 100)).isTrue();
            watching.set(false);
            watcher.join();
            assertThat(seen).as("after %d reads of the map", reads.get()).containsExactly(alices);
            assertThat(ownerWhenSeen).as("when it first appeared, alice's own process listened on the port")
                    .containsExactly(Map.entry(alices, Host.uid(ALICE)));
            assertThat(seen).noneMatch(entry -> entry.endsWith(" " + squatted.getLocalPort()));
        } finally {
            watching.set(false);
            watcher.join();
        }
    }

    @Test
    @Order(3)
    void callsForTwoUsersGoStraightToTheirOwnInstances() throws Exception {
        assertThat(browse(BOB_UCLOUD, BOB).status()).as("bob's cold start through HAProxy " + site.log()).isEqualTo(200);
        Map<String, Integer> both = Map.of(RouteKey.header(ALICE_UCLOUD), verifiedPort(ALICE_UCLOUD),
                RouteKey.header(BOB_UCLOUD), verifiedPort(BOB_UCLOUD));
        assertThat(eventually(() -> routes().equals(both))).as(routes().toString()).isTrue();
        long before = site.haproxy.requestsStraightToInstances();
        for (int i = 0; i < 3; i++) {
            for (String[] user : new String[][] {{ALICE_UCLOUD, ALICE}, {BOB_UCLOUD, BOB}}) {
                Reply reply = browse(user[0], user[1]);
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                assertThat(reply.json().get("items")).allSatisfy(item ->
                        assertThat(item.at("/status/unixOwner").asInt()).as("served as " + user[1]).isEqualTo(Host.uid(user[1])));
            }
        }
        assertThat(eventually(() -> straightSince(before) == 6)).as("HAProxy's own count: " + straightSince(before)).isTrue();
        Reply wrong = client.asUserWithClaim(BOB_UCLOUD).withUsernameHeader(ALICE_UCLOUD).post("files/browse",
                browseBody(ALICE_UCLOUD, ALICE));
        assertThat(wrong.status()).as("alice's instance still checks the token's user").isEqualTo(403);
    }

    /** A CHUNKED upload (routed by its header), a download and a WebSocket with the header: straight to the instance. */
    @Test
    @Order(4)
    void anUploadADownloadAndAWebSocketWorkStraightThroughHaproxy() throws Exception {
        long before = site.haproxy.requestsStraightToInstances();
        byte[] data = new byte[3 * 1024 * 1024 + 77];
        new Random(7).nextBytes(data);
        Reply created = alice().post("files/upload", upload("/7/hx-upload.bin", "CHUNKED"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String endpoint = created.json().at("/responses/0/endpoint").asText();
        assertThat(endpoint).startsWith(site.gateway() + "/ucloud/" + PROVIDER + "/upload?");
        try (var browser = new ChunkedUpload(Duration.ofSeconds(20))) {
            Reply posted = browser.post(new ChunkedUpload.Chunk(endpoint, created.json().at("/responses/0/token").asText(), 0,
                    data.length, ALICE_UCLOUD, data));
            assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        }
        Path landed = Path.of("/home", ALICE, "hx-upload.bin");
        assertThat(Files.readAllBytes(landed)).isEqualTo(data);
        assertThat((Integer) Files.getAttribute(landed, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(Host.uid(ALICE));

        Reply link = alice().post("files/download", json.readTree("""
                {"items":[{"id":"/7/hx-upload.bin","resolvedCollection":%s}]}""".formatted(drive(ALICE_UCLOUD, ALICE))));
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        try (var download = new FrontendDownload(ALICE_UCLOUD, BrowserReach.asIs(), Duration.ofSeconds(20))) {
            DownloadResult whole = download.open(link.json().at("/responses/0/endpoint").asText(), new DownloadSink.ToDigest("SHA-256"));
            assertThat(whole.status()).as(whole.errorBody()).isEqualTo(200);
            assertThat(whole.digestHex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        }

        List<String> frames = searchWithHeader("hx-upload");
        assertThat(String.join("\n", frames)).contains("/7/hx-upload.bin");
        assertThat(eventually(() -> straightSince(before) >= 4))
                .as("the files calls, the upload's POST and the WebSocket upgrade went straight to the instance: "
                        + straightSince(before)).isTrue();
    }

    /**
     * A restart of HAProxy in mid-run (killed by its pid, started again): every route works again, straight to the
     * instances. The second time its map file has lost the routes before it starts, so only IM/Server re-sending every
     * route brings them back.
     */
    @Test
    @Order(5)
    void afterHaproxyRestartsEveryRouteWorksAgain() throws Exception {
        for (boolean staleFile : new boolean[] {false, true}) {
            assertThat(browse(ALICE_UCLOUD, ALICE).status()).isEqualTo(200);
            assertThat(browse(BOB_UCLOUD, BOB).status()).isEqualTo(200);
            Map<String, Integer> both = Map.of(RouteKey.header(ALICE_UCLOUD), verifiedPort(ALICE_UCLOUD),
                    RouteKey.header(BOB_UCLOUD), verifiedPort(BOB_UCLOUD));
            assertThat(eventually(() -> routes().equals(both))).as(routes().toString()).isTrue();
            long before = site.haproxy.pid();
            int logged = site.log().length();
            site.haproxy.kill();
            if (staleFile) {
                Files.writeString(site.haproxy.mapFile, "");
            }
            site.haproxy.start();
            assertThat(site.haproxy.pid()).isNotEqualTo(before);
            assertThat(eventually(() -> routes().equals(both))).as("stale file " + staleFile + ": " + routes()).isTrue();
            assertThat(eventually(() -> site.log().substring(logged).contains("HAProxy restarted (pid " + before)))
                    .as(site.log().substring(logged)).isTrue();
            long direct = site.haproxy.requestsStraightToInstances();
            assertThat(browse(ALICE_UCLOUD, ALICE).status()).isEqualTo(200);
            assertThat(browse(BOB_UCLOUD, BOB).status()).isEqualTo(200);
            assertThat(eventually(() -> straightSince(direct) == 2)).as("straight to both: " + straightSince(direct)).isTrue();
        }
    }

    /**
     * Requests HAProxy sends straight to an instance never pass the embedded gateway, so only the instance's own reports
     * say it is busy: alice, served only that way for longer than the idle timeout, keeps her instance, while bob's,
     * unused, stops and its route leaves HAProxy's map first. Then alice's idles out too.
     */
    @Test
    @Order(6)
    void anInstanceInUseThroughHaproxyStaysAndAnIdleOneLosesItsRouteAndStops() throws Exception {
        List<Long> alice = Host.instancesOf(ALICE);
        assertThat(alice).hasSize(1);
        long direct = site.haproxy.requestsStraightToInstances();
        int calls = 0;
        long until = System.nanoTime() + Duration.ofSeconds(IDLE_SECONDS * 2L).toNanos();
        while (System.nanoTime() < until || Host.instancesOf(BOB).size() > 0 && calls < 120) {
            assertThat(browse(ALICE_UCLOUD, ALICE).status()).isEqualTo(200);
            calls++;
            Thread.sleep(1000);
        }
        int made = calls;
        assertThat(eventually(() -> straightSince(direct) == made)).as("every call went straight to the instance: "
                + straightSince(direct) + " of " + made).isTrue();
        assertThat(Host.instancesOf(ALICE)).as("the instance in use").isEqualTo(alice);
        assertThat(Host.instancesOf(BOB)).as("the idle one stopped").isEmpty();
        assertThat(routes()).as("and only the idle one's route left HAProxy")
                .isEqualTo(Map.of(RouteKey.header(ALICE_UCLOUD), verifiedPort(ALICE_UCLOUD)));

        assertThat(eventually(() -> Host.instancesOf(ALICE).isEmpty())).as("alice's idles out once unused").isTrue();
        assertThat(eventually(() -> routes().isEmpty())).as(routes().toString()).isTrue();
        assertThat(browse(ALICE_UCLOUD, ALICE).status()).as("and a new cold start goes through HAProxy").isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private dk.sdu.im.testkit.client.Caller alice() {
        return client.asUser(ALICE_UCLOUD);
    }

    private Reply browse(String ucloudUser, String localUser) throws Exception {
        return client.asUser(ucloudUser).post("files/browse", browseBody(ucloudUser, localUser));
    }

    private ObjectNode browseBody(String ucloudUser, String localUser) throws Exception {
        return (ObjectNode) json.readTree("""
                {"resolvedCollection":%s,"Browse":{"flags":{"path":"/7"},"itemsPerPage":50}}""".formatted(drive(ucloudUser, localUser)));
    }

    private static String drive(String ucloudUser, String localUser) {
        return "{\"id\":\"7\",\"providerGeneratedId\":\"home " + ucloudUser + "\\n/home/" + localUser + "\"}";
    }

    private ObjectNode upload(String id, String protocol) throws Exception {
        ObjectNode item = json.createObjectNode();
        item.put("id", id);
        item.set("resolvedCollection", json.readTree(drive(ALICE_UCLOUD, ALICE)));
        item.put("type", "FILE");
        item.putArray("supportedProtocols").add(protocol);
        item.put("conflictPolicy", "REPLACE");
        ObjectNode request = json.createObjectNode();
        request.putArray("items").add(item);
        return request;
    }

    /** A streaming search over a WebSocket whose upgrade carries {@code ucloud-username} (no hint): its text frames. */
    private List<String> searchWithHeader(String query) throws Exception {
        String base = site.gateway().toString().replaceFirst("^http", "ws");
        ObjectNode frame = json.createObjectNode();
        frame.put("call", "files.provider." + PROVIDER + ".streamingSearch");
        frame.put("streamId", "s1");
        ObjectNode payload = frame.putObject("payload");
        payload.put("query", query);
        payload.putObject("owner").put("createdBy", ALICE_UCLOUD).putNull("project");
        payload.putObject("flags");
        payload.putObject("category").put("name", "home").put("provider", PROVIDER);
        payload.put("currentFolder", "/7");
        frame.put("bearer", "");
        frame.putNull("project");
        List<String> frames = new ArrayList<>();
        try (var socket = BrowserSocket.open(java.net.URI.create(base + "/ucloud/" + PROVIDER + "/files"), Map.of(
                "Authorization", "Bearer " + site.provider.tokens().serviceToken(),
                "ucloud-username", RouteKey.header(ALICE_UCLOUD)), PATIENCE, true)) {
            socket.sendText(frame.toString());
            while (true) {
                SocketEvent event = socket.next(PATIENCE).orElseThrow(() -> new AssertionError("search went quiet: " + frames));
                if (event instanceof SocketEvent.Text text) {
                    frames.add(text.text());
                } else if (event instanceof SocketEvent.Closed closed) {
                    assertThat(closed.status().code()).as(frames.toString()).isEqualTo(1000);
                    return frames;
                } else {
                    throw new AssertionError("search ended with " + event + " after " + frames);
                }
            }
        }
    }

    /**
     * Requests HAProxy sent straight to an instance since it had counted {@code before}. HAProxy counts a request when
     * its exchange ends, which may be just after the client read the reply, so callers wait for the count.
     */
    private long straightSince(long before) {
        try {
            return site.haproxy.requestsStraightToInstances() - before;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** HAProxy's routes map now; a read that fails is an entry that can never match. */
    private Map<String, Integer> routes() {
        try {
            return site.haproxy.routes();
        } catch (java.io.IOException e) {
            return Map.of("unreadable: " + e, -1);
        }
    }

    /** The uid owning the TCP listener on loopback {@code port}, from the kernel's socket table; -1 if none listens. */
    private static int listenerOwner(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 7 && fields[3].equals("0A") && fields[1].endsWith(hexPort)) {
                        return Integer.parseInt(fields[7]);
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                return -2;
            }
        }
        return -1;
    }

    /** The port of the user's last instance IM/Server verified, from its log line. */
    private int verifiedPort(String ucloudUser) {
        Matcher matcher = VERIFIED.matcher(site.log());
        int port = -1;
        while (matcher.find()) {
            if (matcher.group(1).equals(ucloudUser)) {
                port = Integer.parseInt(matcher.group(2));
            }
        }
        assertThat(port).as("a verified instance of " + ucloudUser + " in " + site.log()).isPositive();
        return port;
    }

    private static void removeLeftovers() throws java.io.IOException {
        for (String user : List.of(ALICE, BOB)) {
            Path home = Path.of("/home", user);
            if (Files.isDirectory(home)) {
                try (Stream<Path> entries = Files.list(home)) {
                    for (Path entry : entries.toList()) {
                        String name = entry.getFileName().toString();
                        if (name.startsWith("hx-") || name.startsWith(".hx-")) {
                            must("rm", "-rf", entry.toString());
                        }
                    }
                }
            }
        }
    }

    private static boolean eventually(BooleanSupplier condition) {
        return Host.eventually(PATIENCE, condition);
    }
}
