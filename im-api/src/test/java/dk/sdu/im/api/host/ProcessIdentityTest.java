package dk.sdu.im.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessIdentityTest {
    @Test
    void rootIsRefusedWithOneLine() {
        assertThat(ProcessIdentity.refusalForRoot("IM/Server", 0)).contains("refuses to run as root").doesNotContain("\n");
    }

    @Test
    void otherUidsAreFine() {
        assertThat(ProcessIdentity.refusalForRoot("IM/Server", 1000)).isNull();
    }

    @Test
    void effectiveUidMatchesTheKernelsAnswer() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        int expected = Integer.parseInt(new String(id.getInputStream().readAllBytes()).strip());
        assertThat(ProcessIdentity.effectiveUid()).isEqualTo(expected);
    }

    @Test
    void theEffectiveUidIsTheSecondIdOfTheUidLineNotTheRealOne() {
        // A setuid-like process: real uid 1000, effective 0. The refusal must see the 0.
        assertThat(ProcessIdentity.effectiveUidIn(List.of("Name:\tjava", "Uid:\t1000\t0\t0\t0", "Gid:\t1000\t1000\t1000\t1000")))
                .isZero();
    }

    @Test
    void aStatusWithoutAUsableUidLineIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> ProcessIdentity.effectiveUidIn(List.of("Name:\tjava", "Gid:\t0\t0\t0\t0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessIdentity.effectiveUidIn(List.of("Uid:\t1000")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
