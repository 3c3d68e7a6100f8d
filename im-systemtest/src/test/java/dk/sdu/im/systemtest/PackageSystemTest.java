package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import dk.sdu.im.testkit.systemd.NotifySocket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16, items 1 and 2: the Debian package the build makes, installed with {@code dpkg -i} into this machine as an
 * administrator would, IM/Server run exactly as {@code ucloud-im.service} runs it (no systemd here: the unit's
 * {@code ExecStart=} as its {@code User=}, with systemd's environment, directories and a notification socket), a user
 * call served through it, an upgrade to a rebuilt package with another version while an instance runs, and a purge
 * that leaves only what Debian keeps (the accounts).
 *
 * <p>It uses the real names (/usr/share/ucloud-im, /etc/ucloud-im, /var/lib/ucloud-im, /run/ucloud, the account
 * {@code ucloud}), so it refuses to run where any of them is already in use (a real installation, or {@code ./dev});
 * the other system tests use their own prefix and never these. It stops what it starts by PID and never removes the
 * {@code ucloud} account, which the other system tests share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageSystemTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Path HOME = Path.of("/usr/share/ucloud-im");
    private static final Path ETC = Path.of("/etc/ucloud-im");
    private static final Path STATE = Path.of("/var/lib/ucloud-im");
    private static final Path LOGS = Path.of("/var/log/ucloud-im");
    private static final Path RUN = Path.of("/run/ucloud");
    private static final Path SUDOERS = Path.of("/etc/sudoers.d/ucloud-im");
    private static final Path UNIT = Path.of("/lib/systemd/system/ucloud-im.service");
    private static final Path LOGROTATE = Path.of("/etc/logrotate.d/ucloud-im");
    private static final Path COMPLETION = Path.of("/usr/share/bash-completion/completions/ucloud-im");
    private static final Path WORK = Path.of("/tmp/ucloud-im-pkgtest");
    private static final String PROVIDER = "pkgtest";
    private static final String ALICE_UCLOUD = "alice#1234";
    private final ObjectMapper json = new ObjectMapper();
    private Path deb;
    private FakeCore core;
    private Provider provider;
    private ProviderClient client;
    private NotifySocket systemd;
    private Process server;
    private int gatewayPort;
    /** Alice's instances this test's IM/Servers started. */
    private final java.util.Set<Long> seen = new java.util.HashSet<>();

    @BeforeAll
    void preconditions() throws Exception {
        assumeTrue(Host.root(), "needs root: installs a Debian package, creates accounts and runs the service account");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "needs dpkg (a Debian host)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        deb = builtPackage();
        assumeTrue(deb != null, "needs the package the build makes (./mvnw -B package: im-dist/target/ucloud-im_*_all.deb)");
        assumeTrue(notInstalled(), "ucloud-im is installed on this host; this test would replace and purge it");
        for (Path used : List.of(HOME, ETC, STATE, LOGS, RUN, SUDOERS)) {
            assumeTrue(!Files.exists(used, LinkOption.NOFOLLOW_LINKS), used + " exists: an installation or ./dev uses it, and the purge would remove it");
        }
        Files.createDirectories(WORK);
        core = FakeCore.start();
        provider = core.registerProvider(PROVIDER);
    }

    @AfterAll
    void cleanUp() throws Exception {
        stopServer();
        if (systemd != null) {
            systemd.close();
        }
        if (core != null) {
            core.close();
        }
        if (deb != null && !notInstalled()) {
            run("dpkg", "--purge", "ucloud-im"); // a test failed half-way: leave the host as it was
        }
        run("rm", "-rf", WORK.toString());
    }

    @Test
    @Order(0)
    void lintianReportsNoErrors() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/lintian")), "needs lintian (./test installs it when run as root)");
        var lintian = run("lintian", "--tag-display-limit", "0", deb.toString());
        assertThat(lintian.output().lines().filter(line -> line.startsWith("E: "))).as(lintian.output()).isEmpty();
        assertThat(lintian.exit()).as(lintian.output()).isZero();
    }

    @Test
    @Order(1)
    void installsRootOwnedWithConffilesTheAccountTheSudoRuleAndTheAotCache() throws Exception {
        var install = run("dpkg", "-i", deb.toString());
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(must("dpkg-query", "-W", "-f=${Status}", "ucloud-im")).isEqualTo("install ok installed");

        for (String file : must("dpkg-query", "-L", "ucloud-im").split("\n")) {
            Path path = Path.of(file);
            if (file.isBlank() || !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !file.contains("ucloud-im")) {
                continue; // "/." and shared parents such as /usr/bin
            }
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            assertThat(attributes.owner().getName()).as(file).isEqualTo("root");
            if (!attributes.isSymbolicLink()) {
                assertThat(attributes.permissions()).as(file)
                        .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
            }
        }
        assertThat(must("dpkg-query", "-W", "-f=${Conffiles}", "ucloud-im"))
                .contains("/etc/ucloud-im/config.yml", "/etc/ucloud-im/secrets.yml.example", LOGROTATE.toString());
        assertThat(Files.readString(LOGROTATE)).contains("/var/log/ucloud-im/server.log");
        assertThat(Files.readString(COMPLETION)).as("bash completion where bash-completion looks").contains("ucloud-im");
        assertThat(HOME.resolve("share/grafana/ucloud-im.json")).as("the Grafana dashboard").isRegularFile();
        assertThat(Path.of("/usr/bin/ucloud-im").toRealPath()).isEqualTo(HOME.resolve("bin/ucloud-im"));
        assertThat(Files.readString(HOME.resolve("etc/config-dir")).strip()).isEqualTo(ETC.toString());
        assertThat(Files.readString(ETC.resolve("config.yml"))).contains("launcher: " + HOME.resolve("bin/ucloud-im-user"));

        assertThat(run("id", "-u", "ucloud").exit()).as("the service account").isZero();
        assertThat(Host.uid("ucloud")).as("a system account").isLessThan(1000);
        assertThat(run("getent", "group", "ucloud-users").exit()).as("the group whose members are served").isZero();
        assertOwnedBy(STATE, "ucloud", "rwx------");
        assertOwnedBy(LOGS, "ucloud", "rwxr-x---");

        assertOwnedBy(SUDOERS, "root", "r--r-----");
        assertThat(Files.readString(SUDOERS)).contains(HOME.resolve("bin/ucloud-im-user") + " \"\"");
        var hostRules = run("visudo", "-c");
        assertThat(hostRules.exit()).as(hostRules.output()).isZero();
        assertThat(HOME.resolve("lib/im-user.aot")).as("the AOT cache, built at install").isRegularFile();
    }

    @Test
    @Order(2)
    void theUnitPassesSystemdAnalyzeVerifyAndKeepsSudoWorking() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "needs systemd-analyze (package systemd)");
        var verify = run("systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("no complaint about the unit").doesNotContain("ucloud-im.service");
        ServiceUnit unit = ServiceUnit.read(UNIT);
        assertThat(unit.get("Type")).isEqualTo("notify");
        assertThat(unit.get("User")).isEqualTo("ucloud");
        assertThat(unit.get("Restart")).isEqualTo("on-failure");
        assertThat(unit.service()).as("options that make sudo fail (they set or imply no_new_privs)")
                .doesNotContainKeys("NoNewPrivileges", "RestrictSUIDSGID", "PrivateDevices", "ProtectKernelTunables",
                        "SystemCallFilter", "CapabilityBoundingSet", "DynamicUser", "ProtectProc");
    }

    @Test
    @Order(3)
    void aUserIsServedThroughTheUnitsCommandLineOnceItSaysReady() throws Exception {
        configure();
        startAsTheUnitDoes();
        assertThat(browseAsAlice()).isEqualTo(200);
        assertThat(instances()).as("alice's instance, started by this IM/Server; its log: " + log()).hasSize(1);
        assertThat(Files.readString(Path.of("/proc/" + server.pid() + "/cmdline"))).as("the JVM is the unit's main process")
                .contains("dk.sdu.im.server.ServerMain");
    }

    @Test
    @Order(4)
    void theAdministratorSteersTheInstalledModuleFromTheCli() {
        String cli = "/usr/bin/ucloud-im"; // no --config-dir: the package's etc/config-dir names /etc/ucloud-im
        var check = run(cli, "config", "check");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("no problem found in " + ETC);

        long pid = instances().getFirst();
        var instances = run(cli, "instances", "ls", "--json");
        assertThat(instances.exit()).as(instances.output()).isZero();
        assertThat(instances.output()).contains(ALICE_UCLOUD, ALICE, Long.toString(pid));
        var users = run(cli, "users", "ls");
        assertThat(users.exit()).as(users.output()).isZero();
        assertThat(users.output()).contains(ALICE_UCLOUD, ALICE);

        var outsider = run(as(Installation.CAROL, cli, "instances", "ls"));
        assertThat(outsider.exit()).as("refused by IM/Server (77); " + outsider.output()).isEqualTo(77);
        assertThat(outsider.output()).doesNotContain(Long.toString(pid));
        assertThat(instances()).as("asking changed nothing").containsExactly(pid);
    }

    @Test
    @Order(5)
    void upgradesToARebuiltPackageWhileAnInstanceRuns() throws Exception {
        List<Long> before = instances();
        assertThat(before).as("alice's instance runs").hasSize(1);
        String config = Files.readString(ETC.resolve("config.yml"));
        Path newer = rebuiltWithVersion(version() + "+upgrade1");

        var upgrade = run("dpkg", "-i", newer.toString());
        assertThat(upgrade.exit()).as(upgrade.output()).isZero();
        assertThat(version()).endsWith("+upgrade1");
        assertThat(Files.readString(ETC.resolve("config.yml"))).as("the administrator's config.yml is kept").isEqualTo(config);
        assertThat(HOME.resolve("lib/im-user.aot")).as("the AOT cache, built again for the new jars").isRegularFile();
        assertThat(SUDOERS).isRegularFile();
        // Without systemd nothing restarts IM/Server: the running one and its instance carry on with the files they opened.
        assertThat(Host.alive(before.getFirst())).isTrue();
        assertThat(browseAsAlice()).as("served during the upgrade's aftermath").isEqualTo(200);

        // What systemd does on a restart: SIGTERM to the main process (KillMode=mixed); IM/Server stops its instances.
        stopServer();
        assertThat(systemd.saw("STOPPING=1")).isTrue();
        assertThat(Host.eventually(PATIENCE, () -> !Host.alive(before.getFirst()))).as("the instance stopped cleanly").isTrue();
        startAsTheUnitDoes();
        assertThat(browseAsAlice()).as("served by the new version, the database kept").isEqualTo(200);
        assertThat(instances()).hasSize(1).doesNotContain(before.getFirst());
    }

    @Test
    @Order(6)
    void removeKeepsConfigurationAndStateButNotTheSudoRule() throws Exception {
        stopServer();
        assertThat(Host.eventually(PATIENCE, () -> seenInstancesAlive().isEmpty())).as("no instance outlives IM/Server").isTrue();
        var remove = run("dpkg", "--remove", "ucloud-im");
        assertThat(remove.exit()).as(remove.output()).isZero();
        assertThat(must("dpkg-query", "-W", "-f=${Status}", "ucloud-im")).isEqualTo("deinstall ok config-files");
        assertThat(remove.output()).as("nothing left behind in the package's directories").doesNotContain("not empty");
        for (Path gone : List.of(HOME, SUDOERS, UNIT, Path.of("/usr/bin/ucloud-im"))) {
            assertThat(Files.exists(gone, LinkOption.NOFOLLOW_LINKS)).as(gone + " after remove").isFalse();
        }
        assertThat(ETC.resolve("config.yml")).isRegularFile();
        assertThat(ETC.resolve("secrets.yml")).isRegularFile();
        assertThat(STATE.resolve("im.sqlite3")).as("the database").isRegularFile();
    }

    @Test
    @Order(7)
    void purgeLeavesOnlyTheAccounts() throws Exception {
        stopServer();
        var purge = run("dpkg", "--purge", "ucloud-im");
        assertThat(purge.exit()).as(purge.output()).isZero();
        assertThat(run("dpkg-query", "-W", "-f=${Status}", "ucloud-im").output()).doesNotContain("ok installed");
        for (Path gone : List.of(HOME, ETC, STATE, LOGS, RUN, SUDOERS, UNIT, Path.of("/usr/bin/ucloud-im"),
                Path.of("/usr/share/doc/ucloud-im"), LOGROTATE, COMPLETION)) {
            assertThat(Files.exists(gone, LinkOption.NOFOLLOW_LINKS)).as(gone + " after purge").isFalse();
        }
        assertThat(run("id", "ucloud").exit()).as("the system account stays, as Debian keeps them").isZero();
        assertThat(run("getent", "group", "ucloud-users").exit()).isZero();
        var hostRules = run("visudo", "-c");
        assertThat(hostRules.exit()).as(hostRules.output()).isZero();
    }

    /** What the administrator writes after installing: config.yml, UCloud's key, secrets.yml; and the test users. */
    private void configure() throws Exception {
        Installation.accounts();
        gatewayPort = freePort();
        Files.writeString(ETC.resolve("config.yml"), """
                provider:
                  id: %s
                  publicUrl: http://127.0.0.1:%d
                core:
                  url: %s
                server:
                  port: %d
                identity:
                  mappings:
                    "%s": %s
                instances:
                  launcher: %s
                gateway:
                  port: %d
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home}
                """.formatted(PROVIDER, gatewayPort, core.baseUri(), freePort(), ALICE_UCLOUD, ALICE,
                HOME.resolve("bin/ucloud-im-user"), gatewayPort));
        provider.writePublicKey(ETC.resolve("ucloud_key.pub"));
        Files.writeString(ETC.resolve("secrets.yml"), "refreshToken: " + provider.refreshToken() + "\n");
        must("chmod", "0644", ETC.resolve("ucloud_key.pub").toString());
        must("chown", "ucloud:", ETC.resolve("secrets.yml").toString());
        must("chmod", "0600", ETC.resolve("secrets.yml").toString());
        // A cold start's first request waits for the launch; on a busy 2-core machine that is more than the default 5 s.
        client = new ProviderClient(URI.create("http://127.0.0.1:" + gatewayPort), PROVIDER, provider.tokens(), PATIENCE);
        must("install", "-d", "-m", "0755", WORK.toString());
        systemd = NotifySocket.bind(WORK.resolve("notify"));
    }

    /**
     * Runs the unit's {@code ExecStart=} as its {@code User=}, with what systemd gives a service: its directories, umask,
     * a clean environment and {@code $NOTIFY_SOCKET}; returns once IM/Server has sent {@code READY=1}.
     */
    private void startAsTheUnitDoes() throws Exception {
        ServiceUnit unit = ServiceUnit.read(UNIT);
        String user = unit.get("User");
        must("install", "-d", "-o", user, "-g", user, "-m", unit.get("RuntimeDirectoryMode"), "/run/" + unit.get("RuntimeDirectory"));
        must("install", "-d", "-o", user, "-g", user, "-m", unit.get("StateDirectoryMode"), "/var/lib/" + unit.get("StateDirectory"));
        must("install", "-d", "-o", user, "-g", user, "-m", unit.get("LogsDirectoryMode"), "/var/log/" + unit.get("LogsDirectory"));
        int readyBefore = (int) systemd.messages().stream().filter(m -> m.lines().anyMatch("READY=1"::equals)).count();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + unit.get("UMask") + " && exec \"$@\"", "sh"));
        command.addAll(List.of(as(user, unit.execStart().toArray(String[]::new))));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("server.log").toFile()));
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8",
                "USER", user, "LOGNAME", user, "HOME", "/nonexistent", "SHELL", "/usr/sbin/nologin",
                "NOTIFY_SOCKET", systemd.name(), "RUNTIME_DIRECTORY", "/run/" + unit.get("RuntimeDirectory"),
                "STATE_DIRECTORY", "/var/lib/" + unit.get("StateDirectory"), "LOGS_DIRECTORY", "/var/log/" + unit.get("LogsDirectory")));
        server = builder.start();
        boolean ready = Host.eventually(PATIENCE, () -> !server.isAlive() || systemd.messages().stream()
                .filter(m -> m.lines().anyMatch("READY=1"::equals)).count() > readyBefore);
        assertThat(server.isAlive() && ready).as("READY=1 from IM/Server; its log: " + log()).isTrue();
    }

    /**
     * Alice's instances launched by the IM/Server this test started (its descendants: other system tests may run
     * alice's instances of their own installation at the same time).
     */
    private List<Long> instances() {
        List<Long> ours = Host.instancesOf(ALICE).stream()
                .filter(pid -> ProcessHandle.of(pid).map(this::startedByServer).orElse(false)).toList();
        seen.addAll(ours);
        return ours;
    }

    /** Every instance {@link #instances()} ever saw that is still running. */
    private List<Long> seenInstancesAlive() {
        return seen.stream().filter(Host::alive).toList();
    }

    private boolean startedByServer(ProcessHandle process) {
        for (var parent = process.parent(); parent.isPresent(); parent = parent.get().parent()) {
            if (parent.get().pid() == server.pid()) {
                return true;
            }
        }
        return false;
    }

    private int browseAsAlice() throws Exception {
        var body = json.readTree("""
                {"resolvedCollection":{"id":"7","providerGeneratedId":"home %s\\n/home/%s"},
                 "Browse":{"flags":{"path":"/7"},"itemsPerPage":50,"next":null,"sortBy":"PATH","sortDirection":"ascending"}}
                """.formatted(ALICE_UCLOUD, ALICE));
        int status = client.asUser(ALICE_UCLOUD).post("files/browse", body).status();
        assertThat(status).as("files/browse as alice; IM/Server's log: " + log()).isEqualTo(200);
        return status;
    }

    /** The installed package again with another version, as a rebuild with a changed version number makes it. */
    private Path rebuiltWithVersion(String version) throws Exception {
        Path tree = WORK.resolve("rebuilt");
        run("rm", "-rf", tree.toString());
        must("dpkg-deb", "-R", deb.toString(), tree.toString());
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
        Path rebuilt = WORK.resolve("ucloud-im_" + version + "_all.deb");
        must("dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "-b", tree.toString(), rebuilt.toString());
        return rebuilt;
    }

    /** Neither installed nor left with its configuration by a remove. */
    private static boolean notInstalled() {
        var status = run("dpkg-query", "-W", "-f=${Status}", "ucloud-im");
        return status.exit() != 0 || status.output().contains("not-installed");
    }

    private static String version() {
        return must("dpkg-query", "-W", "-f=${Version}", "ucloud-im");
    }

    /** Stops IM/Server as systemd does: SIGTERM to the main process (its PID), then waits; SIGKILL only if stuck. */
    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private static void assertOwnedBy(Path path, String owner, String mode) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(attributes.owner().getName()).as(path + " owner").isEqualTo(owner);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions())).as(path + " mode").isEqualTo(mode);
    }

    private String log() {
        try {
            return Files.readString(WORK.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The newest package in im-dist/target, or null. */
    private static Path builtPackage() throws IOException {
        Path target = Path.of(System.getProperty("im.debDir", "../im-dist/target"));
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("ucloud-im_.*_all\\.deb"))
                    .max(java.util.Comparator.comparing(f -> f.toFile().lastModified())).orElse(null);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
