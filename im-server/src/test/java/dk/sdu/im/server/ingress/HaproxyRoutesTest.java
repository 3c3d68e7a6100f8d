package dk.sdu.im.server.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.gateway.RouteKey;
import dk.sdu.im.server.instances.RouteTable;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IM/Server's side of HAProxy mode against the real HAProxy: routes reach its map (observed through its runtime API)
 * and the embedded gateway, go again on down before down returns, survive HAProxy's restarts and outages, and an
 * earlier IM/Server's or a tampered map is put right.
 */
class HaproxyRoutesTest {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String ALICE = "alice#1234";
    private static final String BOB = "bob#5678";

    @TempDir
    Path dir;
    private final RecordingRoutes embedded = new RecordingRoutes();
    private EchoBackend gateway;
    private RealHaproxy haproxy;
    private HaproxyRoutes routes;

    @AfterEach
    void stop() throws Exception {
        if (routes != null) {
            routes.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aRouteReachesHaproxyAndTheEmbeddedGatewayAndIsGoneFromHaproxyWhenDownReturns() throws Exception {
        start();
        try (EchoBackend alice = EchoBackend.start("alice")) {
            routes.up(ALICE, alice.port());
            assertThat(embedded.ports).containsEntry(ALICE, alice.port());
            assertThat(eventually(() -> map().equals(Map.of(RouteKey.header(ALICE), alice.port())))).as(map().toString()).isTrue();
            assertThat(callAs(ALICE)).startsWith("alice ");
            assertThat(Files.readString(haproxy.config.mapFile())).contains(RouteKey.header(ALICE) + " " + alice.port() + "\n");

            routes.down(ALICE);
            assertThat(map()).as("gone from HAProxy when down returned").isEmpty();
            assertThat(embedded.ports).isEmpty();
            assertThat(callAs(ALICE)).as("the embedded gateway decides now").startsWith("gateway ");
            assertThat(Files.readString(haproxy.config.mapFile())).doesNotContain(RouteKey.header(ALICE));
        }
    }

    @Test
    void aRouteThatMovesIsChangedInPlace() throws Exception {
        start();
        routes.up(ALICE, 4001);
        routes.up(ALICE, 4002);
        assertThat(eventually(() -> map().equals(Map.of(RouteKey.header(ALICE), 4002)))).as(map().toString()).isTrue();
        assertThat(haproxy.command("show map " + haproxy.config.mapFile()).lines().count()).as("one entry, not two").isEqualTo(1);
    }

    @Test
    void startingEmptiesAMapAnEarlierIMServerLeft() throws Exception {
        gateway = EchoBackend.start("gateway");
        haproxy = RealHaproxy.prepare(dir, gateway.port());
        Files.writeString(haproxy.config.mapFile(), RouteKey.header(BOB) + " 4444\n");
        haproxy.start();
        assertThat(map()).containsEntry(RouteKey.header(BOB), 4444);
        routes = HaproxyRoutes.start(embedded, haproxy.config, POLL);
        assertThat(eventually(() -> map().isEmpty())).isTrue();
        assertThat(Files.readString(haproxy.config.mapFile())).doesNotContain(RouteKey.header(BOB));
    }

    @Test
    void afterHaproxyRestartsEveryRouteIsSentAgain() throws Exception {
        start();
        routes.up(ALICE, 4001);
        routes.up(BOB, 4002);
        assertThat(eventually(() -> map().size() == 2)).isTrue();
        long before = haproxy.pid();
        haproxy.kill();
        routes.down(BOB);
        routes.up("carol#9", 4003);
        // A map file that lost the routes (as one from a backup would): what HAProxy starts with is not what it ends with.
        Files.writeString(haproxy.config.mapFile(), RouteKey.header(BOB) + " 4002\n");
        haproxy.start();
        assertThat(haproxy.pid()).isNotEqualTo(before);
        Map<String, Integer> wanted = Map.of(RouteKey.header(ALICE), 4001, RouteKey.header("carol#9"), 4003);
        assertThat(eventually(() -> map().equals(wanted))).as(map().toString()).isTrue();
        assertThat(routes.routes()).isEqualTo(wanted);
    }

    @Test
    void whileHaproxyIsDownRoutesStillReachTheEmbeddedGatewayAndHaproxyGetsThemWhenItIsBack() throws Exception {
        gateway = EchoBackend.start("gateway");
        haproxy = RealHaproxy.prepare(dir, gateway.port());
        routes = HaproxyRoutes.start(embedded, haproxy.config, POLL);
        routes.up(ALICE, 4001);
        routes.up(BOB, 4002);
        long begun = System.nanoTime();
        routes.down(BOB);
        assertThat(Duration.ofNanos(System.nanoTime() - begun)).as("down does not hang on a missing HAProxy")
                .isLessThan(HaproxyRoutes.DOWN_PATIENCE.plusSeconds(3));
        assertThat(embedded.ports).isEqualTo(Map.of(ALICE, 4001));
        assertThat(Files.readString(haproxy.config.mapFile())).contains(RouteKey.header(ALICE) + " 4001");
        haproxy.start();
        assertThat(eventually(() -> map().equals(Map.of(RouteKey.header(ALICE), 4001)))).as(map().toString()).isTrue();
    }

    @Test
    void aMapChangedBehindIMServersBackIsPutRight() throws Exception {
        start();
        routes.up(ALICE, 4001);
        assertThat(eventually(() -> map().size() == 1)).isTrue();
        assertThat(haproxy.command("clear map " + haproxy.config.mapFile())).isEmpty();
        assertThat(haproxy.command("add map " + haproxy.config.mapFile() + " " + RouteKey.header(BOB) + " 4002")).isEmpty();
        assertThat(eventually(() -> map().equals(Map.of(RouteKey.header(ALICE), 4001)))).as(map().toString()).isTrue();
    }

    /**
     * What HAProxy sends straight to an instance never passes the embedded gateway: its own stick table says how quiet
     * the user is, 0 while a request is open, and the quieter view wins only where HAProxy has nothing to say.
     */
    @Test
    void quietnessCountsWhatHaproxySentStraightToTheInstance() throws Exception {
        start();
        try (EchoBackend alice = EchoBackend.start("alice")) {
            assertThat(routes.quietMillis(ALICE)).as("nothing anywhere yet").isEqualTo(Long.MAX_VALUE);
            routes.up(ALICE, alice.port());
            assertThat(eventually(() -> map().size() == 1)).isTrue();
            var http = haproxy.client();
            var held = http.sendAsync(HttpRequest.newBuilder(haproxy.uri("/hold")).header("ucloud-username",
                    RouteKey.header(ALICE)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(eventually(() -> routes.quietMillis(ALICE) == 0)).as("a request open at the instance").isTrue();
            alice.release();
            assertThat(held.get().body()).startsWith("alice ");
            assertThat(eventually(() -> {
                long quiet = routes.quietMillis(ALICE);
                return quiet > 0 && quiet < 60_000;
            })).as("quiet since that request: " + routes.quietMillis(ALICE)).isTrue();
            assertThat(routes.quietMillis(BOB)).as("HAProxy sent bob nothing").isEqualTo(Long.MAX_VALUE);
            haproxy.kill();
            assertThat(routes.quietMillis(ALICE)).as("HAProxy gone: the embedded gateway's view").isEqualTo(Long.MAX_VALUE);
        }
    }

    private void start() throws Exception {
        gateway = EchoBackend.start("gateway");
        haproxy = RealHaproxy.start(dir, gateway.port());
        routes = HaproxyRoutes.start(embedded, haproxy.config, POLL);
    }

    /** HAProxy's map as its runtime API lists it: key to port; empty when it cannot be read. */
    private Map<String, Integer> map() {
        try {
            Map<String, Integer> entries = new TreeMap<>();
            for (String line : haproxy.command("show map " + haproxy.config.mapFile()).lines().toList()) {
                String[] fields = line.split(" ");
                entries.put(fields[1], Integer.parseInt(fields[2]));
            }
            return entries;
        } catch (Exception e) {
            return Map.of("unreadable: " + e, -1);
        }
    }

    private String callAs(String user) throws Exception {
        var request = HttpRequest.newBuilder(haproxy.uri("/ucloud/p/files/browse")).header("ucloud-username",
                RouteKey.header(user)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return haproxy.client().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** The embedded gateway's side, as the calls left it. */
    private static final class RecordingRoutes implements RouteTable {
        final Map<String, Integer> ports = new ConcurrentHashMap<>();

        @Override
        public void up(String ucloudUsername, int port) {
            ports.put(ucloudUsername, port);
        }

        @Override
        public void down(String ucloudUsername) {
            ports.remove(ucloudUsername);
        }

        @Override
        public long quietMillis(String ucloudUsername) {
            return Long.MAX_VALUE;
        }
    }
}
