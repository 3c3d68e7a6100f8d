package dk.sdu.im.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.auth.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The three user-context policies of contract decision 1, as the resolver applies them to user calls. */
class UserClaimRuleTest {
    private static final String ALICE = "alice#1";
    private final TestKeys keys = new TestKeys(Instant.now());
    private final CoreTokenVerifier verifier =
            new CoreTokenVerifier(keys.publicKey(), "cloud.sdu.dk", Duration.ofSeconds(60), Clock.systemUTC());

    private Caller claimless(UserClaimRule rule) {
        return new CallerResolver(verifier, rule).resolve(Access.USER, "Bearer " + keys.sign(c -> c), header(ALICE), UsernameHints.NONE);
    }

    private Caller claimed(UserClaimRule rule, String claim, String headerUser) {
        return new CallerResolver(verifier, rule).resolve(Access.USER, "Bearer " + keys.sign(c -> c.claim("ucloudUser", claim)),
                header(headerUser), UsernameHints.NONE);
    }

    private static String header(String user) {
        return Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
    }

    @Test
    void autoTakesTheHeaderUntilAClaimIsSeenAndRefusesClaimlessCallsFromThenOn() {
        UserClaimRule rule = UserClaimRule.auto(false, "test");
        List<String> switchedBy = new CopyOnWriteArrayList<>();
        rule.onSwitch(switchedBy::add);

        assertThat(claimless(rule).ucloudUser()).contains(ALICE);
        assertThat(rule.claimRequired()).isFalse();
        assertThat(claimed(rule, ALICE, ALICE).ucloudUser()).contains(ALICE);

        assertThat(rule.claimRequired()).isTrue();
        assertThat(switchedBy).hasSize(1);
        assertThat(switchedBy.getFirst()).contains(".");
        assertForbidden(() -> claimless(rule));
        claimed(rule, ALICE, ALICE);
        assertThat(switchedBy).as("the switch is reported once").hasSize(1);
    }

    @Test
    void aClaimThatDisagreesWithTheHeaderIsRefusedAndDoesNotSwitch() {
        UserClaimRule rule = UserClaimRule.auto(false, "test");
        assertForbidden(() -> claimed(rule, "bob#2", ALICE));
        assertThat(rule.claimRequired()).isFalse();
    }

    @Test
    void autoThatAlreadySawTheClaimRefusesClaimlessCalls() {
        assertForbidden(() -> claimless(UserClaimRule.auto(true, "test")));
    }

    @Test
    void autoLearnsFromElsewhereWithoutEchoingToItsListeners() {
        UserClaimRule rule = UserClaimRule.auto(false, "test");
        List<String> switchedBy = new CopyOnWriteArrayList<>();
        rule.onSwitch(switchedBy::add);

        assertThat(rule.learn()).isTrue();
        assertThat(rule.learn()).isFalse();
        assertForbidden(() -> claimless(rule));
        assertThat(switchedBy).isEmpty();
    }

    @Test
    void requiredNeverServesAClaimlessUserCall() {
        assertForbidden(() -> claimless(UserClaimRule.required()));
        assertThat(claimed(UserClaimRule.required(), ALICE, ALICE).ucloudUser()).contains(ALICE);
    }

    @Test
    void headerNeverRequiresTheClaimAndNeverSwitches() {
        UserClaimRule rule = UserClaimRule.header();
        claimed(rule, ALICE, ALICE);
        assertThat(rule.learn()).isFalse();
        assertThat(claimless(rule).ucloudUser()).contains(ALICE);
    }

    @Test
    void aSystemCallWithoutHeaderOrClaimHasNoUserInEveryMode() {
        for (UserClaimRule rule : List.of(UserClaimRule.auto(true, "t"), UserClaimRule.required(), UserClaimRule.header())) {
            Caller caller = new CallerResolver(verifier, rule).resolve(Access.SYSTEM, "Bearer " + keys.sign(c -> c), null, UsernameHints.NONE);
            assertThat(caller.ucloudUser()).isEmpty();
        }
    }
}
