package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.run;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.BOB;
import static dk.sdu.im.systemtest.Installation.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.testkit.client.Caller;
import dk.sdu.im.testkit.client.ProviderClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code core.userContext} end to end (DESIGN 4.4, contract decision 1), through the gateway to real instances
 * launched through sudo: today's Core signs tokens without the user, so {@code auto} serves the header's user until a
 * call carrying the {@code ucloudUser} claim is seen once, and refuses claimless calls from then on, in every running
 * instance, in instances launched later and after IM/Server restarts; {@code required} and {@code header} are fixed.
 * The tests run in order: each one builds on the state the one before left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserContextSystemTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ALICE_UCLOUD = "alice#1234";
    private static final String BOB_UCLOUD = "bob#5678";
    private static final String SWITCH_LINE = "IM/Server: a user call carried the ucloudUser claim";
    private Installation site;
    private ProviderClient client;

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Host.root(), "needs root: creates accounts, installs a sudo rule and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        site = Installation.install(Path.of(System.getProperty("im.dist")));
        client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens());
    }

    @AfterAll
    void uninstall() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    /** {@code files/browse} of the user's home drive, with whatever token and header {@code caller} sends. */
    private int browse(Caller caller, String ucloudUser, String localUser) {
        String body = """
                {"resolvedCollection":{"id":"7","providerGeneratedId":"home %s\\n/home/%s"},
                 "Browse":{"flags":{"path":"/7"},"itemsPerPage":50}}""".formatted(ucloudUser, localUser);
        try {
            return caller.post("files/browse", body).status();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private int claimless(String ucloudUser, String localUser) {
        return browse(client.asUser(ucloudUser), ucloudUser, localUser);
    }

    private int withClaim(String ucloudUser, String localUser) {
        return browse(client.asUserWithClaim(ucloudUser), ucloudUser, localUser);
    }

    private boolean eventually(BooleanSupplier condition) {
        return Host.eventually(PATIENCE, condition);
    }

    private int switchLines() {
        return (int) Pattern.compile(Pattern.quote(SWITCH_LINE)).matcher(site.log()).results().count();
    }

    @Test
    @Order(1)
    void autoServesTodaysCoreWhoseTokensNameNoUser() {
        assertThat(claimless(ALICE_UCLOUD, ALICE)).as(site.log()).isEqualTo(200);
        assertThat(claimless(BOB_UCLOUD, BOB)).isEqualTo(200);
        assertThat(Host.instancesOf(ALICE)).hasSize(1);
        assertThat(Host.instancesOf(BOB)).hasSize(1);
        assertThat(site.log()).contains("core.userContext is auto and no user call has carried the ucloudUser claim yet");
    }

    @Test
    @Order(2)
    void oneCallCarryingTheClaimSwitchesEveryRunningInstance() {
        assertThat(withClaim(ALICE_UCLOUD, ALICE)).isEqualTo(200);

        assertThat(claimless(ALICE_UCLOUD, ALICE)).as("the instance that saw the claim refuses at once").isEqualTo(403);
        assertThat(eventually(() -> claimless(BOB_UCLOUD, BOB) == 403)).as("bob's running instance is told").isTrue();
        assertThat(withClaim(BOB_UCLOUD, BOB)).isEqualTo(200);
        assertThat(Host.instancesOf(BOB)).as("the same instance, not a relaunch").hasSize(1);
        assertThat(eventually(() -> switchLines() == 1)).as(site.log()).isTrue();
    }

    @Test
    @Order(3)
    void anInstanceLaunchedAfterTheSwitchRefusesClaimlessCalls() {
        Host.instancesOf(BOB).forEach(pid -> run("kill", "-9", pid.toString()));
        assertThat(eventually(() -> Host.instancesOf(BOB).isEmpty() && !Host.running(RUN.resolve("ucloud.sock"), BOB_UCLOUD)))
                .isTrue();

        assertThat(claimless(BOB_UCLOUD, BOB)).as(site.log()).isEqualTo(403);
        assertThat(Host.instancesOf(BOB)).as("launched, and told by its assignment").hasSize(1);
        assertThat(withClaim(BOB_UCLOUD, BOB)).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theSwitchSurvivesARestartOfIMServer() throws Exception {
        site.restartWithUserContext(null, false);

        assertThat(site.log()).contains("core.userContext is auto and a user call carried the ucloudUser claim at");
        assertThat(claimless(ALICE_UCLOUD, ALICE)).as(site.log()).isEqualTo(403);
        assertThat(withClaim(ALICE_UCLOUD, ALICE)).isEqualTo(200);
        assertThat(switchLines()).as("no second switch").isZero();
    }

    @Test
    @Order(5)
    void headerModeServesClaimlessCallsDespiteTheRecordAndStillChecksAClaimAgainstTheHeader() throws Exception {
        site.restartWithUserContext("header", false);

        assertThat(site.log()).contains("core.userContext is header");
        assertThat(claimless(ALICE_UCLOUD, ALICE)).as(site.log()).isEqualTo(200);
        assertThat(browse(client.asUserWithClaim(BOB_UCLOUD).withUsernameHeader(ALICE_UCLOUD), ALICE_UCLOUD, ALICE))
                .as("bob's token with alice's header").isEqualTo(403);
    }

    @Test
    @Order(6)
    void requiredModeRefusesEveryClaimlessUserCallOnAFreshDatabase() throws Exception {
        site.restartWithUserContext("required", true);

        assertThat(site.log()).contains("core.userContext is required");
        assertThat(claimless(ALICE_UCLOUD, ALICE)).as(site.log()).isEqualTo(403);
        assertThat(browse(client.asSystem().withUsernameHeader(ALICE_UCLOUD), ALICE_UCLOUD, ALICE))
                .as("a system call's token with alice's header").isEqualTo(403);
        assertThat(withClaim(ALICE_UCLOUD, ALICE)).isEqualTo(200);
    }

    @Test
    @Order(7)
    void autoOnAFreshDatabaseStartsOverFromTheHeader() throws Exception {
        site.restartWithUserContext("auto", true);

        assertThat(claimless(ALICE_UCLOUD, ALICE)).as(site.log()).isEqualTo(200);
    }
}
