package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.QueueStatus;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.config.ProductCategory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmServerComputeTest {
    private static final String SACCT_FORMAT = "--format=JobIDRaw,User,State,ExitCode,ElapsedRaw,AllocTRES,Reason";
    private static final List<String> SINFO = List.of("-a", "-h", "-o", "%P|%a|%C");
    private static final String PARTITIONS = """
            debug*|up|1/1/0/2
            gpu|up|4/0/0/4
            old|down|0/0/8/8
            """;

    @TempDir
    Path dir;
    private FakeSlurm slurm;
    private SlurmServerCompute compute;
    private List<ProductCategory> categories;

    @BeforeEach
    void fake() {
        slurm = new FakeSlurm(dir);
        categories = slurm.config(category("cpu", "partition: debug") + category("gpu", "partition: gpu")
                + category("old", "partition: old") + category("plain", "") + category("wrong", "partition: nosuch"))
                .products();
        compute = new SlurmServerCompute(slurm.tools());
    }

    private static String category(String name, String placement) {
        return """
                %s:
                  type: compute
                  accountingUnit: {name: Core hour}
                  accountingFrequency: PERIODIC_MINUTE
                  %s
                  products:
                    - {name: %s-1}
                """.formatted(name, placement, name);
    }

    @Test
    void aPartitionSlurmDoesNotKnowIsOneSentenceNamingWhatItHas() throws Exception {
        slurm.answers("sinfo", 0, PARTITIONS, "");

        assertThat(compute.problems(categories)).containsExactly(
                "products.wrong.partition 'nosuch' is not a partition Slurm knows; Slurm has: debug, gpu, old");
        assertThat(slurm.onlyCall("sinfo")).isEqualTo(SINFO);
    }

    @Test
    void withoutPartitionsToCheckSinfoIsNotRun() throws Exception {
        List<ProductCategory> unplaced = categories.stream().filter(c -> c.placement().partition().isEmpty()).toList();

        assertThat(compute.problems(unplaced)).isEmpty();
        assertThat(slurm.argv("sinfo")).isEmpty();
    }

    @Test
    void aFailingSinfoIsRefusedAsTheSitesInItsWords() {
        slurm.answers("sinfo", 1, "", "sinfo: error: Unable to contact slurm controller (connect failure)\n");

        assertThatThrownBy(() -> compute.problems(categories))
                .isInstanceOfSatisfying(ComputeRefusal.class, e -> assertThat(e.userError()).isFalse())
                .hasMessage("sinfo: error: Unable to contact slurm controller (connect failure)");
    }

    @Test
    void eachCategoryHasItsPartitionsQueueStatusAndOneWithoutItTheDefaultPartitions() {
        slurm.answers("sinfo", 0, PARTITIONS, "");

        assertThat(compute.queueStatus(categories)).isEqualTo(Map.of(
                "cpu", QueueStatus.AVAILABLE, "gpu", QueueStatus.BUSY, "old", QueueStatus.FULL, "plain", QueueStatus.AVAILABLE));
        assertThat(slurm.onlyCall("sinfo")).isEqualTo(SINFO);
    }

    @Test
    void withoutADefaultPartitionACategoryWithoutOneIsLeftOut() {
        slurm.answers("sinfo", 0, "debug|up|0/2/0/2\n", "");

        assertThat(compute.queueStatus(categories)).containsOnlyKeys("cpu");
    }

    @Test
    void aFailingOrHangingSinfoGivesNoQueueStatusAndNoException() {
        slurm.answers("sinfo", 1, "", "sinfo: error: Unable to contact slurm controller (connect failure)\n");
        assertThat(compute.queueStatus(categories)).isEmpty();
        slurm.script("sinfo", "exec sleep 30");
        SlurmTools impatient = new SlurmTools(slurm.config().compute(), Map.of(),
                new SlurmTools.Limits(FakeSlurm.QUICK.userCall(), java.time.Duration.ofMillis(300), 1 << 16, 1 << 12));
        assertThat(new SlurmServerCompute(impatient).queueStatus(categories)).isEmpty();
    }

    @Test
    void aPollIsOneSacctOfAllUsersForTheJobsAskedFor() throws Exception {
        slurm.answers("sacct", 0, """
                5|imtalice|COMPLETED|0:0|10|billing=1,cpu=1,mem=500M,node=1|None
                4|imtbob|FAILED|3:0|20|billing=2,cpu=2,mem=500M,node=1,gres/gpu=1|None
                6|imtalice|CANCELLED by 1001|0:15|30|billing=1,cpu=1,mem=500M,node=1|None
                99|imtmallory|RUNNING|0:0|30|cpu=1|None
                """, "");

        List<Observation> observations = compute.poll(List.of("5", "4", "6", "4"));

        assertThat(slurm.onlyCall("sacct")).containsExactly("-a", "-X", "-n", "-P", "-j", "5,4,6", SACCT_FORMAT);
        assertThat(observations).containsExactly(
                new Observation("5", Optional.of("imtalice"), new JobStatus(UcloudJobState.SUCCESS, "Completed"), 10, 0),
                new Observation("4", Optional.of("imtbob"), new JobStatus(UcloudJobState.FAILURE, "Exited with code 3"), 40, 20),
                new Observation("6", Optional.of("imtalice"), new JobStatus(UcloudJobState.SUCCESS, "Cancelled"), 30, 0));
    }

    @Test
    void idsThatAreNotSlurmJobIdsAreSkippedAndNothingToPollRunsNothing() throws Exception {
        assertThat(compute.poll(List.of())).isEmpty();
        assertThat(compute.poll(List.of("-a", "1,2", ""))).isEmpty();
        assertThat(slurm.argv("sacct")).isEmpty();

        slurm.answers("sacct", 0, "7|imtalice|RUNNING|0:0|1|cpu=1|None\n", "");
        assertThat(compute.poll(List.of("--allusers", "7"))).extracting(Observation::providerJobId).containsExactly("7");
        assertThat(slurm.onlyCall("sacct")).contains("7");
    }

    @Test
    void aThousandJobsAreOneSacctAndMoreAreSplitIntoCallsOfAThousand() throws Exception {
        slurm.answers("sacct", 0, "", "");
        compute.poll(ids(1, 1000));
        assertThat(slurm.argv("sacct")).hasSize(1);

        compute.poll(ids(1, 2500));
        List<List<String>> calls = slurm.argv("sacct").subList(1, 4);
        assertThat(calls).extracting(call -> call.get(5).split(",").length).containsExactly(1000, 1000, 500);
        assertThat(calls.get(2).get(5)).startsWith("2001,").endsWith(",2500");
    }

    @Test
    void withoutAccountingOneSqueueOfAllJobsServesTheJobsAskedFor() throws Exception {
        slurm.answers("sacct", 1, "", "Slurm accounting storage is disabled\n");
        slurm.answers("squeue", 0, """
                5|imtalice|COMPLETED|2|0:10|None
                8|imtbob|RUNNING|4|1:00|None
                9|imtmallory|RUNNING|4|1:00|None
                """, "");

        assertThat(compute.poll(List.of("5", "8", "404"))).containsExactly(
                new Observation("5", Optional.of("imtalice"), new JobStatus(UcloudJobState.SUCCESS, "Completed"), 20, 0),
                new Observation("8", Optional.of("imtbob"), new JobStatus(UcloudJobState.RUNNING, "Running"), 240, 0));
        assertThat(slurm.onlyCall("squeue")).containsExactly("-h", "-a", "--states=all", "-o", "%A|%u|%T|%C|%M|%r");
    }

    @Test
    void aSacctFailureOtherThanNoAccountingIsRefusedAsTheSites() {
        slurm.answers("sacct", 1, "", "sacct: error: Problem talking to the database: Connection refused\n");

        assertThatThrownBy(() -> compute.poll(List.of("5")))
                .isInstanceOfSatisfying(ComputeRefusal.class, e -> assertThat(e.userError()).isFalse())
                .hasMessage("sacct: error: Problem talking to the database: Connection refused");
        assertThat(slurm.argv("squeue")).isEmpty();
    }

    @Test
    void aLineSacctPrintsThatCannotBeReadIsLeftOutAndTheOthersReported() throws Exception {
        slurm.answers("sacct", 0, "5|imtalice|SOMETHING_NEW|0:0|1|cpu=1|None\n6|imtalice|RUNNING|0:0|1|cpu=1|None\n", "");

        assertThat(compute.poll(List.of("5", "6"))).extracting(Observation::providerJobId).containsExactly("6");
    }

    private static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(String::valueOf).toList();
    }
}
