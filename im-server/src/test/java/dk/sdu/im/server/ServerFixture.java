package dk.sdu.im.server;

import dk.sdu.im.api.auth.UCloudPublicKey;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.Secrets;
import dk.sdu.im.ipc.kernel.PeerAccounts;
import dk.sdu.im.server.identity.FakeAccounts;
import dk.sdu.im.server.ucloud.Backoff;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * IM/Server started in-process on loopback against the UCloud stand-in, from a real configuration
 * directory parsed by the real loaders. Accounts are fakes so identity rules can use any uid without root.
 */
final class ServerFixture implements AutoCloseable {
    static final String PROVIDER = "slurm";

    final FakeCore core;
    final Provider provider;
    final FakeAccounts accounts = new FakeAccounts().with("alice", 1100).with("bob", 1101);
    final BlockingQueue<String> fatal = new LinkedBlockingQueue<>();
    final Path configDir;
    /** Who owns each connection to IM/Server's own API; the kernel's answer unless a test says otherwise. */
    PeerAccounts.Owners socketOwners = PeerAccounts.kernel();
    /** Extra YAML inside the {@code gateway} section (e.g. its {@code tls} subsection); none unless a test sets it. */
    String gatewayYaml = "";
    /** Extra YAML inside the {@code server} section (e.g. {@code adminGroup}, its {@code metrics} subsection); none unless a test sets it. */
    String serverYaml = "";
    /** The {@code instances} section's lines besides {@code ipcSocket}; a direct launch unless a test sets them. */
    String instancesYaml = "launch: direct";
    ImServer server;
    ProviderClient client;

    ServerFixture(Path dir, FakeCore core) throws Exception {
        this.core = core;
        this.provider = core.registerProvider(PROVIDER);
        this.configDir = dir.resolve("etc");
        Files.createDirectories(configDir);
        provider.writePublicKey(configDir.resolve("ucloud_key.pub"));
        Path secrets = configDir.resolve("secrets.yml");
        Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secrets, "refreshToken: " + provider.refreshToken() + "\n");
    }

    /** Writes config.yml with the given database section and extra top-level YAML, then starts the server. */
    ServerFixture start(String databaseYaml, String coreExtra) throws Exception {
        Files.writeString(configDir.resolve("config.yml"), """
                provider:
                  id: %s
                  publicUrl: https://slurm.example.org
                core:
                  url: %s
                  publicUrl: https://cloud.example.org
                %s
                server:
                  port: 0
                  stateDir: %s
                %s
                instances:
                %s
                  ipcSocket: %s
                gateway:
                  port: 0
                %s
                database:
                %s
                identity:
                  unmappedMessage: Ask support for an account.
                  mappings:
                    "alice#1234": alice
                    "bob#5678": bob
                products:
                  cpu:
                    type: compute
                    accountingUnit: {name: Core hour, namePlural: Core hours, floatingPoint: false, displayFrequencySuffix: true}
                    accountingFrequency: PERIODIC_MINUTE
                    products:
                      - {name: cpu-1, description: 1 vCPU, cpu: 1, memoryInGigs: 4}
                  home:
                    type: storage
                    accountingUnit: {name: GB, namePlural: GB, floatingPoint: false, displayFrequencySuffix: false}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home, description: Home directory}
                """.formatted(PROVIDER, core.baseUri(), coreExtra.indent(2).stripTrailing(),
                configDir.resolveSibling("state"), serverYaml.indent(2).stripTrailing(), instancesYaml.indent(2).stripTrailing(),
                configDir.resolveSibling("ipc").resolve("ucloud.sock"),
                gatewayYaml.indent(2).stripTrailing(), databaseYaml.indent(2).stripTrailing()));
        ImConfig config = ImConfig.load(configDir);
        var deps = new ImServer.Dependencies(config, Secrets.load(configDir),
                UCloudPublicKey.load(config.core().publicKeyFile()), Clock.systemUTC(), accounts,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), fatal::add, socketOwners);
        server = ImServer.start(deps);
        client = new ProviderClient(java.net.URI.create("http://127.0.0.1:" + server.address().getPort()), PROVIDER,
                provider.tokens());
        return this;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
