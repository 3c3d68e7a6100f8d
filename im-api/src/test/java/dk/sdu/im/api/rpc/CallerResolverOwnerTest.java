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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An instance serves user calls only for the user IM/Server assigned to it (DESIGN 4.4). */
class CallerResolverOwnerTest {
    private final TestKeys keys = new TestKeys(Instant.now());
    private final AtomicReference<String> owner = new AtomicReference<>();
    private final CallerResolver resolver = new CallerResolver(
            new CoreTokenVerifier(keys.publicKey(), "cloud.sdu.dk", Duration.ofSeconds(60), Clock.systemUTC()), UserClaimRule.required(), owner::get);

    private Caller call(String user) {
        return resolver.resolve(Access.USER, "Bearer " + keys.sign(c -> c.claim("ucloudUser", user)),
                Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)), UsernameHints.NONE);
    }

    @Test
    void servesItsOwnUser() {
        owner.set("alice#1");
        assertThat(call("alice#1").ucloudUser()).contains("alice#1");
    }

    @Test
    void refusesAnotherUsersCallWith403() {
        owner.set("alice#1");
        assertThatThrownBy(() -> call("bob#2")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
    }

    @Test
    void refusesEverythingWith503UntilAssigned() {
        assertThatThrownBy(() -> call("alice#1")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(503));
    }
}
