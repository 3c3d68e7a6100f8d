package dk.sdu.im.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.sdu.im.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Contract 1.5 and decision 4: a URL may name its user more than once, in either base64 alphabet. */
class UsernameHintsTest {
    /** Standard base64 {@code w7/Dvj8+IzE=}: a '/', a '+' and padding; base64url {@code w7_Dvj8-IzE=}. */
    private static final String USER = "\u00ff\u00fe?>#1";
    private static final String STANDARD = Base64.getEncoder().encodeToString(USER.getBytes(StandardCharsets.UTF_8));
    private static final String URL = Base64.getUrlEncoder().encodeToString(USER.getBytes(StandardCharsets.UTF_8));
    private static final String BOB = Base64.getEncoder().encodeToString("bob#2".getBytes(StandardCharsets.UTF_8));

    @Test
    void noHintNamesNobodyAndAllowsAnyCapability() {
        assertThat(UsernameHints.NONE.user()).isEmpty();
        assertThat(UsernameHints.of("").user()).isEmpty();
        assertThat(UsernameHints.NONE.allow(USER)).isTrue();
    }

    @Test
    void theModulesAndTheFrontendsHintForTheSameUserAreOneUser() {
        assertThat(STANDARD).contains("/", "+", "=");

        assertThat(UsernameHints.of(URL, STANDARD).user()).contains(USER);
        assertThat(UsernameHints.of(STANDARD, STANDARD).user()).contains(USER);
        assertThat(UsernameHints.of(URL, STANDARD).allow(USER)).isTrue();
    }

    @Test
    void aPlusThatAFormDecoderTurnedIntoASpaceIsReadAsAPlus() {
        assertThat(UsernameHints.of(STANDARD.replace('+', ' ')).user()).contains(USER);
    }

    @Test
    void hintsNamingDifferentUsersAre400AndAllowNoCapability() {
        UsernameHints hints = UsernameHints.of(URL, BOB);

        assertThat(catchThrowableOfType(ApiException.class, hints::user).status()).isEqualTo(400);
        assertThat(hints.allow(USER)).isFalse();
        assertThat(hints.allow("bob#2")).isFalse();
        assertThat(UsernameHints.of(BOB).allow(USER)).isFalse();
    }

    @Test
    void anUndecodableHintIs400AndAllowsNoCapability() {
        for (String bad : new String[] {"***", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff}), "w7_Dvj8+IzE="}) {
            UsernameHints hints = UsernameHints.of(URL, bad);
            assertThat(catchThrowableOfType(ApiException.class, hints::user).status()).as(bad).isEqualTo(400);
            assertThat(hints.allow(USER)).as(bad).isFalse();
        }
    }
}
