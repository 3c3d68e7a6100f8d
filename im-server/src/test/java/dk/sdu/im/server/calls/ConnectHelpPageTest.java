package dk.sdu.im.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectHelpPageTest {
    @Test
    void escapesTheUsernameFromTheUrlAndTheMessage() {
        String page = new ConnectHelpPage("slurm", "Mail <b>us</b>").render("<script>alert(1)</script>#1");
        assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;#1")
                .contains("Mail &lt;b&gt;us&lt;/b&gt;");
    }
}
