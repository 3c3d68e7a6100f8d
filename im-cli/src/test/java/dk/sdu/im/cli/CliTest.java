package dk.sdu.im.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.ipc.ServerToAdmin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI against a stand-in for IM/Server's admin side on a real socket: tables, JSON, paging, exit codes. */
class CliTest {
    static final ServerToAdmin.UserInfo ALICE = new ServerToAdmin.UserInfo("alice#1234", "alice", 1100,
            1_700_000_000_000L, 0, true, 0);
    static final ServerToAdmin.UserInfo BOB = new ServerToAdmin.UserInfo("bob#5678", "bob", 1101,
            1_700_000_000_000L, 0, false, 0);
    static final ServerToAdmin.InstanceInfo ALICES = new ServerToAdmin.InstanceInfo("alice#1234", "alice", 1100, 4242,
            42001, System.currentTimeMillis() - 3_600_000, System.currentTimeMillis() - 60_000, 150L * 1024 * 1024, 2, 1);

    @TempDir
    Path dir;
    FakeServer server;
    final List<AdminToServer> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start(dir, peer -> PeerKind.ADMIN, (peer, message) -> {
            asked.add(message);
            return switch (message) {
                // two pages, to prove the CLI asks for the next one after the last key
                case AdminToServer.ListUsers list when list.after().isEmpty() -> new ServerToAdmin.Users(List.of(ALICE), true);
                case AdminToServer.ListUsers _ -> new ServerToAdmin.Users(List.of(BOB), false);
                case AdminToServer.ListInstances _ -> new ServerToAdmin.Instances(List.of(ALICES), false);
                case AdminToServer.ShowUser show when show.ucloudUsername().equals("alice#1234") ->
                        new ServerToAdmin.User(ALICE, List.of(ALICES), List.of(new ServerToAdmin.DriveInfo("alice#1234",
                                "home", "Home", "home", "/home/alice", "")));
                case AdminToServer.ShowUser show -> new ServerToAdmin.NotFound("no recorded mapping of " + show.ucloudUsername());
                case AdminToServer.RemoveUser rm -> new ServerToAdmin.Done("removed the mapping of " + rm.ucloudUsername());
                case AdminToServer.StopInstance stop -> new ServerToAdmin.NotFound("no instance of " + stop.ucloudUsername() + " runs");
                case AdminToServer.ListRoutes _ -> new ServerToAdmin.Routes(List.of(new ServerToAdmin.RouteInfo("alice#1234", 42001, 0, -1)), false);
                case AdminToServer.ListDrives _ -> new ServerToAdmin.Drives(List.of(), false);
                case AdminToServer.ListJobs _ -> new ServerToAdmin.Jobs(List.of(new ServerToAdmin.JobInfo("4213", "991",
                        "alice#1234", "alice", "cpu", "", 1_700_000_000_000L)), false);
                case AdminToServer.Hello _ -> new ServerToAdmin.Refused("already greeted");
            };
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void usersLsPrintsEveryPageAsATable() {
        Run run = cli("users", "ls");
        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out.lines().toList()).hasSize(3);
        assertThat(run.out).startsWith("UCLOUD USER").contains("alice#1234").contains("bob#5678").contains("1101");
        assertThat(asked).containsExactly(new AdminToServer.ListUsers(""), new AdminToServer.ListUsers("alice#1234"));
    }

    @Test
    void jsonIsOneDocumentOfTheRecordsForScripts() throws Exception {
        Run run = cli("users", "ls", "--json");
        JsonNode users = new ObjectMapper().readTree(run.out);
        assertThat(users.isArray()).as(run.out + run.err).isTrue();
        assertThat(users).hasSize(2);
        assertThat(users.get(1).get("uid").asInt()).isEqualTo(1101);
        JsonNode shown = new ObjectMapper().readTree(cli("users", "show", "alice#1234", "--json").out);
        assertThat(shown.get("instances").get(0).get("rssBytes").asLong()).isEqualTo(150L * 1024 * 1024);
    }

    @Test
    void instancesAloneListsThemWithMemoryUptimeAndTransfers() {
        Run run = cli("instances", "--config-dir", server.configDir.toString());
        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).contains("alice#1234").contains("4242").contains("150.0 MiB").containsPattern(" \\d+h\\d\\dm ")
                .containsPattern(" \\d+m\\d\\ds ");
        // the same list (as JSON: the table's uptime and idle columns move with the clock)
        assertThat(cli("instances", "ls", "--json").out).isEqualTo(cli("instances", "--json").out).contains("\"pid\" : 4242");
    }

    @Test
    void showRmStopRoutesDrivesAndJobsAskIMServer() {
        assertThat(cli("users", "show", "alice#1234").out).contains("/home/alice").contains("150.0 MiB");
        assertThat(cli("users", "rm", "bob#5678").out).isEqualTo("removed the mapping of bob#5678\n");
        assertThat(cli("routes", "ls").out).contains("alice#1234").contains("42001");
        assertThat(cli("drives", "ls").out).startsWith("UCLOUD USER");
        assertThat(cli("jobs", "ls").out).contains("4213").contains("991");
    }

    @Test
    void somethingThatDoesNotExistExitsOneWithIMServersWords() {
        Run show = cli("users", "show", "carol#1");
        assertThat(show.status).isEqualTo(CliFailure.NOT_FOUND);
        assertThat(show.err).isEqualTo("ucloud-im users show: no recorded mapping of carol#1\n");
        assertThat(cli("instances", "stop", "carol#1").status).isEqualTo(CliFailure.NOT_FOUND);
    }

    @Test
    void everyUnknownArgumentIsNamedAndIsAUsageError() {
        Run option = cli("users", "ls", "--bogus");
        assertThat(option.status).isEqualTo(CliFailure.USAGE);
        assertThat(option.err).contains("'--bogus'").contains("ucloud-im users ls --help");
        Run command = cli("users", "frobnicate");
        assertThat(command.status).isEqualTo(CliFailure.USAGE);
        assertThat(command.err).contains("frobnicate");
        Run extra = cli("routes", "ls", "surplus");
        assertThat(extra.status).isEqualTo(CliFailure.USAGE);
        assertThat(extra.err).contains("surplus");
        assertThat(cli("users", "show").err).contains("UCLOUD_USER");
        Run unknown = cli("nonsense");
        assertThat(unknown.status).isEqualTo(CliFailure.USAGE);
        assertThat(unknown.err).contains("'nonsense'").contains("Try 'ucloud-im --help'.");
        assertThat(asked).isEmpty();
    }

    @Test
    void everyCommandAndSubcommandHasHelp() {
        List<String> paths = new ArrayList<>();
        collect(UcloudImCommand.create(), List.of(), paths);
        assertThat(paths).contains("users ls", "users show", "users rm", "instances ls", "instances stop", "routes ls",
                "drives ls", "jobs ls", "sudoers", "completion", "config check", "server", "aot", "dev");
        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.add("--help");
            Run run = cli(args.toArray(String[]::new));
            assertThat(run.status).as(path).isZero();
            assertThat(run.out).as(path).startsWith("Usage: ucloud-im " + path);
        }
        assertThat(cli("--help").out).contains("users").contains("config").contains("Exit codes: 0 done");
        assertThat(asked).isEmpty();
    }

    @Test
    void versionIsTheBuildsProjectVersion() {
        Run run = cli("--version");
        assertThat(run.status).isZero();
        assertThat(run.out).matches("ucloud-im \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
        assertThat(cli("users", "ls", "--version").out).isEqualTo(run.out);
    }

    @Test
    void anUnreachableServerExits69AndABadConfigurationExits78() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("elsewhere"));
        FakeServer.writeConfig(etc, dir.resolve("nobody-listens.sock"));
        Run unreachable = CliTest.run("users", "ls", "--config-dir", etc.toString());
        assertThat(unreachable.status).isEqualTo(CliFailure.UNAVAILABLE);
        assertThat(unreachable.err).contains("cannot reach IM/Server").contains("nobody-listens.sock");
        Run broken = CliTest.run("users", "ls", "--config-dir", dir.resolve("missing").toString());
        assertThat(broken.status).isEqualTo(CliFailure.CONFIG);
        assertThat(broken.err).contains("config.yml");
    }

    @Test
    void aPeerIMServerRefusesExits77WithTheServersReason(@TempDir Path other) throws Exception {
        try (FakeServer refusing = FakeServer.start(other, peer -> PeerKind.LOCAL_USER, (peer, message) -> {
            throw new AssertionError("a refused peer reached the handler");
        })) {
            Run run = CliTest.run("users", "ls", "--config-dir", refusing.configDir.toString());
            assertThat(run.status).isEqualTo(CliFailure.REFUSED);
            assertThat(run.err).contains("refused").contains("not permitted").contains("server.adminGroup");
            assertThat(run.out).isEmpty();
        }
    }

    @Test
    void sudoersPrintsTheRuleWithoutIMServer() {
        Run run = CliTest.run("sudoers", "--config-dir", server.configDir.toString());
        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).contains("Cmnd_Alias").contains("ucloud-users");
        assertThat(asked).isEmpty();
    }

    @Test
    void theShippedCompletionScriptIsTheOneTheCommandTreeMakes() throws Exception {
        Run run = cli("completion");
        assertThat(run.status).isZero();
        assertThat(run.out).contains("complete -F").contains("users").contains("instances").contains("--json");
        Path shipped = Path.of("../im-dist/src/main/dist/share/bash-completion/completions/ucloud-im");
        assumeTrue(Files.exists(Path.of("../im-dist")), "needs the source tree (im-dist) beside this module");
        assertThat(Files.readString(shipped)).as("regenerate it with: ucloud-im completion > " + shipped).isEqualTo(run.out);
    }

    private static void collect(CommandLine line, List<String> prefix, List<String> paths) {
        for (var entry : line.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            paths.add(String.join(" ", path));
            collect(entry.getValue(), path, paths);
        }
    }

    /** An admin command against this test's server (its --config-dir added unless given). */
    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        boolean admin = !all.isEmpty() && List.of("users", "instances", "routes", "drives", "jobs").contains(all.getFirst())
                && !all.contains("--config-dir") && all.size() > 1 && !all.getLast().equals("--help")
                && !all.getLast().equals("--version") && !all.contains("--bogus");
        if (admin) {
            all.add("--config-dir");
            all.add(server.configDir.toString());
        }
        return run(all.toArray(String[]::new));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CliMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    record Run(int status, String out, String err) {
    }
}
