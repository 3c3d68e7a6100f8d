package dk.sdu.im.server;

import dk.sdu.im.api.auth.UCloudPublicKey;
import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.api.log.AuditOutput;
import dk.sdu.im.api.log.LineSink;
import dk.sdu.im.api.log.LogOutput;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.LoggingConfig;
import dk.sdu.im.config.Secrets;
import dk.sdu.im.server.identity.NssAccounts;
import dk.sdu.im.server.ucloud.Backoff;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Entry point of IM/Server ({@code ucloud-im server}). Refuses root, loads and validates the configuration
 * and secrets before anything listens, then hands over to {@link ImServer}. Exit codes: 0 stopped,
 * 64 usage, 77 refused (root), 78 configuration, 70 could not start.
 */
public final class ServerMain {
    static {
        LogOutput.keepOpenUntilExit(); // before anything logs, so the lines about stopping are not dropped
    }
    private static final Logger LOG = Logger.getLogger(ServerMain.class.getName());
    static final String USAGE = """
            Usage: ucloud-im server [--config-dir DIR]
            Runs IM/Server, the service user's process: UCloud's system calls, user mapping and the database.
              --config-dir DIR   configuration directory (default /etc/ucloud-im): config.yml, secrets.yml, ucloud_key.pub
              --help             this text
            """;

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path configDir = parse(args);
        ProcessIdentity.refuseRoot("IM/Server");
        ImConfig config = orExit(() -> ImConfig.load(configDir));
        Secrets secrets = orExit(() -> Secrets.load(configDir));
        installLogs(config.logging(), secrets);
        var key = orExit(() -> UCloudPublicKey.load(config.core().publicKeyFile()));
        var deps = new ImServer.Dependencies(config, secrets, key, Clock.systemUTC(), new NssAccounts(), Backoff.DEFAULT,
                ServerMain::fatal, dk.sdu.im.ipc.kernel.PeerAccounts.kernel());
        ImServer server;
        try {
            server = ImServer.start(deps);
        } catch (ImServer.StartupFailure failure) {
            System.err.println("IM/Server cannot start: " + failure.getMessage());
            System.exit(70);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("IM/Server stopping: routes go down and every instance is asked to stop");
            server.close();
            LOG.info("IM/Server stopped");
            stopped.countDown();
        }));
        var at = server.address();
        var gateway = server.gatewayAddress();
        LOG.info(() -> "IM/Server ready on http://" + at.getHostString() + ":" + at.getPort() + "/ucloud/"
                + config.provider().id() + "/ (database " + config.database().kind().name().toLowerCase()
                + "); gateway on " + (config.gateway().tls().isPresent() ? "https" : "http") + "://" + gateway.getHostString() + ":" + gateway.getPort() + "; IPC socket "
                + config.instances().ipcSocket());
        stopped.await();
    }

    /**
     * The log (stderr or {@code logging.file}), then the audit trail ({@code logging.audit}), in that order: installing
     * the log resets java.util.logging. The audit trail is scrubbed of the secrets, whatever a caller passes it.
     */
    private static void installLogs(LoggingConfig logging, Secrets secrets) {
        LogOutput.Format format = logging.format() == LoggingConfig.Format.JSON ? LogOutput.Format.JSON : LogOutput.Format.TEXT;
        LineSink log = orExit(() -> logging.file().isPresent() ? LineSink.file(logging.file().get()) : LineSink.stderr(),
                "logging.file");
        LogOutput.install(format, logging.level(), "im-server", log);
        LineSink audit = orExit(() -> switch (logging.audit()) {
            case LoggingConfig.Audit.Stdout _ -> LineSink.stdout();
            case LoggingConfig.Audit.Journal _ -> LineSink.journal("ucloud-im-audit");
            case LoggingConfig.Audit.File file -> LineSink.file(file.path());
        }, "logging.audit");
        var hidden = new java.util.ArrayList<String>();
        hidden.add(secrets.refreshToken());
        secrets.databasePassword().ifPresent(hidden::add);
        AuditOutput.install(audit, "im-server", hidden);
    }

    /** A log destination that cannot be opened stops the start: an unaudited server must not serve. */
    private static LineSink orExit(Loader<LineSink> open, String key) {
        try {
            return open.load();
        } catch (Exception e) {
            System.err.println("IM/Server cannot start: " + key + ": " + e.getMessage()
                    + "; make the directory exist and belong to the service user, or choose another destination");
            System.exit(78);
            return null;
        }
    }

    private static Path parse(String[] args) {
        Path configDir = Path.of("/etc/ucloud-im");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                case "--config-dir" -> {
                    if (i + 1 >= args.length) {
                        usage("--config-dir needs a directory");
                    }
                    configDir = Path.of(args[++i]);
                }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        return configDir;
    }

    private static void usage(String problem) {
        System.err.println("ucloud-im server: " + problem);
        System.err.print(USAGE);
        System.exit(64);
    }

    /** UCloud refused something only the administrator can fix; stop rather than serve half-configured. */
    private static void fatal(String problem) {
        LOG.severe("stopping: " + problem);
        System.err.println("IM/Server stopped: " + problem);
        System.exit(78);
    }

    private interface Loader<T> {
        T load() throws Exception;
    }

    private static <T> T orExit(Loader<T> loader) {
        try {
            return loader.load();
        } catch (ConfigException | UCloudPublicKey.InvalidKeyFile e) {
            System.err.println("IM/Server cannot start: " + e.getMessage());
            System.exit(78);
            return null;
        } catch (Exception e) {
            System.err.println("IM/Server cannot start: " + e);
            System.exit(70);
            return null;
        }
    }
}
