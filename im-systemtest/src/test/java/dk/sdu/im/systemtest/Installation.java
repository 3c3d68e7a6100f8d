package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;

import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A site installation made the way an administrator would: the distribution copied root-owned to a prefix,
 * the service account, users in the allowed group and one outside it, the sudo rule checked with visudo,
 * the configuration (secrets owned by the service user, mode 0600), and IM/Server started as the service
 * user. Everything it creates has a "systest" name so it never touches a real installation.
 *
 * <p>Two modes, chosen for the whole test JVM by the system property {@code im.gateway.mode} (the module's two
 * Surefire executions): {@code embedded} (default), where the embedded gateway is the public listener on
 * {@link #gatewayPort}, and {@code haproxy}, where Debian's haproxy is, with TLS from a test CA on {@link #publicPort},
 * started after IM/Server with the configuration {@code ucloud-im haproxy-config} prints ({@link SiteHaproxy}), and
 * the embedded gateway listens on loopback behind it. {@link #gateway()} is what UCloud and browsers reach either way.
 */
final class Installation implements AutoCloseable {
    static final Path PREFIX = Path.of("/opt/ucloud-im-systest");
    static final Path ETC = Path.of("/etc/ucloud-im-systest");
    static final Path STATE = Path.of("/var/lib/ucloud-im-systest");
    static final Path RUN = Path.of("/run/ucloud-im-systest");
    static final Path SUDOERS = Path.of("/etc/sudoers.d/ucloud-im-systest");
    static final String SERVICE = "ucloud";
    static final String GROUP = "ucloud-users";
    static final String ALICE = "imtalice";
    static final String BOB = "imtbob";
    static final String CAROL = "imtcarol";
    static final String PROVIDER = "systest";
    /** Which public listener this test JVM's installations have. */
    static final GatewayMode MODE = GatewayMode.current();
    static final Path HAPROXY_SOCKET = RUN.resolve("haproxy.sock");
    static final Path HAPROXY_MAP = STATE.resolve("haproxy-routes.map");
    static final Path TLS_PEM = ETC.resolve("tls/server.pem");
    static final Path TLS_CERTIFICATE = ETC.resolve("tls/server.crt");
    static final Path TLS_KEY = ETC.resolve("tls/server.key");

    /** The public listener: the embedded gateway, or HAProxy in front of it ({@code -Dim.gateway.mode=haproxy}). */
    enum GatewayMode {
        EMBEDDED, HAPROXY;

        static GatewayMode current() {
            String mode = System.getProperty("im.gateway.mode", "embedded");
            return switch (mode) {
                case "embedded" -> EMBEDDED;
                case "haproxy" -> HAPROXY;
                default -> throw new IllegalStateException("im.gateway.mode must be embedded or haproxy, not " + mode);
            };
        }
    }

    /** Short, so that a test can watch a download link expire. */
    static final int DOWNLOAD_LINK_SECONDS = 8;
    final int idleTimeoutSeconds;
    final java.util.List<String> extraUsers;
    final FakeCore core = FakeCore.start();
    final Provider provider = core.registerProvider(PROVIDER);
    /** The embedded gateway's port: public in embedded mode, HAProxy's fallback on loopback in haproxy mode. */
    final int gatewayPort = freePort();
    /** Where UCloud and browsers connect: the embedded gateway's port, or HAProxy's (TLS). */
    final int publicPort = MODE == GatewayMode.HAPROXY ? freePort() : gatewayPort;
    final Path serverLog = Path.of("/tmp/ucloud-im-systest-server.log");
    /** What earlier runs of IM/Server in this installation wrote, before a restart replaced {@link #serverLog}. */
    final Path earlierLogs = Path.of("/tmp/ucloud-im-systest-server.earlier.log");
    /** IM/Server's own API port (server.port). */
    final int serverPort = freePort();
    /** IM/Server's metrics and health listener (server.metrics.port), on loopback. */
    final int metricsPort = freePort();
    /** core.userContext; the default (absent) is auto. */
    private String userContext;
    /** YAML appended after the storage product: more product categories (indented by two) then top-level sections. */
    private String extraConfig = "";
    /** Whether the embedded gateway, as the public listener, serves TLS itself ({@link #installWithTls}). */
    private boolean embeddedTls;
    Process server;
    /** HAProxy in haproxy mode, else null. */
    SiteHaproxy haproxy;

    private Installation(int idleTimeoutSeconds, java.util.List<String> extraUsers) {
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.extraUsers = java.util.List.copyOf(extraUsers);
    }

    static Installation install(Path dist) throws Exception {
        return install(dist, 10, java.util.List.of());
    }

    /** {@code extraUsers} are local accounts created in the allowed group and mapped from "{@code <name>#1}". */
    static Installation install(Path dist, int idleTimeoutSeconds, java.util.List<String> extraUsers) throws Exception {
        return install(dist, idleTimeoutSeconds, extraUsers, "");
    }

    /**
     * Like {@link #install(Path, int, java.util.List)}, with {@code extraConfig} appended to config.yml right after the
     * storage product: further product categories indented by two spaces, then any top-level sections.
     */
    static Installation install(Path dist, int idleTimeoutSeconds, java.util.List<String> extraUsers, String extraConfig)
            throws Exception {
        return install(dist, idleTimeoutSeconds, extraUsers, extraConfig, false);
    }

    /**
     * Like {@link #install(Path)}, with TLS on the public listener in both modes: in embedded mode the embedded
     * gateway serves the test CA's certificate itself ({@code gateway.tls}, the key owned by the service account),
     * in haproxy mode HAProxy does, as always. Every client made afterwards trusts the test CA.
     */
    static Installation installWithTls(Path dist) throws Exception {
        return install(dist, 30, java.util.List.of(), "", true);
    }

    private static Installation install(Path dist, int idleTimeoutSeconds, java.util.List<String> extraUsers, String extraConfig,
            boolean embeddedTls) throws Exception {
        if (MODE == GatewayMode.HAPROXY) {
            SiteHaproxy.ensureInstalled();
        }
        accounts();
        for (String user : extraUsers) {
            if (run("id", user).exit() != 0) {
                must("useradd", "--create-home", "--user-group", "--shell", "/bin/bash", user);
            }
            must("usermod", "-aG", GROUP, user);
        }
        copyDistribution(dist);
        Installation installation = new Installation(idleTimeoutSeconds, extraUsers);
        installation.extraConfig = extraConfig;
        installation.embeddedTls = embeddedTls && MODE == GatewayMode.EMBEDDED;
        if (installation.embeddedTls) {
            TestTls.client(); // every client made from now on trusts the test CA
        }
        installation.configure();
        installation.sudoRule();
        installation.startServer();
        if (MODE == GatewayMode.HAPROXY) {
            TestTls.client(); // every client made from now on trusts the test CA
            installation.haproxy = SiteHaproxy.start(PREFIX, ETC, HAPROXY_SOCKET, HAPROXY_MAP);
        }
        return installation;
    }

    /** The service account and the test users (alice and bob in the allowed group, carol outside it), if missing. */
    static void accounts() {
        run("groupadd", "-f", GROUP);
        if (run("id", SERVICE).exit() != 0) {
            must("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", SERVICE);
        }
        for (String user : new String[] {ALICE, BOB, CAROL}) {
            if (run("id", user).exit() != 0) {
                must("useradd", "--create-home", "--user-group", "--shell", "/bin/bash", user);
            }
        }
        must("usermod", "-aG", GROUP, ALICE);
        must("usermod", "-aG", GROUP, BOB);
    }

    private static void copyDistribution(Path dist) throws IOException {
        run("rm", "-rf", PREFIX.toString());
        must("cp", "-a", dist.toString(), PREFIX.toString());
        Files.writeString(PREFIX.resolve("etc/config-dir"), ETC + "\n");
        must("chown", "-R", "root:root", PREFIX.toString());
        must("chmod", "-R", "go-w,a+rX", PREFIX.toString());
        must(PREFIX.resolve("bin/ucloud-im").toString(), "aot");
    }

    private void configure() throws IOException {
        run("rm", "-rf", ETC.toString(), STATE.toString(), RUN.toString(), earlierLogs.toString());
        Files.createDirectories(ETC);
        writeConfig();
        provider.writePublicKey(ETC.resolve("ucloud_key.pub"));
        if (MODE == GatewayMode.HAPROXY) {
            must("install", "-d", "-m", "0700", TLS_PEM.getParent().toString());
            must("install", "-m", "0600", TestTls.serverPem().toString(), TLS_PEM.toString());
        }
        Files.writeString(ETC.resolve("secrets.yml"), "refreshToken: " + provider.refreshToken() + "\n");
        must("chown", "-R", "root:root", ETC.toString());
        must("chmod", "0755", ETC.toString());
        must("chmod", "0644", ETC.resolve("config.yml").toString(), ETC.resolve("ucloud_key.pub").toString());
        must("chown", SERVICE + ":", ETC.resolve("secrets.yml").toString());
        must("chmod", "0600", ETC.resolve("secrets.yml").toString());
        if (embeddedTls) {
            must("install", "-d", "-m", "0755", TLS_CERTIFICATE.getParent().toString());
            must("install", "-m", "0644", TestTls.certificate().toString(), TLS_CERTIFICATE.toString());
            must("install", "-m", "0600", "-o", SERVICE, TestTls.key().toString(), TLS_KEY.toString());
        }
        must("install", "-d", "-o", SERVICE, "-m", "0700", STATE.toString());
        must("install", "-d", "-o", SERVICE, "-m", "0755", RUN.toString());
    }

    /**
     * Restarts IM/Server with {@code core.userContext} set to {@code mode} (null: the key left out, so auto), keeping
     * its database unless {@code freshDatabase}.
     */
    void restartWithUserContext(String mode, boolean freshDatabase) throws Exception {
        stopServer();
        userContext = mode;
        writeConfig();
        if (freshDatabase) {
            run("rm", "-rf", STATE.toString());
            must("install", "-d", "-o", SERVICE, "-m", "0700", STATE.toString());
        }
        startServer();
    }

    /** Restarts IM/Server with {@code extraConfig} in place of the one it was installed with; the database is kept. */
    void restartWithExtraConfig(String extraConfig) throws Exception {
        stopServer();
        this.extraConfig = extraConfig;
        writeConfig();
        startServer();
    }

    /** Writes config.yml with {@code extraConfig} and runs IM/Server once to its end; returns its output and status. */
    Host.Result runServerWithExtraConfig(String extraConfig) throws Exception {
        stopServer();
        String saved = this.extraConfig;
        this.extraConfig = extraConfig;
        writeConfig();
        this.extraConfig = saved;
        return Host.run(as(SERVICE, PREFIX.resolve("bin/ucloud-im").toString(), "server", "--config-dir", ETC.toString()));
    }

    /** Kills IM/Server with SIGKILL, as a crash would: nothing of its own shutdown runs. */
    void killServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
    }

    private void writeConfig() throws IOException {
        Files.writeString(ETC.resolve("config.yml"), """
                provider:
                  id: %1$s
                  publicUrl: %18$s
                core:
                  url: %3$s
                  %16$s
                server:
                  port: %4$d
                  stateDir: %5$s
                  metrics: {port: %20$d}
                identity:
                  mappings:
                    "alice#1234": %6$s
                    "bob#5678": %7$s
                    "carol#9": %8$s
                    %13$s
                instances:
                  launch: sudo
                  launcher: %9$s/bin/ucloud-im-user
                  serviceUser: %10$s
                  userGroup: %11$s
                  ipcSocket: %12$s/ucloud.sock
                  idleTimeoutSeconds: %14$d
                gateway:
                  port: %2$d
                  %19$s
                transfers:
                  downloadLinkSeconds: %15$d
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home}
                %17$s""".formatted(PROVIDER, gatewayPort, core.baseUri(), serverPort, STATE, ALICE, BOB, CAROL, PREFIX, SERVICE,
                GROUP, RUN, extraMappings(), idleTimeoutSeconds, DOWNLOAD_LINK_SECONDS,
                userContext == null ? "" : "userContext: " + userContext, extraConfig, gateway(), gatewaySettings(), metricsPort));
    }

    /** The rest of the gateway section, indented for it: HAProxy's in haproxy mode, TLS if the gateway serves it. */
    private String gatewaySettings() {
        if (embeddedTls) {
            return """
                    tls:
                        certificate: %s
                        key: %s""".formatted(TLS_CERTIFICATE, TLS_KEY);
        }
        if (MODE != GatewayMode.HAPROXY) {
            return "";
        }
        return """
                type: haproxy
                  haproxy:
                    runtimeSocket: %s
                    mapFile: %s
                    bind: "127.0.0.1:%d"
                    certificate: %s""".formatted(HAPROXY_SOCKET, HAPROXY_MAP, publicPort, TLS_PEM);
    }

    private void sudoRule() throws IOException {
        String rule = must(PREFIX.resolve("bin/ucloud-im").toString(), "sudoers", "--config-dir", ETC.toString());
        Path candidate = Files.writeString(Path.of("/tmp/ucloud-im-systest.sudoers"), rule);
        must("visudo", "-cf", candidate.toString());
        must("install", "-o", "root", "-g", "root", "-m", "0440", candidate.toString(), SUDOERS.toString());
    }

    void startServer() throws Exception {
        if (Files.exists(serverLog)) {
            // Kept for a failure's diagnosis: the earlier runs of this installation, oldest first.
            Files.write(earlierLogs, Files.readAllBytes(serverLog), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Files.delete(serverLog);
        }
        server = new ProcessBuilder(as(SERVICE, PREFIX.resolve("bin/ucloud-im").toString(), "server", "--config-dir", ETC.toString()))
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(serverLog) && Files.readString(serverLog).contains("IM/Server ready")) {
                return;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("IM/Server exited: " + Files.readString(serverLog));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("IM/Server did not start: " + Files.readString(serverLog));
    }

    private String extraMappings() {
        var yaml = new StringBuilder();
        for (String user : extraUsers) {
            yaml.append("    \"").append(user).append("#1\": ").append(user).append('\n');
        }
        return yaml.toString().stripLeading();
    }

    /** Where UCloud and browsers reach the provider (provider.publicUrl): the embedded gateway, or HAProxy over TLS. */
    URI gateway() {
        return URI.create((MODE == GatewayMode.HAPROXY || embeddedTls ? "https" : "http") + "://127.0.0.1:" + publicPort);
    }

    /** The embedded gateway's own listener (behind HAProxy, on loopback, in haproxy mode). */
    URI embeddedGateway() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    /** A connection to {@code uri}'s host and port, over TLS (trusting the test CA) for https; for raw requests. */
    static java.net.Socket connect(URI uri) throws IOException {
        if (!uri.getScheme().equals("https") && !uri.getScheme().equals("wss")) {
            return new java.net.Socket(uri.getHost(), uri.getPort());
        }
        var socket = (javax.net.ssl.SSLSocket) TestTls.client().getSocketFactory().createSocket(uri.getHost(), uri.getPort());
        var parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    String log() {
        try {
            return Files.readString(serverLog);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops IM/Server by its handle; it stops every instance it started. */
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws Exception {
        stopServer();
        if (haproxy != null) {
            haproxy.close();
        }
        core.close();
        run("rm", "-f", SUDOERS.toString());
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
