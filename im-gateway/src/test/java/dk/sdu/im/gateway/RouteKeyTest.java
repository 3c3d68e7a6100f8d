package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The username that routes a request, as provider API 1.5 encodes it. */
class RouteKeyTest {
    private static final String USER = "jürgen~?#1";

    @Test
    void readsTheHeaderAsStandardBase64OfUtf8() {
        assertThat(RouteKey.fromHeader("YWxpY2UjMTIzNA==")).isEqualTo("alice#1234");
        assertThat(RouteKey.fromHeader(RouteKey.header(USER))).isEqualTo(USER);
    }

    @Test
    void readsTheHintInEitherAlphabetWithOrWithoutPadding() {
        String standard = Base64.getEncoder().encodeToString(USER.getBytes(StandardCharsets.UTF_8));
        assertThat(RouteKey.fromHint(RouteKey.hint(USER))).isEqualTo(USER);
        assertThat(RouteKey.fromHint(standard)).isEqualTo(USER);
        assertThat(RouteKey.fromHint(standard.replace("=", ""))).isEqualTo(USER);
        assertThat(RouteKey.fromHint(standard.replace("/", "%2F").replace("=", "%3d"))).isEqualTo(USER);
    }

    @Test
    void keepsPlusAsBase64InTheHint() {
        String user = "carol>>?#1";
        String standard = Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        assertThat(standard).contains("+");
        assertThat(RouteKey.fromHint(standard)).isEqualTo(user);
    }

    @Test
    void refusesWhatIsNotBase64OfAUtf8Username() {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xc3, (byte) 0x28});
        String control = Base64.getEncoder().encodeToString("a\nb".getBytes(StandardCharsets.UTF_8));
        for (String value : new String[] {"", "!!!!", "Y", "YWxpY2U=x", notUtf8, control, "YW-_Y2U+", "%zz"}) {
            assertThatThrownBy(() -> RouteKey.fromHint(value)).as(value).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RouteKey.fromHeader(RouteKey.hint(USER))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteKey.fromHeader(notUtf8)).isInstanceOf(IllegalArgumentException.class);
    }
}
