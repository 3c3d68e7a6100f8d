package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.IpcClient;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.testkit.core.FakeCore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IM/Server authorises the admin CLI itself, by the kernel-reported uid and gid of each connection: root and members
 * of {@code server.adminGroup} are answered, anyone else is refused at the handshake, whatever client they use. The
 * other users are played by a hand-written protocol client run through {@code setpriv} (as root), and the admin
 * requests are exercised on the real server's state.
 */
class AdminIpcTest {
    private static final String NOBODY = "65534";

    @TempDir
    Path dir;
    private FakeCore core;
    private ServerFixture fixture;
    private String group;

    private void start(String serverYaml) throws Exception {
        assumeTrue(ProcessIdentity.effectiveUid() == 0, "needs root: plays other local users with setpriv");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the socket's path, for them
        core = FakeCore.start();
        fixture = new ServerFixture(dir, core);
        fixture.serverYaml = serverYaml;
        fixture.accounts.with("nobody", 65534);
        fixture.start("type: sqlite\n", "");
    }

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
            core.close();
        }
        if (group != null) {
            new ProcessBuilder("groupdel", group).inheritIO().start().waitFor();
        }
    }

    @Test
    void rootIsAnsweredAndTheRequestsWorkOnTheServersState() throws Exception {
        start("");
        try (var admin = IpcClient.connectAsAdmin(socket())) {
            var users = (ServerToAdmin.Users) admin.request(new AdminToServer.ListUsers(""));
            assertThat(users.users()).extracting(ServerToAdmin.UserInfo::ucloudUsername).containsExactly("alice#1234", "bob#5678");
            assertThat(users.more()).isFalse();
            var alice = (ServerToAdmin.User) admin.request(new AdminToServer.ShowUser("alice#1234"));
            assertThat(alice.user().uid()).isEqualTo(1100);
            assertThat(alice.instances()).isEmpty();
            assertThat(alice.drives()).extracting(ServerToAdmin.DriveInfo::root).containsExactly("/home/alice");
            assertThat(admin.request(new AdminToServer.ShowUser("carol#1"))).isInstanceOf(ServerToAdmin.NotFound.class);
            assertThat(admin.request(new AdminToServer.RemoveUser("bob#5678"))).isInstanceOfSatisfying(ServerToAdmin.Done.class,
                    done -> assertThat(done.what()).contains("uid 1101").contains("config.yml still lists it"));
            assertThat(((ServerToAdmin.Users) admin.request(new AdminToServer.ListUsers(""))).users())
                    .extracting(ServerToAdmin.UserInfo::ucloudUsername).containsExactly("alice#1234");
            assertThat(admin.request(new AdminToServer.RemoveUser("bob#5678"))).isInstanceOf(ServerToAdmin.NotFound.class);
            assertThat(admin.request(new AdminToServer.StopInstance("alice#1234"))).isInstanceOf(ServerToAdmin.NotFound.class);
            assertThat(admin.request(new AdminToServer.ListInstances(""))).isEqualTo(new ServerToAdmin.Instances(List.of(), false));
            assertThat(admin.request(new AdminToServer.ListRoutes(""))).isEqualTo(new ServerToAdmin.Routes(List.of(), false));
            assertThat(admin.request(new AdminToServer.ListJobs(""))).isEqualTo(new ServerToAdmin.Jobs(List.of(), false));
            assertThat(((ServerToAdmin.Drives) admin.request(new AdminToServer.ListDrives(""))).drives())
                    .extracting(ServerToAdmin.DriveInfo::ucloudUsername).containsExactly("alice#1234");
        }
        assertThat(raw(null, null)).startsWith("REPLY c1 ").contains("REPLY c4 ").contains("alice#1234");
    }

    @Test
    void aLocalUserSpeakingTheProtocolDirectlyIsRefusedByIMServer() throws Exception {
        start("");
        String output = raw(NOBODY, NOBODY);
        assertThat(output).doesNotContain("REPLY c1").doesNotContain("REPLY c4").doesNotContain("alice#1234");
        assertThat(output).satisfiesAnyOf(o -> assertThat(o).startsWith("REPLY c3 ").contains("not permitted"),
                o -> assertThat(o).startsWith("CLOSED"));
    }

    @Test
    void membersOfTheAdminGroupByGidOrByTheGroupListAreAnsweredAndOthersRefused() throws Exception {
        assumeTrue(ProcessIdentity.effectiveUid() == 0, "needs root: creates a group and plays other local users");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/groupadd")), "needs groupadd (the passwd package) to create a test group");
        String name = "imadm" + ProcessHandle.current().pid() % 100000;
        must("groupadd", name);
        group = name;
        must("gpasswd", "-a", "nobody", name);
        String gid = must("getent", "group", name).split(":")[2];
        start("adminGroup: " + name);

        assertThat(raw("2", gid)).as("bin with the group as its gid").startsWith("REPLY c1 ").contains("REPLY c4 ");
        assertThat(raw(NOBODY, NOBODY)).as("nobody, listed as a member").startsWith("REPLY c1 ").contains("alice#1234");
        assertThat(raw("2", "2")).as("bin, not a member").doesNotContain("REPLY c1").doesNotContain("REPLY c4");
    }

    private Path socket() {
        return fixture.configDir.resolveSibling("ipc").resolve("ucloud.sock");
    }

    /** The hand-written client's output, run as {@code uid}/{@code gid} with no supplementary groups (null: as root). */
    private String raw(String uid, String gid) throws Exception {
        Path source = dir.resolve("RawAdminClient.java");
        if (!Files.exists(source)) {
            try (var in = getClass().getResourceAsStream("/RawAdminClient.java")) {
                Files.copy(in, source);
            }
            Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> command = new ArrayList<>();
        if (uid != null) {
            command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), source.toString(),
                socket().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String must(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output.strip();
    }
}
