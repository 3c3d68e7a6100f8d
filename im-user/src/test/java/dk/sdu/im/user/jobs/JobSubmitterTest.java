package dk.sdu.im.user.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submitting one job as the user, with a real drive on disk and fakes for the backend and IM/Server: the job folder
 * and its script are made in the user's own drive, and any step that fails leaves no folder, no scheduler job and
 * nothing tracked.
 */
class JobSubmitterTest {
    static final String ALICE = "alice#1234";

    @TempDir
    Path temp;

    Path base;
    /** Alice's home drive, UCloud id 12; her scratch drive is id 13. */
    Path home;
    Path scratch;
    Path jobFolder;
    final FakeUserCompute compute = new FakeUserCompute();
    final FakeServerDesk desk = new FakeServerDesk();

    @BeforeEach
    void drives() throws Exception {
        base = temp.toRealPath();
        home = Files.createDirectories(base.resolve("home/alice"));
        scratch = Files.createDirectories(base.resolve("scratch/alice"));
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/in.txt"), "one\ntwo\n");
        jobFolder = home.resolve("Jobs/word-count/4213");
        desk.driveIds = Map.of("home", "12", "scratch", "13");
    }

    /** A submitter on a config.yml with the given extra lines in its {@code compute} section. */
    JobSubmitter submitter(String computeLines) throws Exception {
        Path etc = Files.createDirectories(base.resolve("etc"));
        Files.writeString(etc.resolve("config.yml"), """
                provider:
                  id: hpc
                  publicUrl: https://hpc.example.org
                core:
                  url: https://cloud.sdu.dk
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home}
                  cpu:
                    type: compute
                    accountingUnit: {name: Core}
                    accountingFrequency: PERIODIC_MINUTE
                    partition: batch
                    products:
                      - {name: cpu-2, cpu: 2, memoryInGigs: 8}
                drives:
                  home:
                    product: home
                  scratch:
                    product: home
                    path: %s/scratch/{localUsername}
                compute:
                  backend: slurm
                %s
                """.formatted(base, computeLines.indent(2).stripTrailing()));
        ImConfig config = ImConfig.load(etc);
        JobDrives drives = new JobDrives(desk::driveIds, config.drives(), () -> "alice", home);
        return new JobSubmitter(config, compute, drives, desk, () -> ALICE, new HeldObservations(ObservationSink.none()));
    }

    JobSubmitter submitter() throws Exception {
        return submitter("");
    }

    static ApiException refusal(JobSubmitter submitter, ObjectNode job) {
        try {
            submitter.submit(job);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theScriptIsWrittenToAFreshJobFolderInTheUsersDriveAndTheJobIsTracked() throws Exception {
        String id = submitter().submit(Jobs.wordCount());

        assertThat(id).isEqualTo(FakeUserCompute.ID);
        Path script = jobFolder.resolve("job.sbatch");
        assertThat(script).isRegularFile();
        assertThat(Files.readString(script)).isEqualTo("""
                #!/bin/bash
                #SBATCH --job-name='ucloud-4213-nightly_run'
                #SBATCH --cpus-per-task='2'

                'wc' '-l' '%s'
                """.formatted(home.resolve("data/in.txt")));
        assertThat(compute.scripts).containsExactly(Files.readString(script));
        assertThat(desk.tracked).containsExactly(new FakeServerDesk.Tracked("4213", FakeUserCompute.ID,
                "/12/Jobs/word-count/4213", "cpu", ""));
        assertThat(desk.asked).containsExactly("/cpu");
    }

    @Test
    void theSubmissionCarriesTheFolderTheMachineAndTheTimeLimit() throws Exception {
        submitter().submit(Jobs.wordCount());

        assertThat(compute.submissions).containsExactly(new Submission("4213", "ucloud-4213-nightly_run", jobFolder,
                jobFolder.resolve("job.sbatch"), jobFolder.resolve("stdout.txt"), jobFolder.resolve("stderr.txt"),
                new Submission.Machine(2, 8, 0, new Placement(Optional.of("batch"), Optional.empty(),
                        Optional.empty(), "gpu")),
                Optional.of(Duration.ofMinutes(90)), Optional.empty()));
    }

    @Test
    void theJobFolderFollowsTheConfiguredDriveAndPattern() throws Exception {
        submitter("drive: scratch\njobFolder: runs/{jobId}-{application}").submit(Jobs.wordCount());

        assertThat(scratch.resolve("runs/4213-word-count/job.sbatch")).isRegularFile();
        assertThat(desk.tracked).extracting(FakeServerDesk.Tracked::outputFolder)
                .containsExactly("/13/runs/4213-word-count");
    }

    @Test
    void aJobAnotherUserCreatedIsForbiddenAndNothingHappens() throws Exception {
        ObjectNode job = Jobs.wordCount();
        job.withObjectProperty("owner").put("createdBy", "mallory#6666");

        ApiException refused = refusal(submitter(), job);

        assertThat(refused.status()).isEqualTo(403);
        assertNothingHappened();
        assertThat(desk.asked).isEmpty();
    }

    @Test
    void anUnknownProductIsABadRequest() throws Exception {
        ObjectNode job = Jobs.wordCount();
        job.withObjectProperty("specification").withObjectProperty("product").put("id", "cpu-64");

        ApiException refused = refusal(submitter(), job);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.why()).isEqualTo("Unknown machine type cpu-64 (cpu)");
        assertNothingHappened();
    }

    @Test
    void anOwnerWithoutAllocationIsRefusedWith402AndIMServersReason() throws Exception {
        desk.noAllocation = "You have no allocation left for cpu on this provider; apply for more resources in UCloud";

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.why()).isEqualTo(desk.noAllocation);
        assertNothingHappened();
    }

    @Test
    void slurmRefusingTheJobIsABadRequestInSlurmsWordsAndTheFolderIsGone() throws Exception {
        compute.refusal = new ComputeRefusal("sbatch: error: Batch job submission failed: Invalid account", true);

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.why()).isEqualTo("sbatch: error: Batch job submission failed: Invalid account");
        assertThat(compute.submissions).hasSize(1);
        assertThat(jobFolder).doesNotExist();
        assertThat(desk.tracked).isEmpty();
    }

    @Test
    void aSiteFailureOfTheBackendIsAServerErrorAndTheFolderIsGone() throws Exception {
        compute.refusal = new ComputeRefusal("sbatch timed out", false);

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(500);
        assertThat(jobFolder).doesNotExist();
    }

    @Test
    void whenIMServerRefusesToTrackTheJobItIsCancelledAndTheFolderIsGone() throws Exception {
        desk.notTracked = "job 4213 is not one of your jobs";

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.why()).isEqualTo("job 4213 is not one of your jobs");
        assertThat(compute.cancelled).containsExactly(FakeUserCompute.ID);
        assertThat(jobFolder).doesNotExist();
    }

    @Test
    void anExistingJobFolderIsAConflictAndIsLeftAsItWas() throws Exception {
        Files.createDirectories(jobFolder);
        Files.writeString(jobFolder.resolve("notes.txt"), "mine");

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.why()).isEqualTo("The job folder /12/Jobs/word-count/4213 exists already");
        assertThat(jobFolder).isDirectoryContaining(p -> p.getFileName().toString().equals("notes.txt"));
        assertThat(jobFolder.resolve("job.sbatch")).doesNotExist();
        assertThat(compute.submissions).isEmpty();
        assertThat(desk.tracked).isEmpty();
    }

    @Test
    void aSymbolicLinkOnTheWayToTheJobFolderIsRefusedAndNothingIsWrittenOutsideTheDrive() throws Exception {
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.createSymbolicLink(home.resolve("Jobs"), outside);

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.why()).startsWith("The job folder /").contains("a file or a link is in the way")
                .doesNotContain(base.toString());
        assertThat(outside).isEmptyDirectory();
        assertNothingHappened();
    }

    @Test
    void aSymbolicLinkDeeperOnTheWayIsRefusedToo() throws Exception {
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.createDirectories(home.resolve("Jobs"));
        Files.createSymbolicLink(home.resolve("Jobs/word-count"), outside);

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.why()).startsWith("The job folder /").contains("a file or a link is in the way")
                .doesNotContain(base.toString());
        assertThat(outside).isEmptyDirectory();
        assertThat(compute.submissions).isEmpty();
    }

    @Test
    void aJobIdThatIsNotAPlainNameCannotPlaceTheFolderOutsideTheDrive() throws Exception {
        ObjectNode job = Jobs.wordCount();
        job.put("id", "../../../escaped");
        JobSubmitter submitter = submitter();

        assertThatThrownBy(() -> submitter.submit(job)).isInstanceOf(RuntimeException.class);

        try (Stream<Path> written = Files.walk(base)) {
            assertThat(written.map(p -> p.getFileName().toString())).doesNotContain("escaped", "job.sbatch");
        }
        assertThat(compute.submissions).isEmpty();
    }

    @Test
    void theFixedAccountPolicyChargesEveryJobToTheAccount() throws Exception {
        submitter("accountPolicy: fixed\naccount: hpc_acct").submit(Jobs.wordCount());

        assertThat(compute.submissions).extracting(Submission::account).containsExactly(Optional.of("hpc_acct"));
    }

    @Test
    void theProjectPolicyChargesAProjectJobToItsAccountAndAPersonalJobToTheDefault() throws Exception {
        JobSubmitter submitter = submitter("accountPolicy: project\naccountPattern: ucloud_{projectId}");
        ObjectNode projectJob = Jobs.wordCount();
        projectJob.withObjectProperty("owner").put("project", "9b1c2f0e");
        projectJob.put("id", "4214");

        submitter.submit(projectJob);
        submitter.submit(Jobs.wordCount());

        assertThat(compute.submissions).extracting(Submission::account)
                .containsExactly(Optional.of("ucloud_9b1c2f0e"), Optional.empty());
        assertThat(desk.tracked).extracting(FakeServerDesk.Tracked::project).containsExactly("9b1c2f0e", "");
        assertThat(desk.asked).containsExactly("9b1c2f0e/cpu", "/cpu");
    }

    @Test
    void aProjectWhoseAccountSlurmCannotHaveIsABadRequest() throws Exception {
        ObjectNode job = Jobs.wordCount();
        job.withObjectProperty("owner").put("project", "a/b c");

        ApiException refused = refusal(submitter("accountPolicy: project\naccountPattern: ucloud_{projectId}"), job);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.why()).isEqualTo("Project a/b c has no Slurm account on this provider");
        assertNothingHappened();
    }

    @Test
    void aFileInTheUsersOtherDriveResolvesThroughItsDriveId() throws Exception {
        Files.writeString(scratch.resolve("big.txt"), "x");
        ObjectNode job = Jobs.wordCount();
        ((ObjectNode) job.at("/specification/parameters/input")).put("path", "/13/big.txt");

        submitter().submit(job);

        assertThat(compute.scripts.getFirst()).endsWith("'wc' '-l' '" + scratch.resolve("big.txt") + "'\n");
    }

    @Test
    void aFileInADriveThatIsNotTheUsersIsForbiddenAndNothingIsWritten() throws Exception {
        ObjectNode job = Jobs.wordCount();
        ((ObjectNode) job.at("/specification/parameters/input")).put("path", "/99/data/in.txt");

        ApiException refused = refusal(submitter(), job);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.why()).isEqualTo("Not one of your drives: /99/data/in.txt");
        assertNothingHappened();
    }

    @Test
    void withoutRegisteredDrivesTheJobIsRefusedForNow() throws Exception {
        desk.driveIds = Map.of();

        ApiException refused = refusal(submitter(), Jobs.wordCount());

        assertThat(refused.status()).isEqualTo(503);
        assertNothingHappened();
    }

    /** No job folder, nothing handed to the scheduler, nothing tracked. */
    private void assertNothingHappened() {
        assertThat(home.resolve("Jobs")).satisfiesAnyOf(
                jobs -> assertThat(jobs).doesNotExist(),
                jobs -> assertThat(jobs.resolve("word-count/4213")).doesNotExist());
        assertThat(compute.submissions).isEmpty();
        assertThat(desk.tracked).isEmpty();
    }
}
