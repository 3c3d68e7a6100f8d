package dk.sdu.im.server;

import dk.sdu.im.api.auth.UCloudPublicKey;
import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.api.log.AuditOutput;
import dk.sdu.im.api.log.LineSink;
import dk.sdu.im.api.log.LogOutput;
import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ConfigReading;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.InstancesConfig;
import dk.sdu.im.config.LoggingConfig;
import dk.sdu.im.config.Secrets;
import dk.sdu.im.server.identity.NssAccounts;
import dk.sdu.im.server.instances.LauncherConfigDir;
import dk.sdu.im.server.systemd.ServiceNotifier;
import dk.sdu.im.server.ucloud.Backoff;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Entry point of IM/Server ({@code ucloud-im server}). Refuses root, loads and validates the configuration
 * and secrets before anything listens, then hands over to {@link ImServer}; once it serves, it tells systemd so
 * ({@link ServiceNotifier}, for {@code ucloud-im.service}'s {@code Type=notify}). Exit codes: 0 stopped,
 * 64 usage, 77 refused (root), 78 configuration, 70 could not start (after 64, 77 and 78 {@code ucloud-im.service}
 * does not restart it: a restart cannot fix them).
 */
public final class ServerMain {
    static {
        LogOutput.keepOpenUntilExit(); // before anything logs, so the lines about stopping are not dropped
    }
    private static final Logger LOG = Logger.getLogger(ServerMain.class.getName());
    static final String USAGE = """
            Usage: ucloud-im server [--config-dir DIR] [--stop-with-stdin]
            Runs IM/Server, the service user's process: UCloud's system calls, user mapping and the database.
              --config-dir DIR   configuration directory: config.yml, secrets.yml, ucloud_key.pub (default: the one
                                 this distribution's etc/config-dir names, else /etc/ucloud-im; user instances read that one)
              --stop-with-stdin  stop cleanly when standard input closes (for a parent holding a pipe: ucloud-im dev)
              --help             this text
            """;

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = parse(args);
        ProcessIdentity.refuseRoot("IM/Server");
        Path configDir = orExit(() -> ConfigDirectory.orOfThisDistribution(options.configDir()));
        ImConfig config = configOrExit(configDir);
        Secrets secrets = orExit(() -> Secrets.load(configDir, ProcessIdentity.effectiveUid()));
        installLogs(config.logging(), secrets);
        if (config.instances().launch() == InstancesConfig.Launch.SUDO) {
            LauncherConfigDir.mismatch(configDir, config.instances().launcher()).ifPresent(LOG::warning);
        }
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
        var serviceManager = ServiceNotifier.fromEnvironment(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("IM/Server stopping: routes go down and every instance is asked to stop");
            serviceManager.stopping("stopping instances and listeners");
            server.close();
            LOG.info("IM/Server stopped");
            stopped.countDown();
        }));
        if (options.stopWithStdin()) {
            StdinWatch.start(System.in, () -> {
                LOG.info("standard input closed: the process that started IM/Server is gone; stopping");
                System.exit(0);
            });
        }
        var at = server.address();
        var gateway = server.gatewayAddress();
        LOG.info(() -> "IM/Server ready on http://" + at.getHostString() + ":" + at.getPort() + "/ucloud/"
                + config.provider().id() + "/ (database " + config.database().kind().name().toLowerCase()
                + "); gateway on " + (config.gateway().tls().isPresent() ? "https" : "http") + "://" + gateway.getHostString() + ":" + gateway.getPort() + "; IPC socket "
                + config.instances().ipcSocket()
                + server.metricsAddress().map(m -> "; metrics and health on http://" + m.getHostString() + ":" + m.getPort()
                        + "/metrics, /healthz, /readyz").orElse(""));
        // Type=notify (ucloud-im.service): systemd counts the unit as started only now.
        serviceManager.ready("serving provider " + config.provider().id() + " on gateway port " + gateway.getPort());
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

    /** @param configDir the {@code --config-dir} given, or null */
    private record Options(Path configDir, boolean stopWithStdin) {
    }

    private static Options parse(String[] args) {
        Path configDir = null;
        boolean stopWithStdin = false;
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
                case "--stop-with-stdin" -> stopWithStdin = true;
                default -> usage("unknown argument: " + args[i]);
            }
        }
        return new Options(configDir, stopWithStdin);
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

    /** The configuration, or every problem of config.yml on standard error, one line each, and exit 78. */
    private static ImConfig configOrExit(Path configDir) {
        ConfigReading reading = ImConfig.inspect(configDir);
        if (reading.config().isPresent()) {
            return reading.config().get();
        }
        reading.problems().forEach(problem -> System.err.println("IM/Server cannot start: " + problem.getMessage()));
        System.exit(78);
        return null;
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
