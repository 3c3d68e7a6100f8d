package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Slurm the system tier of issue #14 stands on: a real single-node cluster with slurmdbd accounting
 * ({@link SlurmCluster}), driven as the test accounts imtalice and imtbob. Proves that a batch job runs as its
 * submitter, that {@code sacct} reports completed, failed and cancelled jobs to that user, that one user cannot
 * cancel another's job, and how Slurm words a refused submission. Writes the JSON that {@code sacct} and
 * {@code squeue} printed to {@code target/slurm-captures/} (copied by hand to {@code src/test/resources/slurm/}
 * for parser tests). Needs root; skipped with a printed reason otherwise.
 */
class SlurmClusterSystemTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path CAPTURES = Path.of("target/slurm-captures");
    private static SlurmCluster cluster;
    private static Path aliceHome;

    @BeforeAll
    static void startCluster() throws IOException {
        if (!Host.root()) {
            System.err.println("SlurmClusterSystemTest skipped: needs root (installs Slurm, starts its daemons, creates accounts)");
        }
        assumeTrue(Host.root(), "needs root: installs Slurm, starts its daemons and creates the test accounts");
        Installation.accounts();
        aliceHome = Path.of(Host.must("getent", "passwd", ALICE).strip().split(":")[5]);
        cluster = SlurmCluster.start(SlurmCluster.DIR);
        Files.createDirectories(CAPTURES);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aBatchJobRunsAsItsSubmitterAndWritesItsOutputAsThatUser() throws IOException {
        Path output = aliceHome.resolve("slurm-systest-id.out");
        Files.deleteIfExists(output);
        String id = submit(ALICE, "--output=" + output, "--wrap=id -u");

        assertThat(Host.eventually(PATIENCE, () -> accounting(id).equals("COMPLETED|0:0")))
                .as("job %s as reported by sacct: %s", id, accounting(id)).isTrue();
        assertThat(Files.readString(output).strip()).isEqualTo(String.valueOf(Host.uid(ALICE)));
        assertThat(Files.getOwner(output).getName()).isEqualTo(ALICE);
        capture("sacct-completed.json", Host.must(cluster.as(ALICE, "sacct", "-j", id, "--json")));
    }

    @Test
    void aFailingJobIsReportedFailedWithItsExitCode() throws IOException {
        String id = submit(ALICE, "--output=" + aliceHome.resolve("slurm-systest-exit3.out"), "--wrap=exit 3");

        assertThat(Host.eventually(PATIENCE, () -> accounting(id).equals("FAILED|3:0")))
                .as("job %s as reported by sacct: %s", id, accounting(id)).isTrue();
        capture("sacct-failed.json", Host.must(cluster.as(ALICE, "sacct", "-j", id, "--json")));
    }

    @Test
    void anotherUserCannotCancelAJobButItsOwnerCan() throws IOException {
        String id = submit(ALICE, "--output=/dev/null", "--wrap=sleep 300");
        assertThat(Host.eventually(PATIENCE, () -> queueState(id).equals("RUNNING")))
                .as("job %s in squeue: %s", id, queueState(id)).isTrue();
        capture("squeue-running.json", Host.must(cluster.as(ALICE, "squeue", "--json")));

        Host.Streams refused = Host.runApart(cluster.as(BOB, "scancel", id));
        assertThat(refused.exit()).as("bob's scancel: %s", refused.err()).isNotZero();
        assertThat(refused.err()).contains("Access/permission denied");
        assertThat(queueState(id)).isEqualTo("RUNNING");

        Host.Streams cancelled = Host.runApart(cluster.as(ALICE, "scancel", id));
        assertThat(cancelled.exit()).as("alice's scancel: %s", cancelled.err()).isZero();
        assertThat(Host.eventually(PATIENCE, () -> accounting(id).startsWith("CANCELLED")))
                .as("job %s as reported by sacct: %s", id, accounting(id)).isTrue();
        capture("sacct-cancelled.json", Host.must(cluster.as(ALICE, "sacct", "-j", id, "--json")));
    }

    @Test
    void aJobForAPartitionThatDoesNotExistIsRefusedInSlurmsWords() {
        Host.Streams refused = Host.runApart(sbatch(ALICE, "--partition=nosuchpartition", "--output=/dev/null", "--wrap=true"));

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("Invalid partition name specified");
    }

    /** Submits a batch job as {@code user} from their home directory and returns its id. */
    private static String submit(String user, String... options) {
        Host.Streams submitted = Host.runApart(sbatch(user, options));
        assertThat(submitted.exit()).as("sbatch: %s", submitted.err()).isZero();
        assertThat(submitted.out().strip()).matches("[0-9]+");
        return submitted.out().strip();
    }

    private static String[] sbatch(String user, String... options) {
        String[] command = new String[options.length + 3];
        command[0] = "sbatch";
        command[1] = "--parsable";
        command[2] = "--chdir=" + aliceHome;
        System.arraycopy(options, 0, command, 3, options.length);
        return cluster.as(user, command);
    }

    /** "STATE|EXITCODE" of the job's allocation as alice sees it in sacct (empty until accounting has it). */
    private static String accounting(String id) {
        return Host.run(cluster.as(ALICE, "sacct", "-j", id, "-X", "-n", "-P", "--format=State,ExitCode")).output().strip();
    }

    /** The job's state in squeue as alice sees it, e.g. PENDING or RUNNING (empty once it left the queue). */
    private static String queueState(String id) {
        return Host.run(cluster.as(ALICE, "squeue", "-h", "-j", id, "-o", "%T")).output().strip();
    }

    private static void capture(String name, String json) throws IOException {
        Files.writeString(CAPTURES.resolve(name), json);
    }
}
