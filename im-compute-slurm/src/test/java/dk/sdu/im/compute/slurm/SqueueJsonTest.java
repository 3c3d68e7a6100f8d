package dk.sdu.im.compute.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqueueJsonTest {
    @Test
    void readsEveryJobSlurmctldStillHoldsInTheRunningCapture() {
        assertThat(SqueueJson.parse(Captures.read("squeue-running.json"))).containsExactly(
                new QueueRecord(1, "imtalice", SlurmState.FAILED),
                new QueueRecord(2, "imtalice", SlurmState.COMPLETED),
                new QueueRecord(3, "imtalice", SlurmState.CANCELLED),
                new QueueRecord(4, "imtalice", SlurmState.FAILED),
                new QueueRecord(5, "imtalice", SlurmState.COMPLETED),
                new QueueRecord(6, "imtalice", SlurmState.RUNNING));
    }

    @Test
    void readsAnEmptyQueue() {
        assertThat(SqueueJson.parse("{\"meta\":{},\"errors\":[],\"jobs\":[]}")).isEmpty();
    }

    @Test
    void refusesMalformedOrIncompleteOutput() {
        assertThatThrownBy(() -> SqueueJson.parse("{\"jobs\": [{\"job_id\": 1,"))
                .isInstanceOf(SlurmJsonException.class).hasMessageStartingWith("squeue: malformed JSON");
        assertThatThrownBy(() -> SqueueJson.parse("{\"jobs\":[{\"job_id\":1,\"job_state\":\"RUNNING\",\"user_name\":null}]}"))
                .isInstanceOf(SlurmJsonException.class).hasMessage("squeue.jobs[0].user_name: missing");
        assertThatThrownBy(() -> SqueueJson.parse("{\"jobs\":[{\"job_id\":1,\"job_state\":\"RUN\",\"user_name\":\"a\"}]}"))
                .isInstanceOf(SlurmJsonException.class).hasMessage("squeue.jobs[0].job_state: unknown Slurm job state 'RUN'");
        assertThatThrownBy(() -> SqueueJson.parse("{\"jobs\":[7]}"))
                .isInstanceOf(SlurmJsonException.class).hasMessage("squeue.jobs[0]: expected an object");
    }
}
