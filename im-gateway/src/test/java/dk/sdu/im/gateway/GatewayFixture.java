package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A gateway on 127.0.0.1 with three backends that say who they are: IM/Server ("system") and the
 * instances of alice and bob, both routed. Other users have no route, so they go to the fake cold start.
 * A test class holds one per test as {@code @RegisterExtension final GatewayFixture fixture = GatewayFixture.started();},
 * which closes everything it started after each test.
 */
final class GatewayFixture implements AfterEachCallback {
    static final String ALICE = "alice#1234";
    static final String BOB = "bob#5678";
    static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    final FakeColdStart coldStart = new FakeColdStart();
    final NamedBackend system;
    final NamedBackend alice;
    final NamedBackend bob;
    final EmbeddedGateway gateway;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** A started fixture; a gateway or backend that cannot listen fails the test that needs it. */
    static GatewayFixture started() {
        return startedTrusting(TrustedProxies.none());
    }

    /** A started fixture whose gateway believes the forwarding fields of {@code proxies}. */
    static GatewayFixture startedTrusting(TrustedProxies proxies) {
        try {
            return new GatewayFixture(proxies);
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway fixture could not start", e);
        }
    }

    private GatewayFixture(TrustedProxies proxies) throws IOException {
        system = closeLater(new NamedBackend("system"));
        alice = closeLater(new NamedBackend("alice"));
        bob = closeLater(new NamedBackend("bob"));
        gateway = closeLater(EmbeddedGateway.start(settings(system.address()).trusting(proxies)));
        gateway.up(ALICE, alice.port());
        gateway.up(BOB, bob.port());
    }

    EmbeddedGateway.Settings settings(InetSocketAddress systemBackend) {
        return new EmbeddedGateway.Settings(new InetSocketAddress(LOOPBACK, 0), systemBackend, coldStart,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 64 * 1024, 1000);
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.address().getPort() + pathAndQuery);
    }

    URI webSocketUri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + gateway.address().getPort() + pathAndQuery);
    }

    /** What the tests send as UCloud's token; the gateway passes it to the cold start unread. */
    static final String CORE_TOKEN = "Bearer core-token";

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET as a user (by the ucloud-username header), or as the system when {@code user} is null. */
    /** A GET as Core sends it for {@code user}: the header and a token (which only IM/Server's cold start looks at). */
    HttpResponse<String> getAs(String user, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(pathAndQuery);
        if (user != null) {
            request.header("ucloud-username", RouteKey.header(user)).header("Authorization", CORE_TOKEN);
        }
        return send(request.build());
    }

    RawClient raw() throws IOException {
        return closeLater(new RawClient(gateway.address()));
    }

    /** A raw client whose socket is bound to {@code from} (any 127/8 address reaches the gateway over lo on Linux). */
    RawClient rawFrom(String from) throws IOException {
        return closeLater(new RawClient(connectFrom(from, gateway.address())));
    }

    /**
     * A socket bound to {@code from} and connected to {@code to}; the test is skipped (not failed) where the system
     * does not route that loopback address, since what it shows needs a second client address.
     */
    Socket connectFrom(String from, InetSocketAddress to) throws IOException {
        Socket socket = closeLater(new Socket());
        try {
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral(from), 0));
        } catch (IOException e) {
            Assumptions.abort("cannot bind the loopback address " + from + " (Linux routes all of 127/8 to lo): " + e);
        }
        socket.connect(to);
        return socket;
    }

    /** A loopback port on which nothing listens. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    /** Waits (at most 10 s) until the condition holds; a state check, never a timing assertion. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never happened: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Stops the gateway, the backends and everything registered with {@link #closeLater}. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
        http.shutdownNow();
    }
}
