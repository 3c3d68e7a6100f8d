package dk.sdu.im.compute.local;

import static dk.sdu.im.compute.backend.UcloudJobState.FAILURE;
import static dk.sdu.im.compute.backend.UcloudJobState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.JobStatus;
import org.junit.jupiter.api.Test;

class EndingTest {
    @Test
    void exitValuesReadAsDecisionFiveSays() {
        assertThat(Ending.ofExit(0)).isEqualTo(new JobStatus(SUCCESS, "Completed"));
        assertThat(Ending.ofExit(3)).isEqualTo(new JobStatus(FAILURE, "Exited with code 3"));
        assertThat(Ending.ofExit(128)).isEqualTo(new JobStatus(FAILURE, "Exited with code 128"));
        assertThat(Ending.ofExit(137)).isEqualTo(new JobStatus(FAILURE, "Killed by signal SIGKILL"));
        assertThat(Ending.ofExit(139)).isEqualTo(new JobStatus(FAILURE, "Killed by signal SIGSEGV"));
        assertThat(Ending.ofExit(159)).isEqualTo(new JobStatus(FAILURE, "Killed by signal SIGSYS"));
        assertThat(Ending.ofExit(160)).as("a real-time signal or an exit code: not told apart")
                .isEqualTo(new JobStatus(FAILURE, "Exited with code 160"));
        assertThat(Ending.ofExit(255)).isEqualTo(new JobStatus(FAILURE, "Exited with code 255"));
    }

    @Test
    void providerIdsAreLocalAndUcloudsId() throws Exception {
        assertThat(ProviderIds.of("4711")).isEqualTo("local-4711");
        assertThat(ProviderIds.checked("local-4711")).isEqualTo("local-4711");
        for (String bad : new String[] {"4711", "local-", "local-47 11", "slurm-1", "local-../x"}) {
            assertThatThrownBy(() -> ProviderIds.checked(bad))
                    .isInstanceOfSatisfying(ComputeRefusal.class,
                            refusal -> assertThat(refusal.userError()).isTrue());
        }
        assertThatThrownBy(() -> ProviderIds.of("47/11"))
                .isInstanceOf(ComputeRefusal.class);
    }
}
