package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server learns who the peer is from the kernel, once, and hands it to the handler as a {@link Peer}. */
class PeerCredentialsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void inProcessClientIsSeenWithThisProcesssPidUidAndGid() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE);
             InstanceConnection connection = fixture.connectInstance()) {
            connection.request(new InstanceToServer.Register(42001));

            assertThat(fixture.instances.calls.getFirst().peer())
                    .isEqualTo(new Peer(ThisProcess.pid(), ThisProcess.uid(), ThisProcess.gid()));
        }
    }

    @Test
    void childProcessClientIsSeenWithTheChildsPid() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE)) {
            Process child = new ProcessBuilder(javaExecutable(), "-cp", clientOnlyClassPath(),
                    InstanceClientMain.class.getName(), fixture.socket.toString(), "42007")
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(output).isZero();

            assertThat(output).isEqualTo("pid=" + child.pid() + " reply=Ack[]");
            assertThat(fixture.instances.calls).singleElement().isEqualTo(new RecordingInstanceHandler.Call(
                    new Peer(child.pid(), ThisProcess.uid(), ThisProcess.gid()), new InstanceToServer.Register(42007)));
        }
    }

    /** What an IM/User needs and nothing more: this module, Jackson, and the child's main. No junixsocket. */
    private static String clientOnlyClassPath() throws URISyntaxException {
        List<Class<?>> anchors = List.of(InstanceClientMain.class, IpcClient.class, ObjectMapper.class,
                JsonParser.class, JsonProperty.class);
        String classPath = anchors.stream().map(PeerCredentialsTest::location).distinct()
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("junixsocket");
        return classPath;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
