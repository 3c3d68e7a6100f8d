package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Host.run;
import static dk.sdu.im.systemtest.Host.runApart;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.PREFIX;
import static dk.sdu.im.systemtest.Installation.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.testkit.client.ProviderClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13, break 10: two installations on one host (say production and test), each with its own prefix, service
 * account, user group and sudo rule printed by its own {@code ucloud-im sudoers}. With both rules installed, each
 * service account may run only its own launcher, sudo warns of nothing, and the first installation launches as
 * before. Rules with the same alias names (as `ucloud-im sudoers` printed them before) make sudo warn, and IM/Server
 * then refuses launches, without a restart, until they are fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstallationsSystemTest {
    private static final Path SECOND_PREFIX = Path.of("/opt/ucloud-im-systest2");
    private static final Path SECOND_ETC = Path.of("/etc/ucloud-im-systest2");
    private static final Path SECOND_SUDOERS = Path.of("/etc/sudoers.d/ucloud-im-systest2");
    private static final String SECOND_SERVICE = "ucloudt2";
    private static final String SECOND_GROUP = "ucloud-users2";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final Path launcher = PREFIX.resolve("bin/ucloud-im-user");
    private final Path secondLauncher = SECOND_PREFIX.resolve("bin/ucloud-im-user");
    private Installation site;
    private ProviderClient client;

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Host.root(), "needs root: creates accounts, installs sudo rules and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        site = Installation.install(Path.of(System.getProperty("im.dist")));
        client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens());
        secondInstallation();
    }

    /** The second installation's account, group, configuration and rule; its launcher need not exist for sudo -l. */
    private void secondInstallation() throws Exception {
        run("groupadd", "-f", SECOND_GROUP);
        if (run("id", SECOND_SERVICE).exit() != 0) {
            must("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", SECOND_SERVICE);
        }
        Files.createDirectories(SECOND_ETC);
        Files.writeString(SECOND_ETC.resolve("config.yml"), """
                provider: {id: systest2, publicUrl: "http://127.0.0.1:1"}
                core: {url: "http://127.0.0.1:1"}
                instances: {launch: sudo, launcher: %s, serviceUser: %s, userGroup: %s}
                products:
                  home: {type: storage, accountingUnit: {name: GB}, accountingFrequency: PERIODIC_DAY, products: [{name: home}]}
                """.formatted(secondLauncher, SECOND_SERVICE, SECOND_GROUP));
        installRule(SECOND_SUDOERS, must(PREFIX.resolve("bin/ucloud-im").toString(), "sudoers", "--config-dir", SECOND_ETC.toString()));
    }

    private static void installRule(Path file, String rule) throws Exception {
        Path candidate = Files.writeString(Path.of("/tmp/ucloud-im-systest2.sudoers"), rule);
        must("visudo", "-cf", candidate.toString());
        must("install", "-o", "root", "-g", "root", "-m", "0440", candidate.toString(), file.toString());
    }

    @AfterAll
    void uninstall() throws Exception {
        run("rm", "-rf", SECOND_SUDOERS.toString(), SECOND_ETC.toString());
        if (site != null) {
            site.close();
        }
    }

    @Test
    @Order(1)
    void bothRulesTogetherPassVisudoAndEachAccountMayRunOnlyItsOwnLauncher() {
        var host = run("visudo", "-c");
        assertThat(host.exit()).as(host.output()).isZero();
        assertThat(host.output()).doesNotContain("already defined");
        var first = runApart(as(SERVICE, "sudo", "-n", "-l"));
        var second = runApart(as(SECOND_SERVICE, "sudo", "-n", "-l"));
        assertThat(first.err()).as("sudo warns of nothing").isEmpty();
        assertThat(second.err()).as("sudo warns of nothing").isEmpty();
        assertThat(mayRun(first.out())).contains(launcher + " \"\"").contains("%" + Installation.GROUP)
                .doesNotContain(secondLauncher.toString());
        assertThat(mayRun(second.out())).contains(secondLauncher + " \"\"").contains("%" + SECOND_GROUP)
                .doesNotContain(launcher.toString());
    }

    @Test
    @Order(2)
    void theSecondAccountCannotRunTheFirstLauncherAsTheFirstsUsers() {
        assertThat(run(as(SECOND_SERVICE, "sudo", "-n", "-u", ALICE, launcher.toString())).exit()).isNotZero();
        assertThat(run(as(SERVICE, "sudo", "-n", "-u", ALICE, "-l", launcher.toString())).exit()).isZero();
    }

    @Test
    @Order(3)
    void theFirstInstallationLaunchesBesideTheSecondsRule() throws Exception {
        site.stopServer();
        site.startServer();
        assertThat(site.log()).doesNotContain("will not launch");
        assertThat(Host.eventually(PATIENCE, () -> browseAlice() == 200)).as(site.log()).isTrue();
    }

    @Test
    @Order(4)
    void rulesSharingAliasNamesMakeSudoWarnAndStopLaunchesUntilFixed() throws Exception {
        String first = Files.readString(Installation.SUDOERS);
        String second = Files.readString(SECOND_SUDOERS);
        try {
            installRule(Installation.SUDOERS, fixedNames(first));
            installRule(SECOND_SUDOERS, fixedNames(second));
            assertThat(runApart(as(SERVICE, "sudo", "-n", "-l")).err()).contains("already defined");
            Host.instancesOf(ALICE).forEach(pid -> run("kill", "-9", pid.toString()));
            assertThat(Host.eventually(PATIENCE, () -> Host.instancesOf(ALICE).isEmpty()
                    && !Host.running(Installation.RUN.resolve("ucloud.sock"), "alice#1234"))).isTrue();
            assertThat(Host.eventually(PATIENCE, () -> browseAlice() == 503)).as(site.log()).isTrue();
            assertThat(site.log()).contains("refusing to launch user instances").contains("already defined");
            assertThat(Host.instancesOf(ALICE)).isEmpty();
        } finally {
            installRule(Installation.SUDOERS, first);
            installRule(SECOND_SUDOERS, second);
        }
        assertThat(Host.eventually(PATIENCE, () -> browseAlice() == 200)).as(site.log()).isTrue();
    }

    /** A rule as `ucloud-im sudoers` printed it before alias names belonged to the installation. */
    private static String fixedNames(String rule) {
        return rule.replaceAll("UCLOUD_IM_[0-9A-F]{8}_USERS", "UCLOUD_IM_USERS").replaceAll("UCLOUD_IM_[0-9A-F]{8}_LAUNCHER", "UCLOUD_IM_USER");
    }

    /** The rules part of a listing (sudo lists every command-specific Defaults line too, whoever's it is). */
    private static String mayRun(String listing) {
        int rules = listing.indexOf("may run the following commands");
        return rules < 0 ? "" : listing.substring(rules);
    }

    private int browseAlice() {
        try {
            return client.asUser("alice#1234").post("files/browse", new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                    {"resolvedCollection":{"id":"7","providerGeneratedId":"home alice#1234\\n/home/%s"},
                     "Browse":{"flags":{"path":"/7"},"itemsPerPage":50,"next":null,"sortBy":"PATH","sortDirection":"ascending"}}
                    """.formatted(ALICE))).status();
        } catch (Exception e) {
            return -1;
        }
    }
}
