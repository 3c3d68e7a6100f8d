package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.UserClaimRule;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.ipc.InstanceHandler;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcServer;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.ipc.Permissions;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.testkit.core.CoreTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token IM/User rejects reaches IM/Server's audit trail: the instance's resolver, given a forged token, answers 401
 * and reports the verifier's reason and the named user over real IPC to a stand-in for IM/Server, never the token.
 */
class TokenRejectionReportTest {
    @TempDir
    Path dir;
    private final BlockingQueue<InstanceToServer> received = new LinkedBlockingQueue<>();
    private IpcServer ipc;
    private ServerLink link;

    @BeforeEach
    void start() throws Exception {
        InstanceHandler handler = new InstanceHandler() {
            @Override
            public ServerToInstance onMessage(InstanceSession session, InstanceToServer message) {
                received.add(message);
                return new ServerToInstance.Ack();
            }

            @Override
            public void onClose(InstanceSession session) {
            }
        };
        var permissions = Permissions.builder().allow(InstanceToServer.Hello.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.TokenRejected.class, PeerKind.INSTANCE).build();
        Path socket = dir.resolve("ipc.sock");
        ipc = IpcServer.start(socket, new IpcServer.Settings(peer -> PeerKind.INSTANCE, permissions, handler,
                (peer, message) -> new ServerToAdmin.Refused("test"), 16, Duration.ofMinutes(1))); // a first handshake loads classes
        link = ServerLink.connect(socket, message -> { });
    }

    @AfterEach
    void stop() {
        link.close();
        ipc.close();
    }

    @Test
    void aForgedTokenIsAnswered401AndReportedWithWhyAndTheNamedUserButNotTheToken() throws Exception {
        CoreTokens ucloud = CoreTokens.withNewKey("cloud", Clock.systemUTC(), new SecureRandom());
        CoreTokens forger = CoreTokens.withNewKey("cloud", Clock.systemUTC(), new SecureRandom());
        var verifier = new CoreTokenVerifier((RSAPublicKey) ucloud.keyPair().getPublic(), "cloud", Duration.ZERO,
                Clock.systemUTC());
        var resolver = new CallerResolver(verifier, UserClaimRule.header(), () -> "alice#1234",
                new IpcTokenRejections(() -> link));
        String forged = forger.tokenWithUserClaim("alice#1234");
        String header = Base64.getEncoder().encodeToString("alice#1234".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> resolver.resolve(Access.USER, "Bearer " + forged, header, UsernameHints.NONE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));

        InstanceToServer report = received.poll(30, TimeUnit.SECONDS);
        assertThat(report).isEqualTo(new InstanceToServer.TokenRejected("bad signature", "alice#1234"));
        assertThat(report.toString()).doesNotContain(forged);
    }

    @Test
    void aVerifiedTokenIsNotReported() throws Exception {
        CoreTokens ucloud = CoreTokens.withNewKey("cloud", Clock.systemUTC(), new SecureRandom());
        var verifier = new CoreTokenVerifier((RSAPublicKey) ucloud.keyPair().getPublic(), "cloud", Duration.ZERO,
                Clock.systemUTC());
        var resolver = new CallerResolver(verifier, UserClaimRule.header(), () -> "alice#1234",
                new IpcTokenRejections(() -> link));
        String header = Base64.getEncoder().encodeToString("alice#1234".getBytes(StandardCharsets.UTF_8));

        assertThat(resolver.resolve(Access.USER, "Bearer " + ucloud.tokenWithUserClaim("alice#1234"), header,
                UsernameHints.NONE).ucloudUser()).contains("alice#1234");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
