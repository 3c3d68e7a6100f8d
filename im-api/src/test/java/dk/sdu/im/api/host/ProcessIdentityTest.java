package dk.sdu.im.api.host;

import static org.assertj.core.api.Assertions.assertThat;

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
}
