package dk.sdu.im.dev;

import dk.sdu.im.testkit.ProviderProxy;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Entry point of {@code ucloud-im dev}: the UCloud stand-in in this process, IM/Server as a child process
 * (as the service account when started as root), a banner with what runs where and commands to try, and a
 * clean stop of everything on Ctrl-C or SIGTERM.
 */
public final class DevMain {
    static final String PROVIDER_ID = "dev";
    static final String DEMO_UCLOUD_USER = "demo#0001";
    static final String USAGE = """
            Usage: ucloud-im dev [--port N] [--core-port N] [--state-dir DIR]
            Runs the module with embedded defaults (SQLite, loopback only) and a stand-in for UCloud.
              --port N          the gateway's port, where UCloud calls (default 8889, or a free one if that is taken)
              --core-port N     the UCloud stand-in's port (default: a free one)
              --state-dir DIR   where config, database and keys go (default: a new temporary directory, removed on exit)
            """;

    private DevMain() {
    }

    public static void main(String[] args) throws Exception {
        DevOptions options = DevOptions.parse(args, USAGE);
        boolean root = DevAccounts.runningAsRoot();
        // This run's own directory, new: the distribution's copy (as root), and config and state unless --state-dir.
        // The cleanup shell removes it, and the sudo rule, even when this process is killed with SIGKILL.
        Path runDir = Files.createTempDirectory("ucloud-im-dev.");
        DevCleanup cleanup = DevCleanup.start();
        cleanup.remove(runDir);
        readableByAll(runDir);
        Path built = Path.of(System.getProperty("im.home", ".")).toAbsolutePath().normalize();
        Path home = root ? rootOwnedCopy(built, runDir) : built;
        DevAccounts accounts = root ? DevAccounts.ensureAsRoot() : DevAccounts.currentUser();
        accounts.created().forEach(what -> System.out.println("dev: created " + what + " (started as root)"));
        Path stateDir = options.stateDir() != null ? options.stateDir() : runDir;
        readableByAll(stateDir);

        FakeCore core = FakeCore.start(FakeCore.Options.defaults().withPort(options.corePort()));
        Provider provider = core.registerProvider(PROVIDER_ID);
        int gatewayPort = options.port() != 0 ? options.port() : freePortPreferring(8889);
        int serverPort = freePortPreferring(42000);
        boolean sudo = root && DevSudo.available();
        var config = new DevConfig(stateDir.resolve("etc"), PROVIDER_ID, serverPort, gatewayPort, core.baseUri(), DEMO_UCLOUD_USER,
                accounts.demoUser(), accounts.serviceUser(), sudo ? home.resolve("bin/ucloud-im-user") : null);
        config.write(provider.refreshToken());
        provider.writePublicKey(config.directory().resolve("ucloud_key.pub"));
        Files.createDirectories(config.stateDir());
        Files.createDirectories(config.runDir());
        Path rule = DevSudo.ruleFor(runDir);
        if (root) {
            DevAccounts.run("chown", "-R", accounts.serviceUser() + ":", config.stateDir().toString(),
                    config.runDir().toString(), config.secretsFile().toString());
            if (sudo) {
                cleanup.remove(rule);
                DevSudo.install(home, config.directory(), rule);
            } else {
                System.out.println("dev: sudo is not installed, so user instances cannot start (apt-get install sudo)");
            }
        }
        URI gatewayUrl = URI.create("http://127.0.0.1:" + gatewayPort);
        ProviderProxy.mount(core, provider, gatewayUrl);

        Process server = startServer(root, accounts, config, home);
        cleanup.awaitFirst(server.toHandle());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll(server, core, runDir);
            if (sudo) {
                DevSudo.remove(rule);
            }
        }));
        awaitReady(server, gatewayUrl, provider);
        String homeDir = root ? "/home/" + accounts.demoUser() : System.getProperty("user.home");
        banner(root, accounts, core.baseUri(), gatewayUrl, URI.create("http://127.0.0.1:" + serverPort), stateDir, homeDir,
                root ? home + " (a root-owned copy of " + built + ", removed on exit)" : built.toString(), rule);
        DevDemoJob.start(core, provider, gatewayUrl, PROVIDER_ID, DEMO_UCLOUD_USER, homeDir);
        int exit = server.waitFor();
        System.err.println("dev: IM/Server exited with status " + exit);
        System.exit(exit == 0 ? 1 : exit);
    }

    /** The distribution as root runs it ({@link DevCopy}), or one line saying why there can be none. */
    private static Path rootOwnedCopy(Path built, Path runDir) throws IOException {
        Optional<String> problem = DevCopy.problem(runDir);
        if (problem.isPresent()) {
            System.err.println("dev: cannot run the distribution from a root-owned copy in " + runDir + ": " + problem.get());
            deleteTree(runDir);
            System.exit(1);
        }
        Path copy = runDir.resolve("dist");
        DevCopy.copy(built, copy);
        return copy;
    }

    private static void readableByAll(Path dir) {
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
    }

    /**
     * IM/Server from {@code home} as a site runs it ({@code bin/ucloud-im server}), its standard input a pipe only this
     * process holds: when this process ends, however, the pipe closes and IM/Server stops ({@code --stop-with-stdin}).
     */
    private static Process startServer(boolean root, DevAccounts accounts, DevConfig config, Path home) throws IOException {
        List<String> command = new ArrayList<>();
        if (root) {
            // setpriv execs the launcher script, which execs the JVM (no intermediate process), so the handle below is
            // IM/Server's own.
            command.addAll(List.of("setpriv", "--reuid=" + accounts.serviceUser(), "--regid=" + accounts.serviceUser(),
                    "--init-groups", "--"));
        }
        command.addAll(List.of(home.resolve("bin/ucloud-im").toString(), "server", "--config-dir",
                config.directory().toString(), "--stop-with-stdin"));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process server, URI providerUrl, Provider provider) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(providerUrl.resolve("/ucloud/" + PROVIDER_ID + "/integration/retrieveManifest"))
                .header("Authorization", "Bearer " + provider.tokens().serviceToken())
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                System.err.println("dev: IM/Server exited during start-up with status " + server.exitValue());
                System.exit(1);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            server.waitFor(100, TimeUnit.MILLISECONDS);
        }
        System.err.println("dev: IM/Server did not answer within 60 s");
        System.exit(1);
    }

    private static void banner(boolean root, DevAccounts accounts, URI core, URI gateway, URI server, Path stateDir,
                               String home, String distribution, Path rule) {
        String proxy = core + "/_testkit/provider/ucloud/" + PROVIDER_ID;
        String browse = "{\\\"resolvedCollection\\\":{\\\"id\\\":\\\"1\\\",\\\"providerGeneratedId\\\":\\\"home "
                + DEMO_UCLOUD_USER + "\\\\n" + home + "\\\"},\\\"Browse\\\":{\\\"flags\\\":{\\\"path\\\":\\\"/1\\\"}}}";
        System.out.println("""

                ucloud-im dev is running (Ctrl-C stops everything)
                  UCloud stand-in (testkit)  %1$s
                  gateway (public listener)  %2$s
                  IM/Server                  %3$s/ucloud/%4$s/   as user %5$s%6$s
                  user instances             %7$s
                  database                   SQLite in %8$s/state
                  distribution               %13$s
                  demo mapping               UCloud user %9$s -> local user %10$s
                Try (the stand-in signs each call as UCloud would and sends it to the gateway):
                  curl -s %11$s/integration/retrieveManifest
                  curl -s %11$s/jobs/retrieveProducts
                  curl -s -X POST -d '{"username":"%9$s"}' %11$s/integration/connect
                  curl -s -X POST -d '{"username":"nobody#0000"}' %11$s/integration/connect
                  curl -s -H 'ucloud-username: %9$s' -X POST -d "%12$s" %11$s/files/browse
                Straight to the gateway without UCloud's token (refused with 401):
                  curl -s %2$s/ucloud/%4$s/integration/retrieveManifest
                dev: ready
                """.formatted(core, gateway, server, PROVIDER_ID, accounts.serviceUser(),
                root ? " (service account; IM processes never run as root)" : " (the invoking user)",
                root ? "through sudo, as " + accounts.demoUser() + " (rule in " + rule + " while dev runs)"
                        : "started directly as " + accounts.demoUser() + ", without sudo (development launch)",
                stateDir, DEMO_UCLOUD_USER, accounts.demoUser(), proxy, browse, distribution));
    }

    private static void stopAll(Process server, FakeCore core, Path removeDir) {
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
        }
        core.close();
        if (removeDir != null) {
            deleteTree(removeDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temporary directory
        }
    }

    static int freePortPreferring(int preferred) throws IOException {
        for (int candidate : new int[] {preferred, 0}) {
            try (var socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", candidate));
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try the next candidate
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
