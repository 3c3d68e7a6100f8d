package dk.sdu.im.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.server.admin.AdminPeers;
import dk.sdu.im.server.identity.AdminGroup;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI run by a local user who is not an administrator ({@code nobody}, through {@code setpriv}), against a
 * server that classifies peers as IM/Server does ({@link AdminPeers}): it is refused by the server, exits 77 and says
 * why, and its request never reaches a handler. Root, with the same CLI, is answered.
 */
class NonAdminCliTest {
    @TempDir
    Path dir;

    @Test
    void aLocalUserRunningTheCliIsRefusedByTheServerAndRootIsNot() throws Exception {
        assumeTrue(ProcessIdentity.effectiveUid() == 0, "needs root: runs the CLI as nobody through setpriv");
        List<Object> handled = new CopyOnWriteArrayList<>();
        var classifier = new AdminPeers(peer -> peer.uid() == 0 ? PeerKind.ADMIN : PeerKind.LOCAL_USER,
                new AdminGroup(Optional.empty(), name -> Optional.empty(), Clock.systemUTC()));
        try (FakeServer server = FakeServer.start(dir, classifier, (peer, message) -> {
            handled.add(message);
            return new dk.sdu.im.ipc.ServerToAdmin.Users(List.of(CliTest.ALICE), false);
        })) {
            String classPath = readableClassPath(Files.createDirectories(dir.resolve("cp")));
            Run asNobody = cli(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), classPath, server);
            assertThat(asNobody.status).as(asNobody.output).isEqualTo(CliFailure.REFUSED);
            assertThat(asNobody.output).contains("refused").contains("uid 65534").doesNotContain("alice#1234");
            assertThat(handled).isEmpty();

            Run asRoot = cli(List.of(), classPath, server);
            assertThat(asRoot.status).as(asRoot.output).isZero();
            assertThat(asRoot.output).contains("alice#1234");
            assertThat(handled).hasSize(1);
        }
    }

    private static Run cli(List<String> prefix, String classPath, FakeServer server) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                CliMain.class.getName(), "users", "ls", "--config-dir", server.configDir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** This test's class path copied where any user can read it (the build's jars live in root's home). */
    private static String readableClassPath(Path into) throws Exception {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path target = into.resolve((n++) + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyTree(source, target);
            } else if (Files.isRegularFile(source)) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            entries.add(target.toString());
        }
        try (var all = Files.walk(into)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path source, Path target) throws Exception {
        try (var files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private record Run(int status, String output) {
    }
}
