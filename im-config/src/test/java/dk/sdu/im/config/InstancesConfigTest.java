package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.PRODUCTS;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.load;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstancesConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreSudoLaunchAndTheDocumentedPaths() throws ConfigException {
        ImConfig config = load(dir, MINIMAL);
        assertThat(config.instances()).isEqualTo(new InstancesConfig(InstancesConfig.Launch.SUDO,
                Path.of("/opt/ucloud-im/bin/ucloud-im-user"), "ucloud", "ucloud-users", Path.of("/run/ucloud/ucloud.sock"),
                Duration.ofSeconds(900), Duration.ofSeconds(20), Duration.ofSeconds(30)));
        assertThat(config.gateway()).isEqualTo(new GatewayConfig("127.0.0.1", 8889));
        assertThat(config.transfers()).isEqualTo(new TransfersConfig(Duration.ofMinutes(10), Duration.ofMinutes(60)));
    }

    @Test
    void readsTransferLinkLifetimesAndRefusesZero() throws ConfigException {
        ImConfig config = load(dir, HEAD + PRODUCTS + "transfers:\n  downloadLinkSeconds: 120\n  uploadLinkSeconds: 86400\n");
        assertThat(config.transfers()).isEqualTo(new TransfersConfig(Duration.ofMinutes(2), Duration.ofDays(1)));

        var error = loadError(dir, HEAD + PRODUCTS + "transfers:\n  uploadLinkSeconds: 4\n");
        assertAt(error, 14, 22);
    }

    @Test
    void readsEverySetting() throws ConfigException {
        ImConfig config = load(dir, HEAD + PRODUCTS + """
                instances:
                  launch: direct
                  launcher: bin/launch
                  serviceUser: svc
                  userGroup: hpc
                  ipcSocket: /tmp/x.sock
                  idleTimeoutSeconds: 60
                  startTimeoutSeconds: 5
                  serverLossGraceSeconds: 7
                gateway:
                  host: 0.0.0.0
                  port: 0
                """);
        assertThat(config.instances().launch()).isEqualTo(InstancesConfig.Launch.DIRECT);
        assertThat(config.instances().launcher()).isEqualTo(config.directory().resolve("bin/launch"));
        assertThat(config.instances().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.gateway()).isEqualTo(new GatewayConfig("0.0.0.0", 0));
    }

    @Test
    void serviceUserRootIsRefusedWithLineAndColumn() {
        assertAt(loadError(dir, HEAD + PRODUCTS + "instances:\n  serviceUser: root\n"), 14, 16);
    }

    @Test
    void unknownLaunchModeListsTheAllowedValues() {
        var error = loadError(dir, HEAD + PRODUCTS + "instances:\n  launch: ssh\n");
        assertAt(error, 14, 11);
        assertThat(error.getMessage()).contains("sudo").contains("direct");
    }
}
